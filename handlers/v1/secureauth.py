"""SecureAuth (seed 001): second-factor verification and one-time codes, bare responses."""

from charter.http.context import current_actor
from charter.http.responses import json
from charter.http.uow import transaction
from charter.identity import mfa


async def verify_code(body):
    async with transaction() as session:
        result = await mfa.verify(
            session, current_actor(), body["user_id"], body["method"], body["code"]
        )
    return json(result)


async def send_otp(body):
    destination = body.get("phone") if body["method"] == "sms" else body.get("email")
    async with transaction() as session:
        result = await mfa.send_code(
            session, current_actor(), body["user_id"], body["method"], destination
        )
    return json(result, 202)
