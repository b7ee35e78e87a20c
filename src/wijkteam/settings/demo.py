"""Demo: SQLite, debug pages, demo accounts may skip two-factor. Never for real data."""

from .base import *  # noqa: F403
from .base import BASE_DIR, VAR_DIR
from .env import env_str

# Real error pages (not debug pages); `runserver --insecure` serves the static files.
DEBUG = False
WIJKTEAM_DEMO_MODE = True

# The iJw exchange folders under var/, and the schemas beside the project when present.
IJW_OUTBOX_DIR = env_str("IJW_OUTBOX_DIR", str(VAR_DIR / "ijw" / "outbox"))
IJW_INBOX_DIR = env_str("IJW_INBOX_DIR", str(VAR_DIR / "ijw" / "inbox"))
_SHARED_XSD = BASE_DIR.parent / "shared" / "ijw" / "xsd"
IJW_XSD_DIR = env_str("IJW_XSD_DIR", str(_SHARED_XSD) if _SHARED_XSD.is_dir() else "")
