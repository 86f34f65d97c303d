"""Turn Connexion's validation problems into field-named errors.

Connexion reports parameter errors without the parameter's name and embeds the schema in the
message; the parameter validator below names the parameter, and `field_errors` parses both kinds.
"""

from __future__ import annotations

import re

from connexion.validators.parameter import ParameterValidator

from charter.platform.errors import FieldError


class NamedParameterValidator(ParameterValidator):
    @staticmethod
    def validate_parameter(parameter_type, value, param, param_name=None):
        error = ParameterValidator.validate_parameter(parameter_type, value, param, param_name)
        if error and not error.startswith("Missing"):
            first = error.split("\n\n")[0].strip()
            return f"{first} - {parameter_type} parameter '{param['name']}'"
        return error


_PARAM = re.compile(
    r"^(?P<message>.*) - (?P<where>query|path|header|cookie|formData) parameter '(?P<name>[^']+)'$",
    re.S,
)
_MISSING = re.compile(r"^Missing (?P<where>\w+) parameter '(?P<name>[^']+)'$")
_EXTRA = re.compile(r"^Extra (?P<where>\w+) parameter\(s\) (?P<names>.+) not in spec$")
_BODY_PATH = re.compile(r"^(?P<message>.*) - '(?P<path>[^']*)'$", re.S)
_REQUIRED = re.compile(r"^'(?P<name>[^']+)' is a required property$")
_ADDITIONAL = re.compile(r"\('(?P<name>[^']+)' (?:was|were) unexpected\)")


_PATTERN = re.compile(r"^(?P<value>.*) does not match ['\"].*['\"]$", re.S)


def _clean(message: str) -> str:
    # Connexion quotes the schema's regular expression; the spec's description explains the format.
    if _PATTERN.match(message):
        return "is not in the expected format"
    return message


def field_errors(detail: str) -> list[FieldError]:
    return [FieldError(e.field, _clean(e.message)) for e in _field_errors(detail)]


def _field_errors(detail: str) -> list[FieldError]:
    detail = detail.split("\n\nFailed validating")[0].strip()
    if m := _PARAM.match(detail):
        return [FieldError(f"{m['where']}.{m['name']}", m["message"])]
    if m := _MISSING.match(detail):
        return [FieldError(f"{m['where']}.{m['name']}", "is required")]
    if m := _EXTRA.match(detail):
        return [
            FieldError(f"{m['where']}.{name.strip()}", "is not a parameter of this operation")
            for name in m["names"].split(",")
        ]
    if m := _BODY_PATH.match(detail):
        return [FieldError(f"body.{m['path']}" if m["path"] else "body", m["message"])]
    if m := _REQUIRED.match(detail):
        return [FieldError(f"body.{m['name']}", "is required")]
    if m := _ADDITIONAL.search(detail):
        return [FieldError(f"body.{m['name']}", "is not a known property")]
    return [FieldError("body", detail)]
