"""The one way to write the audit log.

Every view or API endpoint that shows personal data calls `log_read`; every service
that changes personal data calls `log_change`. Both write in the caller's database
transaction (requests are atomic), so an entry exists exactly when the read or change
happened: a rolled-back change leaves no entry, and a failing entry fails the change.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from ipaddress import ip_address

from django.conf import settings
from django.db import models, transaction

from .middleware import current_request_id
from .models import AuditAction, AuditEntry, AuditPurpose


@dataclass(frozen=True)
class AuditContext:
    """Who acts, from where, in which request and for what purpose."""

    actor_id: int | None
    actor_username: str
    client_address: str | None
    request_id: str
    purpose: str = AuditPurpose.CASEWORK

    @classmethod
    def from_request(cls, request, purpose: str = AuditPurpose.CASEWORK) -> "AuditContext":
        user = getattr(request, "user", None)
        authenticated = bool(user and user.is_authenticated)
        return cls(
            actor_id=user.pk if authenticated else None,
            actor_username=user.get_username() if authenticated else "",
            client_address=client_address(request),
            request_id=getattr(request, "request_id", "") or current_request_id(),
            purpose=purpose,
        )

    @classmethod
    def system(cls, purpose: str = AuditPurpose.ADMINISTRATION, name: str = "system"):
        """For management commands and scheduled jobs."""
        return cls(None, name, None, current_request_id(), purpose)


def client_address(request) -> str | None:
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.WIJKTEAM_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            candidate = forwarded.split(",")[0].strip()
    try:
        return str(ip_address(candidate))
    except ValueError:
        return None


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def _entry(ctx: AuditContext, action: str, object_type: str, object_id: str, detail: dict):
    return AuditEntry(
        actor_id=ctx.actor_id,
        actor_username=ctx.actor_username,
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=ctx.purpose,
        client_address=ctx.client_address,
        request_id=ctx.request_id,
        detail=detail,
    )


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "Audit entries are written inside the transaction of what they record; "
            "call this from a service wrapped in transaction.atomic or an atomic request."
        )


def log_read(
    request_or_ctx,
    objects: models.Model | Iterable[models.Model],
    *,
    purpose: str | None = None,
    action: str = AuditAction.VIEW,
    detail: dict | None = None,
) -> list[AuditEntry]:
    """Record that personal data in `objects` was shown. One INSERT for any number."""
    ctx = _context(request_or_ctx, purpose)
    items = [objects] if isinstance(objects, models.Model) else list(objects)
    if not items:
        return []
    _require_transaction()
    entries = [
        _entry(ctx, action, object_type_of(obj), str(obj.pk), dict(detail or {})) for obj in items
    ]
    return AuditEntry.objects.bulk_create(entries)


def log_search(request_or_ctx, object_type: str, *, result_count: int, purpose=None):
    """Record a search over personal data. The search terms are not stored (they may be
    a BSN or a name); the number of results is."""
    ctx = _context(request_or_ctx, purpose)
    _require_transaction()
    return _saved(_entry(ctx, AuditAction.SEARCH, object_type, "", {"results": result_count}))


def log_change(
    request_or_ctx,
    obj: models.Model,
    action: str,
    *,
    changed_fields: Iterable[str] = (),
    purpose: str | None = None,
) -> AuditEntry:
    """Record a create, update or delete. Field names only, never their values."""
    ctx = _context(request_or_ctx, purpose)
    _require_transaction()
    detail = {"fields": sorted(changed_fields)} if changed_fields else {}
    return _saved(_entry(ctx, action, object_type_of(obj), str(obj.pk), detail))


def log_event(ctx: AuditContext, action: str, object_type: str, object_id: str = "", detail=None):
    """Record an event that is not about one model row (sign-in, sign-out)."""
    return _saved(_entry(ctx, action, object_type, object_id, detail or {}))


def _saved(entry: AuditEntry) -> AuditEntry:
    entry.save()
    return entry


def _context(request_or_ctx, purpose: str | None) -> AuditContext:
    if isinstance(request_or_ctx, AuditContext):
        ctx = request_or_ctx
    else:
        ctx = AuditContext.from_request(request_or_ctx)
    if purpose is not None:
        ctx = AuditContext(
            ctx.actor_id, ctx.actor_username, ctx.client_address, ctx.request_id, purpose
        )
    return ctx
