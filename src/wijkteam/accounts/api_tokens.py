"""API tokens for systems: making, reading and checking them; issuing and revoking.

A token reads `wt_<prefix>_<secret>`: the prefix (12 hex characters) names the token and
finds its row, the secret (`secrets.token_urlsafe(32)`, 256 bits) is known only to the
system. The database keeps the SHA-256 of the secret, compared in constant time. Tokens
expire (`WIJKTEAM_API_TOKEN_DAYS`, at most `MAX_DAYS`) and can be revoked; issuing and
revoking are audited in the same transaction.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Reason, Verdict

from .models import ApiToken, User

TOKEN_KIND = "wt"
PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32
MAX_DAYS = 365
# last_used_at is written at most once per this interval per token (one cheap UPDATE).
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Longer input is not a token; it is refused before hashing.
MAX_TOKEN_LENGTH = 100


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(raw: str) -> tuple[str, str] | None:
    """The prefix and secret of `wt_<prefix>_<secret>`, or None when it is not one."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_KIND or not parts[1] or not parts[2]:
        return None
    prefix, secret = parts[1], parts[2]
    if len(prefix) != PREFIX_BYTES * 2 or any(c not in "0123456789abcdef" for c in prefix):
        return None
    return prefix, secret


# --- Rules (pure) ---------------------------------------------------------------------


def validity_verdict(days: int) -> Verdict:
    """May a token be issued for this many days?"""
    if not 1 <= days <= MAX_DAYS:
        return Verdict(
            False,
            (
                Reason(
                    "token_days_out_of_range",
                    _("A token is valid for 1 to %(max)d days, not %(days)d.")
                    % {"max": MAX_DAYS, "days": days},
                ),
            ),
        )
    return Verdict(True)


def token_verdict(
    *, expires_at: datetime, revoked_at: datetime | None, user_active: bool, now: datetime
) -> Verdict:
    """Does a token whose secret matched still authenticate? Revoked wins over expired."""
    if revoked_at is not None and revoked_at <= now:
        reason = Reason("token_revoked", _("This API token has been revoked."))
    elif expires_at <= now:
        reason = Reason(
            "token_expired",
            _("This API token expired on %(date)s. Ask the administrator for a new one.")
            % {"date": timezone.localtime(expires_at).strftime("%d-%m-%Y %H:%M")},
        )
    elif not user_active:
        reason = Reason("account_inactive", _("The account of this API token is not active."))
    else:
        return Verdict(True)
    return Verdict(False, (reason,))


def is_active(token: ApiToken, now: datetime) -> bool:
    return token.revoked_at is None and token.expires_at > now


# --- Reading and checking -------------------------------------------------------------


def find_token(raw: str) -> ApiToken | None:
    """The token row whose prefix and secret match `raw` (with its user), or None.

    The row is found by its public prefix; the secret's digest is compared in constant
    time, so the answer time says nothing about how much of a secret was right."""
    parts = split_token(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None:
        return None
    if not hmac.compare_digest(token.digest, digest_of(secret)):
        return None
    return token


def record_use(token: ApiToken, now: datetime) -> None:
    """Stamp last_used_at, at most once per LAST_USED_RESOLUTION: one UPDATE that only
    touches the row when the stamp is older (not audited: it is not a change of data)."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


# --- Changes (audited) ----------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, `wt_<prefix>_<secret>`: shown once, never stored


@transaction.atomic
def issue_api_token(
    ctx: AuditContext,
    *,
    user: User,
    days: int | None = None,
    description: str = "",
    issued_by: str = "",
    replace: bool = False,
    now: datetime | None = None,
) -> IssuedToken:
    """Issue a token to a (system) account. With `replace`, the account's other active
    tokens are revoked in the same transaction."""
    now = now or timezone.now()
    days = settings.WIJKTEAM_API_TOKEN_DAYS if days is None else days
    verdict = validity_verdict(days)
    if not verdict.allowed:
        raise RuleViolation(verdict)
    if not user.is_active:
        raise RuleViolation(
            Verdict(
                False,
                (
                    Reason(
                        "account_inactive",
                        _("The account %(username)s is not active.")
                        % {"username": user.get_username()},
                    ),
                ),
            )
        )
    if replace:
        revoke_api_tokens(ctx, active_tokens(user, now), revoked_by=issued_by, now=now)
    while True:
        prefix = secrets.token_hex(PREFIX_BYTES)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        user=user,
        prefix=prefix,
        digest=digest_of(secret),
        description=description,
        created_by=issued_by,
        expires_at=now + timedelta(days=days),
    )
    # The prefix is public; the secret and its digest are not audited.
    log_change(
        ctx,
        token,
        AuditAction.CREATE,
        changed_fields=("user", "prefix", "description", "expires_at"),
    )
    return IssuedToken(token, f"{TOKEN_KIND}_{prefix}_{secret}")


def active_tokens(user: User, now: datetime | None = None):
    now = now or timezone.now()
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now)


@transaction.atomic
def revoke_api_tokens(
    ctx: AuditContext,
    tokens: Iterable[ApiToken],
    *,
    revoked_by: str = "",
    now: datetime | None = None,
) -> list[ApiToken]:
    """Revoke the tokens not revoked yet (an expired token is revoked too, so the record
    says it may never work again). Returns those revoked now, each audited."""
    now = now or timezone.now()
    revoked = []
    pks = [token.pk for token in tokens]
    rows = (
        ApiToken.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk__in=pks, revoked_at__isnull=True)
        .order_by("pk")
    )
    for token in rows:
        token.revoked_at = now
        token.revoked_by = revoked_by
        token.save(update_fields=["revoked_at", "revoked_by"])
        log_change(ctx, token, AuditAction.UPDATE, changed_fields=("revoked_at", "revoked_by"))
        revoked.append(token)
    return revoked
