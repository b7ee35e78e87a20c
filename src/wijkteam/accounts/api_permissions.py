from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import ApiToken
from .two_factor import is_two_factor_satisfied


def is_token_request(request) -> bool:
    """Authenticated by an API token: an administrator issued it to a system account
    (manage.py issue_api_token), so there is no person to ask for a second factor. Only
    a token that ApiTokenAuthentication accepted (matching, not expired, not revoked) is
    ever `request.auth`."""
    return isinstance(getattr(request, "auth", None), ApiToken)


class IsVerified(BasePermission):
    message = _("Two-factor authentication is required.")

    def has_permission(self, request, view) -> bool:
        return is_token_request(request) or is_two_factor_satisfied(request.user)


class HasRequiredPermissions(BasePermission):
    """The Django permissions the view lists in `required_permissions` (from the user's
    roles, see roles.py). Which objects the user then sees is up to the QuerySets."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perms(getattr(view, "required_permissions", ()))
