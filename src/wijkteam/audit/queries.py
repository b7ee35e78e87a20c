"""Reads of the audit log; a team lead sees the trail of records their team may see."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from .models import AuditEntry


def _visible_records(user):
    from wijkteam.accounts.queries import staff_visible_to
    from wijkteam.people.queries import households_visible_to, residents_visible_to

    return {
        "people.household": households_visible_to,
        "people.resident": residents_visible_to,
        "accounts.user": staff_visible_to,
    }


AUDITABLE_TYPES = ("people.household", "people.resident", "accounts.user")


def record_for_audit(user, object_type: str, object_id: int):
    """The record whose trail is asked for, if this user may see it; else LookupError."""
    visible = _visible_records(user).get(object_type)
    if visible is None:
        raise LookupError(object_type)
    record = visible(user).filter(pk=object_id).first()
    if record is None:
        raise LookupError(object_id)
    return record


def field_labels(object_type: str, names: list[str]) -> list[str]:
    """The translated names of changed fields, for people reading the trail."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return list(names)
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def trail_of(object_type: str, object_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id))
