"""Demo: SQLite, debug pages, demo accounts may skip two-factor. Never for real data."""

from .base import *  # noqa: F403

# Real error pages (not debug pages); `runserver --insecure` serves the static files.
DEBUG = False
WIJKTEAM_DEMO_MODE = True
