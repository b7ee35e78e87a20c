"""Tests (make test and CI): SQLite unless DATABASE_URL is set; fast hashing."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES
from .env import env_str

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"]["TEST"] = {"NAME": None}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The iJw schemas beside the project (../shared/ijw/xsd), so every message is checked.
IJW_XSD_DIR = env_str("IJW_XSD_DIR", str(BASE_DIR.parent / "shared" / "ijw" / "xsd"))
