"""A new version of a shared file, uploaded through its link (seed 001: an `edit` share lets its
recipient "also upload a new version"). No credentials: the link is the capability.

The link is checked twice: before the body is read (`admit`, from the upload pipeline, so a
link that may not upload costs no bytes), then again in the upload's transaction with the
file's row locked (`save`), where the upload becomes the file's next version exactly as an
overwrite through `POST /v2/files/upload` does: same id, path and name, charged to the quota
of the organization that owns the file, the previous blob deleted once it commits, announced
as `file.created`. The audit trail records the share as the actor.

A `view` share is 403; a password-protected share needs the token of the signed URL its unlock
answered, in `X-Share-Unlock` (the password itself never travels again); expired or revoked
links are 410, locked ones 423.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.files import service, sharing
from charter.files.uploads import Upload
from charter.identity.principals import Actor
from charter.platform.errors import Malformed, PermissionDenied
from storage.models import File, FileShare

ANSWERED = ("name", "size", "upload_time", "content_type", "checksum", "version")


@dataclass(frozen=True)
class ShareActor:
    """The recipient of a share link, as the audit trail records them."""

    share: FileShare
    ip: str | None = None
    request_id: str | None = None

    @property
    def actor_type(self) -> str:
        return "share"

    @property
    def actor_id(self) -> str | None:
        return self.share.id

    def require(self) -> FileShare:  # the tenant: the share's organization and mode
        return self.share


def _may_upload(share: FileShare, file: File, unlock: str | None) -> None:
    if share.permissions != "edit":
        raise PermissionDenied(
            "This share lets its recipient view the file, not upload a new version"
        )
    if file.type != "file":  # a directory shared before directories could not be
        raise Malformed("A directory cannot take a new version", field="path.token")
    sharing.check_unlocked(share, file, unlock)


async def admit(session: AsyncSession, token: str, unlock: str | None) -> None:
    """Raise what the upload would answer if this link may not upload (checked before the
    body is read)."""
    share, file = await sharing.open_share(session, token)
    _may_upload(share, file, unlock)


async def save(
    session: AsyncSession, actor: Actor, token: str, unlock: str | None, upload: Upload
) -> dict[str, Any]:
    """The received upload as the shared file's next version; what the recipient may see of
    it (not the file's id or path in the owner's tree)."""
    share, file = await sharing.open_share(session, token, lock=True)
    _may_upload(share, file, unlock)
    by = ShareActor(share, ip=actor.ip, request_id=actor.request_id)
    stored = await service.replace_version(
        session, by, file, upload, details={"share_id": share.id}
    )
    return {key: stored[key] for key in ANSWERED}
