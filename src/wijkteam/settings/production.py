"""Production: refuses unsafe values, turns on HSTS, secure cookies and the CSP."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, MIDDLEWARE, SECRET_KEY, WIJKTEAM_DEMO_MODE
from .checks import unsafe_production_settings
from .env import env_bool, env_int

_problems = unsafe_production_settings(
    debug=DEBUG,
    secret_key=SECRET_KEY,
    allowed_hosts=ALLOWED_HOSTS,
    demo_mode=WIJKTEAM_DEMO_MODE or env_bool("WIJKTEAM_DEMO_MODE", False),
)
if _problems:
    raise ImproperlyConfigured("Refusing to start: " + " ".join(_problems))

SECURE_HSTS_SECONDS = env_int("WIJKTEAM_HSTS_SECONDS", 31_536_000, minimum=1)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = env_bool("WIJKTEAM_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if env_bool("WIJKTEAM_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# WhiteNoise serves the collected static files right after the security middleware.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
