from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .two_factor import is_two_factor_satisfied


class IsVerified(BasePermission):
    message = _("Two-factor authentication is required.")

    def has_permission(self, request, view) -> bool:
        return is_two_factor_satisfied(request.user)
