"""SecureAuth (seed 001): second-factor verification and one-time codes, bare responses."""

from charter import mfa
from charter.context import current_actor
from handlers.common import json


def verify_code(body):
    return json(mfa.verify(current_actor(), body["user_id"], body["method"], body["code"]))


def send_otp(body):
    destination = body.get("phone") if body["method"] == "sms" else body.get("email")
    return json(mfa.send_code(current_actor(), body["user_id"], body["method"], destination), 202)
