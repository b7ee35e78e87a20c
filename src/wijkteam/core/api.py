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
