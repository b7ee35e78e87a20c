"""Sending: a message is recorded in the database in the transaction of what it reports
(the decision issued, the message received), validated against its schema first, and
written to the outbox folder after that transaction commits. Writing is idempotent: a
temporary file is linked to its final name, which never replaces an existing file, and
the row is marked written; `write_pending` (the `ijw_outbox` command) writes whatever is
still waiting, so a crash or a full disk only delays a message, never sends it twice.
"""

import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import ReferenceCounter
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Reason, Verdict

from . import build, schema
from .models import Direction, Message, MessageStatus

logger = logging.getLogger(__name__)

IDENTIFICATION_PREFIX = "WT"


def next_number(key: str) -> int:
    """The next number of a gap-free counter (row-locked)."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(key=key)
    ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1)
    return counter.value + 1


def next_identification() -> str:
    """A message identification unique for this sender (TR056): WT + ten digits."""
    return f"{IDENTIFICATION_PREFIX}{next_number('IJW-MESSAGE'):010d}"


def next_allocation_number() -> int:
    """The allocation number (ToewijzingNummer), unique in the municipality (TR332)."""
    return next_number("IJW-ALLOCATION")


def file_name(kind: str, identification: str) -> str:
    """Kind and identification only: never a BSN or a name."""
    return f"{kind}_{identification}.xml"


def refuse_invalid(kind: str, errors) -> RuleViolation:
    return RuleViolation(
        Verdict(
            False,
            (
                Reason(
                    "message_invalid",
                    _("The %(kind)s message does not pass the iJw schema: %(errors)s")
                    % {"kind": kind, "errors": "; ".join(errors[:3])},
                ),
            ),
        )
    )


@transaction.atomic
def queue(
    ctx: AuditContext,
    *,
    kind: str,
    xml: bytes,
    identification: str,
    dated_on,
    sender: str,
    receiver: str,
    provider=None,
    case=None,
    decisions=(),
    in_reply_to: Message | None = None,
    now: datetime | None = None,
) -> Message:
    """Record a message to send (in the caller's transaction) and have it written to the
    outbox once that transaction commits. A message that fails its schema is refused
    (RuleViolation `message_invalid`), so nothing leaves that a provider must reject."""
    result = schema.validate(kind, xml)
    if result.checked and result.errors:
        raise refuse_invalid(kind, list(result.errors))
    message = Message.objects.create(
        direction=Direction.OUT,
        kind=kind,
        status=MessageStatus.PENDING,
        identification=identification,
        dated_on=dated_on,
        sender=sender,
        receiver=receiver,
        provider=provider,
        case=case,
        in_reply_to=in_reply_to,
        schema_valid=result.valid,
        xml=xml.decode("utf-8"),
        file_name=file_name(kind, identification),
        created_at=now or timezone.now(),
    )
    if decisions:
        message.decisions.set(decisions)
    log_change(ctx, message, AuditAction.CREATE, changed_fields=("kind", "status"))
    transaction.on_commit(lambda: write_pending([message.pk]))
    return message


def header_for(kind: str, receiver: str, now: datetime) -> build.Header:
    return build.Header(
        sender=settings.WIJKTEAM_MUNICIPALITY_CODE,
        receiver=receiver,
        identification=next_identification(),
        dated_on=timezone.localdate(now),
        xsd_versions=schema.xsd_versions(kind),
    )


# --- Writing the outbox -------------------------------------------------------------------


def outbox_folder() -> Path | None:
    folder = settings.IJW_OUTBOX_DIR
    return Path(folder) if folder else None


class OutboxConflict(RuntimeError):
    """A different file of the same name is in the outbox: never overwritten."""


def _write_file(folder: Path, name: str, content: bytes) -> None:
    """Write `content` to folder/name so that the name appears complete or not at all,
    and an existing file is never replaced. Rerunning after a crash finds the file and
    is satisfied when it is the same."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists():
        if target.read_bytes() == content:
            return
        raise OutboxConflict(name)
    temporary = folder / f".{name}.{uuid.uuid4().hex}.tmp"
    with temporary.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(temporary, target)  # fails when the name exists: no replacing
    except FileExistsError:
        if target.read_bytes() != content:
            raise OutboxConflict(name) from None
    finally:
        temporary.unlink(missing_ok=True)


@dataclass(frozen=True)
class WriteResult:
    written: int
    waiting: int
    failed: int = 0


def write_pending(ids: list[int] | None = None, *, now: datetime | None = None) -> WriteResult:
    """Write waiting messages to the outbox (all of them, or these). Each message is
    locked while it is written, so two processes never write the same one; one that
    cannot be written stays waiting and is tried again next time."""
    folder = outbox_folder()
    pending = Message.objects.filter(direction=Direction.OUT, status=MessageStatus.PENDING)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    if folder is None:
        return WriteResult(0, pending.count())
    written = failed = 0
    ctx = AuditContext.system(name="ijw_outbox")
    for pk in list(pending.order_by("created_at", "pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                message = (
                    Message.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, status=MessageStatus.PENDING)
                    .first()
                )
                if message is None:
                    continue
                _write_file(folder, message.file_name, message.xml.encode("utf-8"))
                message.status = MessageStatus.WRITTEN
                message.written_at = now or timezone.now()
                message.save(update_fields=["status", "written_at"])
                log_change(ctx, message, AuditAction.UPDATE, changed_fields=("status",))
                written += 1
        except (OSError, OutboxConflict) as exc:
            failed += 1
            logger.error("iJw message %s not written to the outbox: %s", pk, type(exc).__name__)
    waiting = Message.objects.filter(direction=Direction.OUT, status=MessageStatus.PENDING).count()
    return WriteResult(written, waiting, failed)
