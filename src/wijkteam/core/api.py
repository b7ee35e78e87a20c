"""API conventions: errors as a machine-readable body with a Dutch message."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" in data:
        code = getattr(data["detail"], "code", "error")
        response.data = {"code": code, "message": str(data["detail"])}
    else:
        response.data = {"code": "invalid", "message": _("The input is not valid."), "fields": data}
    return response


class ErrorSerializer(serializers.Serializer):
    """The body of every API error: a stable code and a Dutch message."""

    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(required=False)
