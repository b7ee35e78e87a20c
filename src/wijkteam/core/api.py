"""API conventions: errors as a machine-readable body with a Dutch message.

Every error has a stable `code` and a `message`; input errors add `fields` (the messages
per field, nested as the input is). Domain refusals are mapped here, in one place:
`RuleViolation` is a 400 with the first reason's code, `ConcurrentEditError` a 409.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from .errors import ConcurrentEditError, RuleViolation

API_CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed this record after the version you sent. Fetch it again and "
    "send your change with its current version."
)


def exception_handler(exc, context):
    if isinstance(exc, RuleViolation):
        set_rollback()
        return Response(rule_violation_body(exc, context), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ConcurrentEditError):
        set_rollback()
        body = {"code": "conflict", "message": str(API_CONFLICT_MESSAGE)}
        return Response(body, status=status.HTTP_409_CONFLICT)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    challenge = getattr(exc, "challenge", None)
    if challenge:
        # A presented API token was refused: 401 with a challenge, whatever DRF chose
        # (it answers 403 when session authentication comes first).
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response["WWW-Authenticate"] = challenge
    if isinstance(exc, ParseError):
        # DRF's text carries the parser's own (English) error; say it plainly instead.
        response.data = {
            "code": "parse_error",
            "message": _("The request body could not be read: send valid JSON."),
        }
    elif isinstance(data, dict) and "detail" in data:
        code = getattr(data["detail"], "code", "error")
        response.data = {"code": code, "message": str(data["detail"])}
    else:
        response.data = {"code": "invalid", "message": _("The input is not valid."), "fields": data}
    return response


def rule_violation_body(exc: RuleViolation, context) -> dict:
    """The first reason's code and all messages; reasons the view maps to an input field
    (its `rule_fields`: reason code -> field name) are repeated under `fields`."""
    verdict = exc.verdict
    field_of = getattr(context.get("view"), "rule_fields", {})
    body = {
        "code": verdict.codes[0] if verdict.reasons else "refused",
        "message": verdict.message or str(exc),
    }
    fields: dict[str, list[str]] = {}
    for reason in verdict.reasons:
        if reason.code in field_of:
            fields.setdefault(field_of[reason.code], []).append(reason.message)
    if fields:
        body["fields"] = fields
    return body


class ErrorSerializer(serializers.Serializer):
    """The body of every API error: a stable code and a Dutch message."""

    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(required=False)


TOKEN_REFUSED_DESCRIPTION = (
    "The API token was refused: `authentication_failed` (unknown or malformed), "
    "`token_expired`, `token_revoked` or `account_inactive`; with a `WWW-Authenticate` "
    "challenge."
)


def document_token_refusal(result, generator, request, public):
    """drf-spectacular post-processing: every operation that accepts an API token
    documents the 401 a refused token gets, with the error body."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            schemes = {name for entry in operation.get("security", []) for name in entry}
            if "tokenAuth" not in schemes:
                continue
            responses = operation.setdefault("responses", {})
            if "401" in responses:
                continue
            refusal = {
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                "description": TOKEN_REFUSED_DESCRIPTION,
            }
            # In its place among the others, which keep their order.
            codes = list(responses)
            at = next((i for i, code in enumerate(codes) if str(code) > "401"), len(codes))
            items = list(responses.items())
            operation["responses"] = dict([*items[:at], ("401", refusal), *items[at:]])
    return result
