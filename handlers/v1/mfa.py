"""v1 TOTP enrolment for the calling user."""

from charter import mfa
from charter.context import current_actor
from handlers.common import json


def start_totp_enrollment(user_id):
    return json({"data": mfa.enroll_totp(current_actor(), user_id)})


def confirm_totp(user_id, body):
    return json({"data": mfa.confirm_totp(current_actor(), user_id, body["code"])})


def disable_totp(user_id, body):
    return json({"data": mfa.disable_totp(current_actor(), user_id, body["code"])})
