"""Sharing a file with someone who has no account (seed 001's share), and signed download URLs.

A share is a link `/v2/shares/{token}`: the token is random (256 bits), shown in the link only,
and stored as its keyed hash. The recipient gets the link through the same sender mechanism as
one-time codes (charter.platform.senders: the log sender in development, the signed webhook
bridge in production). A password-protected share gets a generated password, shown once to the
sharer, who passes it on separately: it never travels with the link, nor in any URL. The
link's origin is CHARTER_PUBLIC_URL; in production sharing refuses to run without it (503)
rather than email a link whose origin came from the request's Host header. The
recipient unlocks with it (`POST .../unlock`) and gets a short-lived signed download URL; wrong
passwords are counted and lock the share after MAX_ATTEMPTS (423). An expired or revoked share
answers 410.

Signed URLs (`/v2/downloads/{token}`): `<payload>.<HMAC-SHA256>` in base64url, the payload
naming the file, its organization and mode, the share (when unlocked from one: a revoked share
stops its URLs too) and the expiry. No credentials are needed to use one.
"""

from __future__ import annotations

import base64
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.files import service
from charter.identity import passwords
from charter.identity.principals import Actor
from charter.platform import crypto, runtime, senders
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import (
    Gone,
    InvalidCredentials,
    Locked,
    Malformed,
    NotFound,
    Unauthenticated,
)
from charter.platform.paging import Page
from storage.models import File, FileShare
from storage.repositories import files as repo
from storage.repositories.common import add

MAX_ATTEMPTS = 5
UNLOCK_SECONDS = 300  # the life of the download URL an unlock answers
PASSWORD_BYTES = 12


def _token_hash(token: str) -> str:
    return crypto.keyed_hash(token, "file-share")


def share_url(base_url: str, token: str) -> str:
    return f"{base_url}/v2/shares/{token}"


def to_dict(share: Any) -> dict[str, Any]:
    return {
        "id": share.id,
        "file_id": share.file_id,
        "email": crypto.decrypt(share.email_enc),
        "permissions": share.permissions,
        "expires_at": isoformat(share.expires_at),
        "password_protected": share.password_hash is not None,
        "status": _status(share, utcnow()),
        "created_at": isoformat(share.created_at),
    }


def _status(share: Any, now: datetime) -> str:
    if share.revoked_at is not None:
        return "revoked"
    if share.expires_at is not None and share.expires_at <= now:
        return "expired"
    if share.locked_at is not None:
        return "locked"
    return "active"


async def create(
    session: AsyncSession, actor: Actor, file_id: str, fields: dict[str, Any], base_url: str
) -> dict[str, Any]:
    """Share a file (seed 001's body); the answer holds the link and, for a password-protected
    share, the password (shown this once). Announces `file.shared`; sends the link."""
    principal = actor.require()
    # Without CHARTER_PUBLIC_URL the link's origin would come from the request's Host header,
    # which the caller chooses: an email from us carrying the caller's domain.
    runtime.current().settings.require_public_url("Sharing by email")
    now = utcnow()
    expires_at = fields.get("expires_at")
    if expires_at is not None and expires_at <= now:
        raise Malformed("expires_at must be in the future", field="body.expires_at")
    password = secrets.token_urlsafe(PASSWORD_BYTES) if fields.get("password_protected") else None
    # Hashed before the first statement: on SQLite the transaction holds the one write lock
    # from its first statement on.
    password_hash = await passwords.hash_password(password) if password else None
    file = await service.get_file(session, actor, file_id)  # a directory is 400
    token = secrets.token_urlsafe(32)
    email = fields["email"].strip()
    share = await add(
        session,
        FileShare(
            id=new_id("shr"),
            file_id=file.id,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            token_hash=_token_hash(token),
            email_enc=crypto.encrypt(email),
            permissions=fields.get("permissions", "view"),
            expires_at=expires_at,
            password_hash=password_hash,
            failed_attempts=0,
            locked_at=None,
            revoked_at=None,
            created_at=now,
        ),
    )
    url = share_url(base_url, token)
    await _announce(session, actor, file, share, "created")
    message = {
        "method": "email",
        "kind": "file_share",
        "user_id": principal.user_id or principal.id,
        "to": email,
        "file_name": file.name,
        "url": url,
        "password_protected": password is not None,
        "expires_at": isoformat(expires_at),
    }
    await senders.send(message)
    answer = {**to_dict(share), "url": url}
    if password is not None:
        answer["password"] = password
    return answer


async def _announce(
    session: AsyncSession, actor: Actor, file: File, share: FileShare, action: str
) -> None:
    await audit.announce(
        session,
        actor,
        event="file.shared",
        resource_type="file",
        resource_id=file.id,
        organization_id=file.organization_id,
        livemode=file.livemode,
        details={"share_id": share.id, "action": action, "permissions": share.permissions},
        payload={
            "file_id": file.id,
            "name": file.name,
            "share_id": share.id,
            "action": action,
            "permissions": share.permissions,
            "expires_at": isoformat(share.expires_at),
        },
    )


async def list_shares(
    session: AsyncSession, actor: Actor, file_id: str, *, limit: int, offset: int
) -> Page:
    file = await service.get(session, actor, file_id)
    rows, total = await repo.shares_of(session, file_id=file.id, limit=limit, offset=offset)
    return Page(items=[to_dict(row) for row in rows], total=total, limit=limit, offset=offset)


async def revoke(session: AsyncSession, actor: Actor, file_id: str, share_id: str) -> None:
    file = await service.get(session, actor, file_id)
    share = await repo.share(session, file_id=file.id, share_id=share_id)
    if share is None:
        raise NotFound("Share not found")
    if share.revoked_at is None:
        share.revoked_at = utcnow()
        await _announce(session, actor, file, share, "revoked")


# public access ---------------------------------------------------------------------------------


async def open_share(
    session: AsyncSession, token: str, *, lock: bool = False
) -> tuple[FileShare, File]:
    """The share and its file (with `lock`, the rows of its organization and of the file
    locked); 404 unknown, 410 expired or revoked, 423 locked."""
    share = await repo.share_by_token(session, _token_hash(token))
    if share is None:
        raise NotFound("Share not found")
    status = _status(share, utcnow())
    if status in ("revoked", "expired"):
        raise Gone(f"This share link has {'been revoked' if status == 'revoked' else 'expired'}")
    if status == "locked":
        raise Locked("This share is locked after too many wrong passwords")
    if lock:  # the organization's row before the file's, as every writer of files
        await repo.lock_organization(session, share.organization_id)
    file = await session.get(File, share.file_id, with_for_update=lock or None)
    if file is None:
        raise Gone("The shared file was deleted")
    return share, file


async def describe(session: AsyncSession, token: str) -> dict[str, Any]:
    share, file = await open_share(session, token)
    return {
        "name": file.name,
        "size": file.size,
        "type": file.type,
        "content_type": file.content_type,
        "modified": isoformat(file.modified_at),
        "permissions": share.permissions,
        "expires_at": isoformat(share.expires_at),
        "password_protected": share.password_hash is not None,
    }


async def open_for_download(session: AsyncSession, token: str) -> File:
    share, file = await open_share(session, token)
    if share.password_hash is not None:
        raise Unauthenticated("This share is password protected: unlock it first")
    if file.type != "file":
        raise Malformed("A directory cannot be downloaded", field="path.token")
    return file


async def unlock(
    session: AsyncSession, token: str, password: str, base_url: str
) -> dict[str, Any] | InvalidCredentials | Locked:
    """A signed download URL for the right password; a wrong one is counted (returned, not
    raised, so the count commits) and the share locks at MAX_ATTEMPTS. The attempt is counted
    atomically before the password is checked, so parallel guesses check at most MAX_ATTEMPTS
    passwords in all."""
    share, file = await open_share(session, token)
    if share.password_hash is None:
        raise Malformed("This share has no password", field="body.password")
    attempt = await repo.spend_share_attempt(session, share.id, MAX_ATTEMPTS)
    if attempt is None:  # concurrent wrong passwords used the last attempts meanwhile
        raise Locked("This share is locked after too many wrong passwords")
    if await passwords.verify_password(share.password_hash, password):
        await repo.settle_share_attempt(session, share.id, right=True)
        return signed_url(file, base_url, UNLOCK_SECONDS, share_id=share.id)
    if attempt >= MAX_ATTEMPTS:
        await repo.settle_share_attempt(session, share.id, right=False, locked_at=utcnow())
        return Locked("Wrong password; the share is now locked after too many attempts")
    return InvalidCredentials(f"Wrong password ({MAX_ATTEMPTS - attempt} attempts left)")


# signed URLs -----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(body: str) -> str:
    digest = crypto.keyed_digest("file-url")
    digest.update(body.encode())
    return _b64(digest.digest())


def signed_url(
    file: File, base_url: str, seconds: int, *, share_id: str | None = None
) -> dict[str, Any]:
    expires = utcnow() + timedelta(seconds=seconds)
    payload = {
        "f": file.id,
        "o": file.organization_id,
        "l": file.livemode,
        "v": file.version,
        "s": share_id,
        "e": int(expires.timestamp()),
    }
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    return {"url": f"{base_url}/v2/downloads/{body}.{_mac(body)}", "expires_at": isoformat(expires)}


async def create_url(
    session: AsyncSession, actor: Actor, file_id: str, seconds: int, base_url: str
) -> dict[str, Any]:
    limit = runtime.current().settings.file_url_max_seconds
    if seconds > limit:
        raise Malformed(f"expires_in is at most {limit} seconds", field="body.expires_in")
    file = await service.get_file(session, actor, file_id)
    return signed_url(file, base_url, seconds)


def _verified(token: str) -> dict[str, Any]:
    """The payload of a signed URL's token; 404 for a bad signature, 410 once it expired."""
    body, _, mac = token.partition(".")
    if not body or not mac or not crypto.constant_time_equal(mac, _mac(body)):
        raise NotFound("Unknown or tampered download link")
    try:
        payload = json.loads(_unb64(body))
    except ValueError:
        raise NotFound("Unknown or tampered download link") from None
    if not isinstance(payload, dict):
        raise NotFound("Unknown or tampered download link")
    if payload["e"] <= utcnow().timestamp():
        raise Gone("This download link has expired")
    return payload


async def open_signed(session: AsyncSession, token: str) -> File:
    """The file a signed URL names; 404 for a bad signature or a changed/deleted file, 410
    once it expired or its share ended."""
    payload = _verified(token)
    file = await session.get(File, payload["f"])
    if (
        file is None
        or file.organization_id != payload["o"]
        or file.livemode != payload["l"]
        or file.version != payload["v"]
    ):
        raise NotFound("The file of this link was deleted or replaced")
    if file.type != "file":  # a directory shared before directories could not be
        raise Malformed("A directory cannot be downloaded", field="path.token")
    if payload.get("s"):
        share = await session.get(FileShare, payload["s"])
        if share is None or _status(share, utcnow()) in ("revoked", "expired"):
            raise Gone("The share of this link has ended")
    return file


def check_unlocked(share: FileShare, file: File, unlock: str | None) -> None:
    """A password-protected share's upload carries the token of the download URL its unlock
    answered (`X-Share-Unlock`): signed, unexpired, and unlocked from this very share. It
    stays good for uploads after the file's version changes (a download URL does not)."""
    if share.password_hash is None:
        return
    if not unlock:
        raise Unauthenticated(
            "This share is password protected: unlock it, then send the token of the URL the "
            "unlock answered in X-Share-Unlock"
        )
    try:
        payload = _verified(unlock.rsplit("/", 1)[-1])
    except (NotFound, Gone) as exc:
        raise Unauthenticated(f"X-Share-Unlock: {exc.message}; unlock the share again") from None
    if payload.get("s") != share.id or payload.get("f") != file.id:
        raise Unauthenticated("X-Share-Unlock was not unlocked from this share")
