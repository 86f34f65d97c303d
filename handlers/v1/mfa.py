"""v1 TOTP enrolment for the calling user."""

from charter.http.context import current_actor
from charter.http.responses import json
from charter.http.uow import raise_if_error, transaction
from charter.identity import mfa


async def start_totp_enrollment(user_id):
    async with transaction() as session:
        enrollment = await mfa.enroll_totp(session, current_actor(), user_id)
    return json({"data": enrollment})


async def confirm_totp(user_id, body):
    async with transaction() as session:
        result = await mfa.confirm_totp(session, current_actor(), user_id, body["code"])
    return json({"data": result})


async def disable_totp(user_id, body):
    async with transaction() as session:
        outcome = await mfa.disable_totp(session, current_actor(), user_id, body["code"])
    return json({"data": raise_if_error(outcome)})  # a wrong code's count is committed first
