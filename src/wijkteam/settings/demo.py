"""Demo: SQLite, debug pages, demo accounts may skip two-factor. Never for real data."""

from .base import *  # noqa: F403

DEBUG = True
WIJKTEAM_DEMO_MODE = True
