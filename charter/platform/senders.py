"""Where one-time codes go: a development sender (logs, keeps the last codes for tests) or a
webhook sender that POSTs a signed JSON message to a bridge for any SMS or mail provider."""

from __future__ import annotations

import collections
import hashlib
import hmac
import json
import logging
from typing import Any

from charter.platform import outbound, runtime
from charter.platform.errors import Unavailable

log = logging.getLogger("charter.otp")
# The development sender's last messages, newest last (read by tests and local tooling).
sent: collections.deque[dict[str, Any]] = collections.deque(maxlen=200)


async def send(message: dict[str, Any]) -> None:
    """Deliver a one-time code (or a file share's link) through the configured sender."""
    settings = runtime.current().settings
    if settings.otp_sender == "webhook":
        body = json.dumps(message, sort_keys=True).encode()
        # A secret of its own: the bridge that checks signatures learns nothing that signs tokens.
        secret = settings.otp_webhook_secret.encode()
        signature = hmac.new(secret, body, hashlib.sha256).hexdigest()
        await outbound.post_json(
            settings.otp_webhook_url,
            body,
            headers={"X-Charter-Signature": f"sha256={signature}"},
        )
        return
    if settings.env == "production":
        raise Unavailable("No one-time code sender is configured (CHARTER_OTP_SENDER=webhook)")
    sent.append(message)
    log.warning(
        "development OTP sender: code not delivered",
        extra={
            "fields": {
                "method": message["method"],
                "user_id": message["user_id"],
                # A one-time code, or a file share's link (charter.files.sharing).
                **{k: v for k, v in message.items() if k in ("code", "kind", "url")},
            }
        },
    )
