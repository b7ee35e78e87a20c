"""Pure checks on settings values; production.py refuses to start when any fails."""

from collections.abc import Iterable

DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 50


def unsafe_production_settings(
    *,
    debug: bool,
    secret_key: str,
    allowed_hosts: Iterable[str],
    demo_mode: bool,
) -> list[str]:
    """Return what is unsafe about these values for production (empty when all is well)."""
    problems = []
    if debug:
        problems.append("DJANGO_DEBUG is on; production must run with DEBUG off.")
    if not secret_key or secret_key == DEFAULT_SECRET_KEY:
        problems.append("DJANGO_SECRET_KEY is missing or the development default.")
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"DJANGO_SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters.")
    hosts = [host for host in allowed_hosts if host]
    if not hosts:
        problems.append("DJANGO_ALLOWED_HOSTS is empty.")
    elif "*" in hosts:
        problems.append("DJANGO_ALLOWED_HOSTS may not contain '*'.")
    if demo_mode:
        problems.append(
            "WIJKTEAM_DEMO_MODE is on; demo accounts may not skip two-factor in production."
        )
    return problems
