"""Two-factor authentication is required for every staff member."""

from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user

from .two_factor import is_two_factor_satisfied

# Paths a signed-in but not yet verified user may reach: setting up a device, signing
# out, switching language, and static files.
_OPEN_URL_NAMES = (
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "two_factor:login",
    "logout",
    "set_language",
)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open_paths is None:
            self._open_paths = tuple(reverse(name) for name in _OPEN_URL_NAMES)
        return self._open_paths

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not is_two_factor_satisfied(user)
            and not request.path.startswith(("/static/", "/api/"))
            and request.path not in self.open_paths()
        ):
            if any(devices_for_user(user, confirmed=True)):
                # Signed in without the second factor (for example through another
                # login form): sign out and ask again, with the token.
                logout(request)
                return redirect(f"{reverse('two_factor:login')}?next={request.path}")
            return redirect("two_factor:setup")
        return self.get_response(request)
