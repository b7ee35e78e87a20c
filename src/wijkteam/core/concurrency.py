"""Optimistic locking: a change names the version it was based on; a stale one is refused.

Models that people edit carry a `version` integer. A form sends the version it showed;
`claim_next_version` moves the row to the next version only if nobody saved it in
between, in the same transaction as the change, so one of two concurrent edits wins and
the other gets a clear conflict with its input kept.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .errors import ConcurrentEditError

CONFLICT_MESSAGE = _(
    "Someone else changed this record after you opened it. Your input is still below: "
    "open the record again in a new tab to see the latest version, then save again."
)


def is_current(model: type[models.Model], pk, expected_version: int | None) -> bool:
    """Lock the row (PostgreSQL) and say whether it is still at the expected version."""
    current = (
        model._default_manager.select_for_update()
        .filter(pk=pk)
        .values_list("version", flat=True)
        .first()
    )
    return current is not None and current == expected_version


def claim_next_version(obj: models.Model, expected_version: int | None) -> None:
    """Move the row to the next version, or raise ConcurrentEditError if it is stale."""
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if updated != 1:
        raise ConcurrentEditError(str(CONFLICT_MESSAGE))
    obj.version = expected_version + 1
