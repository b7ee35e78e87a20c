"""How often one client address may send a public form: a fixed window per hour.

The counter lives in Django's cache, so with Redis (`WIJKTEAM_REDIS_URL`) every process
shares it; with the default local-memory cache each process counts for itself.
"""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def _key(scope: str, address: str | None) -> str:
    return f"wijkteam:public-form:{scope}:{address or 'unknown'}"


def allow_submission(
    scope: str, address: str | None, *, limit: int | None = None, window: int = WINDOW_SECONDS
) -> bool:
    """Count one submission of form `scope` from `address`; False when over the limit.

    `cache.add` starts the window only when no counter exists, `cache.incr` counts
    atomically (also in Redis) without moving the window's end.
    """
    if limit is None:
        limit = settings.WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR
    key = _key(scope, address)
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr: start a new one
            cache.add(key, 1, timeout=window)
            count = 1
    return count <= limit
