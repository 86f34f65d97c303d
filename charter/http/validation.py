"""Turn Connexion's validation problems into field-named errors that never echo a secret.

Connexion reports parameter errors without the parameter's name, and both kinds of error with
jsonschema's messages, which quote the submitted value whole. Here every message names the
field and the rule; it quotes a value only when it is a short scalar of a field the spec does
not mark secret (`writeOnly: true` or `format: password`), and then at most `QUOTE_CHARS` of
it. JSON bodies are parsed here too, with a documented nesting limit (`MAX_JSON_DEPTH`).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator
from connexion.utils import is_null, is_nullable
from connexion.validators import FormDataValidator, JSONRequestBodyValidator
from connexion.validators import MultiPartFormDataValidator as _MultiPartValidator
from connexion.validators.parameter import ParameterValidator, draft4_format_checker
from jsonschema import Draft4Validator, ValidationError, validators

from charter.platform.errors import FieldError, Malformed, UnsupportedMediaType

MAX_JSON_DEPTH = 64  # arrays and objects nested deeper are refused (400); documented in the specs
QUOTE_CHARS = 40  # at most this much of a (non-secret) submitted value is quoted back
_NAME_CHARS = 64  # at most this much of a property name (the client's, when unknown)

# (schema, its validator), by the schema's identity: the definitions live as long as the app,
# and a validator is built once instead of per request (Connexion 3.3 builds one per parameter
# and per body of every request).
_validators: dict[int, tuple[Mapping[str, Any], Draft4Validator]] = {}


@functools.lru_cache(maxsize=256)
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema's `pattern` (ECMA-262, as JSON Schema defines it) for Python's `re`: an `$`
    outside a character class is the end of the text, as in ECMA-262, where Python's also
    matches before a final line break (`"john@example.com\\n"` passed `^...$`)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"does not match {pattern!r}")


_ECMA = {
    cls: validators.extend(cls, {"pattern": _pattern})
    for cls in (Draft4Validator, Draft4RequestValidator)
}


def _cached(schema: Mapping[str, Any], cls: Any = Draft4Validator) -> Draft4Validator:
    entry = _validators.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = (schema, _ECMA[cls](schema, format_checker=draft4_format_checker))
        _validators[id(schema)] = entry
    return entry[1]


# --- messages ---------------------------------------------------------------------------------


def is_secret(schema: Any) -> bool:
    return isinstance(schema, Mapping) and bool(
        schema.get("writeOnly") or schema.get("x-writeOnly") or schema.get("format") == "password"
    )


def _secret_on_the_way(root: Any, error: ValidationError) -> bool:
    """Whether the failing schema, or one it lies inside, marks its value secret."""
    if is_secret(error.schema):
        return True
    node = root
    for part in error.schema_path:
        if is_secret(node):
            return True
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return False


def quote(value: Any) -> str:
    """A short scalar as `repr` shows it, cut to QUOTE_CHARS; '' for objects and arrays."""
    if isinstance(value, str):
        return repr(value[:QUOTE_CHARS]) + ("..." if len(value) > QUOTE_CHARS else "")
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= QUOTE_CHARS else f"a number of {len(text)} characters"
    return ""


def _types(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " or ".join(f"'{name}'" for name in names)


def _choices(values: Iterable[Any]) -> str:
    listed = [repr(v) for v in values]
    shown = ", ".join(listed[:10]) + (", ..." if len(listed) > 10 else "")
    return f"[{shown}]"


def _rule(error: ValidationError) -> str:
    """What the value breaks, in words that never contain the value."""
    keyword, bound, schema = error.validator, error.validator_value, error.schema
    exclusive = isinstance(schema, Mapping) and schema.get(f"exclusive{str(keyword).title()}")
    rules = {
        "type": lambda: f"is not of type {_types(bound)}",
        "minLength": lambda: f"is too short (at least {bound} characters)",
        "maxLength": lambda: f"is too long (at most {bound} characters)",
        "minimum": lambda: f"is less than {'or equal to ' if exclusive else ''}the minimum {bound}",
        "maximum": lambda: f"is more than {'or equal to ' if exclusive else ''}the maximum {bound}",
        "multipleOf": lambda: f"is not a multiple of {bound}",
        "pattern": lambda: "is not in the expected format",
        "format": lambda: f"is not a valid {bound}",
        "enum": lambda: f"is not one of {_choices(bound)}",
        "minItems": lambda: f"has fewer than {bound} items",
        "maxItems": lambda: f"has more than {bound} items",
        "uniqueItems": lambda: "has repeated items",
        "minProperties": lambda: f"has fewer than {bound} properties",
        "maxProperties": lambda: f"has more than {bound} properties",
        "oneOf": lambda: "does not match exactly one of the allowed forms",
        "anyOf": lambda: "does not match any of the allowed forms",
        "not": lambda: "is not allowed",
    }
    make = rules.get(str(keyword))
    return make() if make is not None else "is not valid"


def _name(part: Any) -> str:
    text = str(part)
    return text if len(text) <= _NAME_CHARS else text[:_NAME_CHARS] + "..."


def _unknown_property(error: ValidationError) -> str:
    known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
    patterns = (
        error.schema.get("patternProperties", {}) if isinstance(error.schema, Mapping) else {}
    )
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    extras = [
        key for key in instance if key not in known and not any(re.search(p, key) for p in patterns)
    ]
    return sorted(extras)[0] if extras else ""


def describe(error: ValidationError, root: Any = None) -> tuple[list[str], str]:
    """(path to the field, message) for a jsonschema error; the value quoted only if allowed."""
    path = [_name(part) for part in error.path]
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        missing = [name for name in error.validator_value if name not in instance]
        return path + [_name(missing[0])] if missing else path, "is required"
    if error.validator == "additionalProperties" and error.validator_value is False:
        unknown = _unknown_property(error)
        return path + [_name(unknown)] if unknown else path, "is not a known property"
    rule = _rule(error)
    # A value that breaks a pattern is not quoted: the message says the format is wrong, and
    # the spec's description says what the format is (as the schema's regular expression does not).
    unquoted = error.validator == "pattern" or _secret_on_the_way(root, error)
    shown = "" if unquoted else quote(error.instance)
    return path, f"{shown} {rule}" if shown else rule


def failed(errors: list[FieldError]) -> Malformed:
    """The 400 for a request that does not match the spec (as rendering words Connexion's)."""
    summary = "Request failed validation"
    if errors:
        summary += f": {errors[0].field}: {errors[0].message}"
    return Malformed(summary, errors=errors)


# --- JSON ---------------------------------------------------------------------------------------


class _NotJson(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def _too_deep(document: Any) -> bool:
    stack = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if depth > MAX_JSON_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def parse_json(text: str) -> Any:
    """json.loads with the limits answered as 400s: nesting, NaN/Infinity, number length."""
    problem = None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, _NotJson) as error:
        problem = str(error)
    except RecursionError:
        problem = f"is nested deeper than {MAX_JSON_DEPTH} levels"
    except ValueError:  # an integer beyond Python's conversion limit
        problem = f"holds a number longer than {sys.get_int_max_str_digits()} digits"
    else:
        deep = isinstance(document, dict | list) and (
            text.count("[") + text.count("{") > MAX_JSON_DEPTH and _too_deep(document)
        )
        if not deep:
            return document
        problem = f"is nested deeper than {MAX_JSON_DEPTH} levels"
    raise failed([FieldError("body", problem)])


def decode(body: bytes, encoding: str) -> str:
    try:
        return body.decode(encoding)
    except LookupError:
        raise UnsupportedMediaType(f"Unknown charset {encoding[:_NAME_CHARS]!r}") from None
    except UnicodeDecodeError:
        raise failed([FieldError("body", f"is not valid {encoding[:_NAME_CHARS]}")]) from None


# --- Connexion validators -----------------------------------------------------------------------


def _raise_described(validator: Draft4Validator, schema: Any, body: Any) -> None:
    error = next(iter(validator.iter_errors(body)), None)
    if error is not None:
        path, message = describe(error, schema)
        raise failed([FieldError(".".join(["body", *path]), message)])


# The scope key under which the validated JSON body is kept for the handler.
PARSED_JSON = "charter_json"


class JSONBodyValidator(JSONRequestBodyValidator):
    """Connexion's JSON body validation: bounded parsing, described errors, one validator per
    schema."""

    async def _parse(self, stream: Any, scope: Any) -> Any:
        text = decode(b"".join([message async for message in stream]), self._encoding)
        body = parse_json(text) if text else None
        scope[PARSED_JSON] = body  # the handler's `body` (charter.http.app), not parsed again
        return body

    def _validate(self, body: Any) -> dict | None:
        if not self._nullable and body is None:
            raise failed([FieldError("body", "must not be empty")])
        _raise_described(_cached(self._schema, Draft4RequestValidator), self._schema, body)
        return None


class _DescribedForm:
    _schema: dict[str, Any]
    _strict_validation: bool

    def _validate(self, body: Any) -> dict | None:
        if not isinstance(body, dict):
            raise failed([FieldError("body", "must be a form")])
        # A form whose schema allows other fields says so (`additionalProperties: true`): OAuth
        # endpoints must ignore parameters they do not know (RFC 6749 3.1, 3.2).
        if self._strict_validation and self._schema.get("additionalProperties") is not True:
            extra = sorted(set(body) - set(self._schema.get("properties", {})))
            if extra:
                raise failed([FieldError(f"body.{_name(extra[0])}", "is not a known field")])
        _raise_described(_cached(self._schema, Draft4RequestValidator), self._schema, body)
        return None


class FormBodyValidator(_DescribedForm, FormDataValidator):
    """Connexion joins a repeated form field's values with commas; a field the schema declares,
    other than as an array, may be sent once (RFC 6749 3.1 and 3.2: "parameters MUST NOT be
    included more than once"), so a repeat is refused, naming it."""

    async def _parse(self, stream: Any, scope: Any) -> Any:
        raw = b"".join([chunk async for chunk in stream])
        properties = self._schema.get("properties", {})
        seen: set[str] = set()
        for key, _ in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
            # Only the schema's own fields: unknown ones are ignored (RFC 6749 3.1, 3.2).
            if key in seen and key in properties and properties[key].get("type") != "array":
                raise failed([FieldError(f"body.{_name(key)}", "is repeated: send it once")])
            seen.add(key)

        async def again() -> Any:
            yield raw

        return await super()._parse(again(), scope)


class MultiPartBodyValidator(_DescribedForm, _MultiPartValidator):
    pass


BODY_VALIDATORS = MediaTypeDict(
    {
        "*/*json": JSONBodyValidator,
        "application/x-www-form-urlencoded": FormBodyValidator,
        "multipart/form-data": MultiPartBodyValidator,
    }
)


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
        schema = param.get("schema", param)
        error = next(iter(_cached(schema).iter_errors(value)), None)
        if error is None:
            return None
        _, message = describe(error, schema)
        return f"{message} - {parameter_type} parameter '{param['name']}'"


# --- Connexion's own messages -------------------------------------------------------------------

_PARAM = re.compile(
    r"^(?P<message>.*) - (?P<where>query|path|header|cookie|formData) parameter '(?P<name>[^']+)'$",
    re.S,
)
_MISSING = re.compile(r"^Missing (?P<where>\w+) parameter '(?P<name>[^']+)'$")
_EXTRA = re.compile(r"^Extra (?P<where>\w+) parameter\(s\) (?P<names>.+) not in spec$")
_BODY_PATH = re.compile(r"^(?P<message>.*) - '(?P<path>[^']*)'$", re.S)
_REQUIRED = re.compile(r"^'(?P<name>[^']+)' is a required property$")
_ADDITIONAL = re.compile(r"\('(?P<name>[^']+)' (?:was|were) unexpected\)")


def field_errors(detail: str) -> list[FieldError]:
    """Field errors parsed from the detail of a Connexion problem (400)."""
    detail = detail.split("\n\nFailed validating")[0].strip()
    if m := _PARAM.match(detail):
        return [FieldError(f"{m['where']}.{m['name']}", m["message"])]
    if m := _MISSING.match(detail):
        return [FieldError(f"{m['where']}.{m['name']}", "is required")]
    if m := _EXTRA.match(detail):
        return [
            FieldError(
                f"{m['where']}.{_name(name.strip())}", "is not a parameter of this operation"
            )
            for name in m["names"].split(",")
        ]
    if m := _BODY_PATH.match(detail):
        return [FieldError(f"body.{m['path']}" if m["path"] else "body", m["message"])]
    if m := _REQUIRED.match(detail):
        return [FieldError(f"body.{m['name']}", "is required")]
    if m := _ADDITIONAL.search(detail):
        return [FieldError(f"body.{_name(m['name'])}", "is not a known property")]
    return [FieldError("body", detail[:200])]
