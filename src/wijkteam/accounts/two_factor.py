"""Whether a signed-in user has passed two-factor authentication."""

from django.conf import settings


def is_two_factor_satisfied(user) -> bool:
    if not user.is_authenticated:
        return False
    if settings.WIJKTEAM_DEMO_MODE and getattr(user, "is_demo_account", False):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
