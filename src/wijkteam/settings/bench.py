"""The benchmark (`make bench`): production's settings, served over plain HTTP on loopback.

Everything production hardens stays: DEBUG off, the refusal of unsafe values (secret key,
hosts, demo mode), the CSP, WhiteNoise with the static manifest, two-factor for every
staff page, the idle timeout and the audit log. Only what needs TLS is relaxed (secure
cookies, the HTTPS redirect, HSTS), because the benchmark's server listens on 127.0.0.1
only and the host is forced to it. It adds the `bench` app: the framework floor view and
the command that signs in the benchmark's users. Never serve anyone else with it.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

INSTALLED_APPS = [*INSTALLED_APPS, "wijkteam.bench"]
ROOT_URLCONF = "wijkteam.bench.urls"
