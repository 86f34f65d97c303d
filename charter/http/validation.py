"""Turn Connexion's validation problems into field-named errors.

Connexion reports parameter errors without the parameter's name and embeds the schema in the
message; the parameter validator below names the parameter, and `field_errors` parses both kinds.
"""

from __future__ import annotations

import re
from typing import Any

from connexion.utils import is_null, is_nullable
from connexion.validators.parameter import ParameterValidator, draft4_format_checker
from jsonschema import Draft4Validator, ValidationError

from charter.platform.errors import FieldError

# (parameter definition, its validator), by the definition's identity: the definitions live as
# long as the app, and a validator is built once instead of per request (Connexion 3.3 deep-copies
# the definition and builds a validator for every parameter of every request).
_validators: dict[int, tuple[dict[str, Any], Draft4Validator]] = {}


def _validator_for(param: dict[str, Any]) -> Draft4Validator:
    entry = _validators.get(id(param))
    if entry is None or entry[0] is not param:
        schema = param.get("schema", param)
        entry = (param, Draft4Validator(schema, format_checker=draft4_format_checker))
        _validators[id(param)] = entry
    return entry[1]


class NamedParameterValidator(ParameterValidator):
    """Connexion's parameter validation, naming the parameter in its errors."""

    @staticmethod
    def validate_parameter(parameter_type, value, param, param_name=None):
        if is_nullable(param) and is_null(value):
            return None
        if value is None:
            if param.get("required"):
                return f"Missing {parameter_type} parameter '{param['name']}'"
            return None
        try:
            _validator_for(param).validate(value)
        except ValidationError as exception:
            first = str(exception).split("\n\n")[0].strip()
            return f"{first} - {parameter_type} parameter '{param['name']}'"
        return None


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
