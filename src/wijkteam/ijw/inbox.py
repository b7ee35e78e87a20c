"""Receiving: one file at a time, each in its own transaction, so a bad file never stops
the others and never leaves half a change. Every message is checked against its schema
and the rules that concern the municipality; it is recorded with its status and answered
with its return message (JW306, JW308, JW316) in the outbox. A provider's return on an
allocation (JW302) is recorded on the allocation message and shown on the decision.

What the messages do: a start (JW305) and a stop (JW307) of care are kept per decision,
the stop with its closure reason for the outcome figures; a request for allocation
(JW315) becomes a registration in the team's queue, answered later by a decision.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkteam.allocation.models import Decision, DecisionStatus
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases import services as cases
from wijkteam.cases.models import Channel, ReferrerType, Urgency
from wijkteam.core.errors import RuleViolation
from wijkteam.people.models import MemberRole, Resident
from wijkteam.providers.models import Provider

from . import build, rules, schema
from .codes import describe
from .models import (
    CareDelivery,
    Direction,
    Message,
    MessageStatus,
    RequestedProduct,
    needs_attention,
)
from .outbox import next_identification, queue
from .parse import NotXml, ParsedMessage, parse

logger = logging.getLogger(__name__)

# COD327 referrer → the registration's channel and referrer (docs/ijw.md).
CHANNEL_OF_REFERRER = {
    "2": Channel.GP,
    "3": Channel.SPECIALIST,
    "4": Channel.CERTIFIED_INSTITUTION,
    "5": Channel.SPECIALIST,
}
REFERRER_TYPE_OF_REFERRER = {
    "2": ReferrerType.GP,
    "3": ReferrerType.OTHER_PROFESSIONAL,
    "4": ReferrerType.CERTIFIED_INSTITUTION,
    "5": ReferrerType.SPECIALIST,
    "6": ReferrerType.SELF,
}
CRISIS_CATEGORY = "46"


@dataclass
class ImportResult:
    name: str
    status: str  # accepted, rejected, skipped
    kind: str = ""
    message: Message | None = None
    reply: Message | None = None
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        reply = f", {self.reply.kind} {self.reply.identification}" if self.reply else ""
        problems = f": {'; '.join(self.problems)}" if self.problems else ""
        return f"{self.name}: {self.kind or '?'} {self.status}{reply}{problems}"


def safe_name(name: str) -> str:
    """The received file's name as recorded: a run of nine digits (perhaps a BSN) masked."""
    return re.sub(r"\d{9}", "•" * 9, Path(name).name)[:200]


def import_path(path: Path, *, now: datetime | None = None) -> ImportResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(safe_name(path.name), "rejected", problems=[type(exc).__name__])
    return import_bytes(path.name, data, now=now)


def import_bytes(name: str, data: bytes, *, now: datetime | None = None) -> ImportResult:
    """Import one received file. The same file twice is skipped (its content is on
    record); another file with an identification already used gets 9056."""
    now = now or timezone.now()
    digest = hashlib.sha256(data).hexdigest()
    name = safe_name(name)
    if Message.objects.filter(direction=Direction.IN, content_hash=digest).exists():
        return ImportResult(name, "skipped", problems=[_("already imported")])
    for attempt in (1, 2):
        try:
            with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
                return _Import(name, data, digest, now).run()
        except IntegrityError:
            # Another process recorded the same identification meanwhile: the second
            # attempt sees it and answers 9056.
            if attempt == 2:
                break
        except Exception as exc:  # noqa: BLE001 — one bad file must not stop the rest
            logger.error("iJw import of %s failed: %s", name, type(exc).__name__)
            break
    with transaction.atomic():
        message = _record(
            name,
            data,
            digest,
            now,
            kind="",
            status=MessageStatus.REJECTED,
            problems=[_("The file could not be processed; it is kept for inspection.")],
        )
    return ImportResult(name, "rejected", message=message, problems=message.problems)


def _record(name, data, digest, now, **fields) -> Message:
    fields.setdefault(
        "attention", needs_attention(fields["status"], fields.get("return_codes", ()))
    )
    message = Message.objects.create(
        direction=Direction.IN,
        xml=data.decode("utf-8", errors="replace"),
        file_name=name,
        content_hash=digest,
        created_at=now,
        **fields,
    )
    log_change(
        AuditContext.system(name="ijw_import"),
        message,
        AuditAction.CREATE,
        changed_fields=("kind", "status"),
    )
    return message


class _Import:
    """One received file, from reading to the return message."""

    def __init__(self, name: str, data: bytes, digest: str, now: datetime):
        self.name, self.data, self.digest, self.now = name, data, digest, now
        self.ctx = AuditContext.system(name="ijw_import")
        self.today = timezone.localdate(now)
        self.municipality = settings.WIJKTEAM_MUNICIPALITY_CODE

    def run(self) -> ImportResult:
        try:
            parsed = parse(self.data)
        except NotXml as exc:
            return self._rejected_without_return(
                "", [_("Not an XML document (%(why)s).") % {"why": str(exc)}]
            )
        if parsed.kind not in rules.KNOWN_KINDS:
            return self._rejected_without_return(
                parsed.kind,
                [
                    _("This kind of message is not handled here (%(kind)s).")
                    % {"kind": parsed.kind or parsed.header.code or "?"}
                ],
            )
        self.parsed = parsed
        self.result = schema.validate(parsed.kind, parsed.root)
        if parsed.kind == "JW302":
            return self._provider_return()
        self.provider = Provider.objects.filter(agb_code=parsed.header.sender).first()
        findings = [rules.Finding(rules.TECHNICAL, "XSD", error) for error in self.result.errors]
        findings += rules.header_findings(
            parsed.header, parsed.kind, municipality_code=self.municipality, today=self.today
        )
        if not findings:
            findings = rules.content_findings(parsed)
        if not findings and self._identification_used():
            findings = [
                rules.Finding(
                    "9056", "TR056", _("This identification was used before by this sender.")
                )
            ]
        if findings:
            return self._rejected(findings, header_only=True)
        item_findings = self._cross_findings()
        if item_findings:
            return self._rejected(item_findings, header_only=False)
        return self._accepted()

    # --- Recording ---------------------------------------------------------------------

    def _message(self, status, *, problems=(), codes=(), case=None, placement=False):
        header = self.parsed.header
        return _record(
            self.name,
            self.data,
            self.digest,
            self.now,
            kind=self.parsed.kind,
            status=status,
            identification=header.identification[:12],
            dated_on=header.dated_on,
            sender=header.sender[:8],
            receiver=header.receiver[:8],
            provider=self.provider,
            case=case,
            schema_valid=self.result.valid,
            problems=list(problems),
            return_codes=list(codes),
            awaiting_placement=placement,
        )

    def _rejected_without_return(self, kind: str, problems: list[str]) -> ImportResult:
        message = _record(
            self.name,
            self.data,
            self.digest,
            self.now,
            kind=kind,
            status=MessageStatus.REJECTED,
            problems=[*problems, _("No return message is possible: tell the sender directly.")],
        )
        return ImportResult(self.name, "rejected", kind, message, problems=message.problems)

    def _identification_used(self) -> bool:
        header = self.parsed.header
        return (
            Message.objects.filter(
                direction=Direction.IN,
                kind=self.parsed.kind,
                sender=header.sender,
                identification=header.identification,
            )
            .exclude(status=MessageStatus.REJECTED)
            .exists()
        )

    def _rejected(self, findings: list[rules.Finding], *, header_only: bool) -> ImportResult:
        codes = sorted({finding.code for finding in findings})
        case = None if header_only else self._case_of_items()
        message = self._message(
            MessageStatus.REJECTED,
            problems=[finding.text for finding in findings],
            codes=codes,
            case=case,
        )
        if header_only:
            reply = self._reply(message, header_codes=codes)
        else:
            class_codes = rules.class_codes(self.parsed.kind, len(self.parsed.items), findings)
            reply = self._reply(message, header_codes=[rules.NO_REMARKS], class_codes=class_codes)
        return ImportResult(
            self.name, "rejected", self.parsed.kind, message, reply, message.problems
        )

    def _reply(self, message: Message, *, header_codes, class_codes=None) -> Message | None:
        """The return message, when one can be made that passes its schema (a header too
        broken to copy cannot be answered: the sender is told directly, OP090x2)."""
        kind = build.RETURN_OF[self.parsed.kind]
        identification = next_identification()
        try:
            xml = build.return_message(
                self.parsed.root,
                identification=identification,
                dated_on=self.today,
                xsd_versions=schema.xsd_versions(kind),
                header_codes=header_codes,
                class_codes=class_codes,
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            xml = None
        if xml is None or not _header_usable(self.parsed) or schema.validate(kind, xml).errors:
            message.problems = [
                *message.problems,
                _("No return message is possible: tell the sender directly."),
            ]
            message.save(update_fields=["problems"])
            return None
        return queue(
            self.ctx,
            kind=kind,
            xml=xml,
            identification=identification,
            dated_on=self.today,
            sender=self.municipality,
            receiver=self.parsed.header.sender,
            provider=self.provider,
            case=message.case,
            in_reply_to=message,
            now=self.now,
        )

    # --- Control level 3 and the effects, per kind --------------------------------------

    def _decisions(self) -> dict[int, Decision]:
        numbers = [i.allocation_number for i in self.parsed.items if i.allocation_number]
        return {
            d.allocation_number: d
            for d in Decision.objects.filter(allocation_number__in=numbers).select_related(
                "youth", "product__provider", "case"
            )
        }

    def _case_of_items(self):
        if self.parsed.kind in ("JW305", "JW307"):
            decisions = self._decisions()
            for item in self.parsed.items:
                decision = decisions.get(item.allocation_number)
                if decision and decision.product.provider.agb_code == self.parsed.header.sender:
                    return decision.case
        return None

    def _deliveries(self, decisions):
        return list(CareDelivery.objects.filter(decision__in=decisions.values(), removed=False))

    def _cross_findings(self) -> list[rules.Finding]:
        parsed = self.parsed
        if parsed.kind == "JW315":
            known = set(
                RequestedProduct.objects.filter(
                    message__sender=parsed.header.sender,
                    message__status=MessageStatus.ACCEPTED,
                    reference__in=[item.reference for item in parsed.items],
                ).values_list("reference", flat=True)
            )
            return rules.request_findings(parsed.items, known)
        decisions = self._decisions()
        on_record = {
            number: rules.AllocationOnRecord(
                number, decision.youth.bsn or "", decision.product.provider.agb_code
            )
            for number, decision in decisions.items()
            if decision.status in (DecisionStatus.ISSUED, DecisionStatus.ENDED)
        }
        found = rules.allocation_findings(
            parsed.items, on_record, bsn=parsed.client.bsn, sender=parsed.header.sender
        )
        if found:
            return found
        deliveries = self._deliveries(decisions)
        starts = {(d.decision.allocation_number, d.started_on) for d in deliveries}
        if parsed.kind == "JW305":
            return rules.start_findings(parsed.items, starts)
        stops = {(d.decision.allocation_number, d.started_on) for d in deliveries if d.stopped_on}
        return rules.stop_findings(parsed.items, starts, stops)

    def _accepted(self) -> ImportResult:
        kind = self.parsed.kind
        if kind == "JW315":
            return self._request()
        decisions = self._decisions()
        case = self._case_of_items()
        message = self._message(MessageStatus.ACCEPTED, case=case)
        message.decisions.set(
            [decisions[i.allocation_number] for i in self.parsed.items if i.allocation_number]
        )
        deliveries = {
            (d.decision.allocation_number, d.started_on): d for d in self._deliveries(decisions)
        }
        for item in self.parsed.items:
            decision = decisions[item.allocation_number]
            delivery = deliveries.get((item.allocation_number, item.begin))
            if kind == "JW305":
                self._start(message, decision, item, delivery)
            else:
                self._stop(message, item, delivery)
        reply = self._reply(message, header_codes=[])
        return ImportResult(self.name, "accepted", kind, message, reply)

    def _start(self, message, decision, item, delivery) -> None:
        if item.status == "3":
            delivery.removed = True
            delivery.save(update_fields=["removed"])
            log_change(self.ctx, delivery, AuditAction.UPDATE, changed_fields=("removed",))
            return
        delivery = CareDelivery.objects.create(
            decision=decision, started_on=item.begin, start_message=message
        )
        log_change(self.ctx, delivery, AuditAction.CREATE, changed_fields=("started_on",))

    def _stop(self, message, item, delivery) -> None:
        if item.status == "3":
            delivery.stopped_on, delivery.closure_reason, delivery.stop_message = None, "", None
        else:
            delivery.stopped_on, delivery.closure_reason = item.end, item.reason
            delivery.stop_message = message
        delivery.save(update_fields=["stopped_on", "closure_reason", "stop_message"])
        log_change(
            self.ctx, delivery, AuditAction.UPDATE, changed_fields=("stopped_on", "closure_reason")
        )

    # --- A request for allocation (JW315) -------------------------------------------------

    def _request(self) -> ImportResult:
        message = self._message(MessageStatus.ACCEPTED)
        RequestedProduct.objects.bulk_create(
            RequestedProduct(
                message=message,
                reference=item.reference,
                category=item.category,
                product_code=item.product_code,
                start_date=item.begin,
                end_date=item.end,
                volume=item.volume,
                unit=item.unit,
                frequency=item.frequency,
                budget=item.budget,
                referrer_type=item.referrer_type,
                referrer_name=item.referrer_name,
                referrer_agb=item.referrer_agb,
                comment=item.comment,
            )
            for item in self.parsed.items
        )
        known = Resident.objects.filter(bsn=self.parsed.client.bsn).first()
        address = _address_for_registration(known)
        if address is None:
            _await_placement(message, _("Not yet known to the team: choose the district."))
        else:
            try:
                register_request(self.ctx, message, self.parsed, *address, registered_by=None)
            except RuleViolation as refusal:
                _await_placement(message, refusal.verdict.message)
        reply = self._reply(message, header_codes=[])
        return ImportResult(self.name, "accepted", "JW315", message, reply, message.problems)

    # --- A provider's return on our allocation (JW302) -------------------------------------

    def _provider_return(self) -> ImportResult:
        header = self.parsed.header
        self.provider = Provider.objects.filter(agb_code=header.receiver).first()
        problems = [f"XSD: {error}" for error in self.result.errors]
        original = (
            Message.objects.filter(
                direction=Direction.OUT,
                kind="JW301",
                identification=header.identification,
                sender=header.sender,
                receiver=header.receiver,
            ).first()
            if not problems
            else None
        )
        if original is None and not problems:
            problems.append(_("No allocation message of ours has this identification."))
        used = Message.objects.filter(
            direction=Direction.IN,
            kind="JW302",
            sender=header.receiver,
            identification=header.return_identification,
        ).exclude(status=MessageStatus.REJECTED)
        if not problems and used.exists():
            original = None
            problems.append(_("This identification was used before by this sender."))
        message = Message.objects.create(
            direction=Direction.IN,
            kind="JW302",
            status=MessageStatus.REJECTED if problems else MessageStatus.ACCEPTED,
            attention=bool(problems),
            identification=header.return_identification[:12],
            dated_on=header.return_dated_on,
            sender=header.receiver[:8],  # the provider: a return keeps the original header
            receiver=header.sender[:8],
            provider=self.provider,
            case=original.case if original else None,
            in_reply_to=original,
            schema_valid=self.result.valid,
            problems=problems,
            xml=self.data.decode("utf-8", errors="replace"),
            file_name=self.name,
            content_hash=self.digest,
            created_at=self.now,
        )
        log_change(self.ctx, message, AuditAction.CREATE, changed_fields=("kind", "status"))
        if original is None:
            return ImportResult(self.name, "rejected", "JW302", message, problems=problems)
        message.decisions.set(original.decisions.all())
        codes = [*header.codes, *(self.parsed.client.codes if self.parsed.client else [])]
        message.return_codes = sorted(set(codes))
        message.product_return_codes = {
            str(item.allocation_number): item.codes for item in self.parsed.items
        }
        all_codes = [*codes, *(c for item in self.parsed.items for c in item.codes)]
        message.attention = needs_attention(message.status, all_codes)
        message.save(update_fields=["return_codes", "product_return_codes", "attention"])
        original.return_codes = message.return_codes
        original.product_return_codes = message.product_return_codes
        original.attention = message.attention
        original.save(update_fields=["return_codes", "product_return_codes", "attention"])
        log_change(self.ctx, original, AuditAction.UPDATE, changed_fields=("return_codes",))
        return ImportResult(self.name, "accepted", "JW302", message)


def _header_usable(parsed: ParsedMessage) -> bool:
    """Enough of the header to copy into a return that passes its schema."""
    header = parsed.header
    return (
        len(header.sender) == 8
        and header.sender.isdigit()
        and len(header.receiver) == 4
        and header.receiver.isdigit()
        and 0 < len(header.identification) <= 12
        and header.dated_on is not None
    )


def _address_for_registration(resident: Resident | None) -> tuple[str, str] | None:
    """The postcode and house number of a known person (or of their household)."""
    if resident is None:
        return None
    candidates = [resident]
    for membership in resident.memberships.select_related("household"):
        candidates += [m.resident for m in membership.household.memberships.all()]
    for person in candidates:
        if person.postcode:
            return person.postcode, person.house_number
    return None


def _await_placement(message: Message, why: str) -> None:
    message.awaiting_placement = True
    message.problems = [*message.problems, why]
    message.save(update_fields=["awaiting_placement", "problems"])


def help_question(parsed: ParsedMessage, provider_name: str) -> str:
    """The registration's help question, from the request (stored in Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _help_question_lines(parsed, provider_name)


def _help_question_lines(parsed: ParsedMessage, provider_name: str) -> str:
    lines = []
    for item in parsed.items:
        product = describe("JZ020", item.category) if item.category else _("any product")
        code = f" ({item.product_code})" if item.product_code else ""
        until = _(" until %(date)s") % {"date": item.end.strftime("%d-%m-%Y")} if item.end else ""
        referrer = describe("COD327", item.referrer_type)
        if item.referrer_name:
            referrer = f"{referrer} {item.referrer_name}"
        lines.append(
            _(
                "%(provider)s asks for an allocation of %(product)s%(code)s from %(start)s"
                "%(until)s, after a referral by %(referrer)s."
            )
            % {
                "provider": provider_name,
                "product": product,
                "code": code,
                "start": item.begin.strftime("%d-%m-%Y"),
                "until": until,
                "referrer": referrer,
            }
        )
        if item.comment:
            lines.append(item.comment)
    return "\n".join(lines)


def register_request(
    ctx: AuditContext,
    message: Message,
    parsed: ParsedMessage,
    postcode: str,
    house_number: str,
    *,
    registered_by=None,
):
    """A request for allocation becomes a registration in the team's queue (the team
    follows from the postcode table); a known person's file gets it, not a second one."""
    client = parsed.client
    first = parsed.items[0]
    provider_name = message.provider.name if message.provider else message.sender
    intake = cases.register_intake(
        ctx,
        cases.IntakeInput(
            channel=CHANNEL_OF_REFERRER.get(first.referrer_type, Channel.OTHER),
            help_question=help_question(parsed, provider_name),
            urgency=Urgency.CRISIS
            if any(item.category == CRISIS_CATEGORY for item in parsed.items)
            else Urgency.REGULAR,
            postcode=postcode,
            house_number=house_number,
            persons=[
                cases.PersonInput(
                    given_names=client.given_names or "—",
                    surname=client.surname or "—",
                    surname_prefix=client.prefix,
                    birth_date=client.birth_date,
                    bsn=client.bsn,
                    role=MemberRole.CHILD,
                    is_subject=True,
                )
            ],
            referrer_type=REFERRER_TYPE_OF_REFERRER.get(
                first.referrer_type, ReferrerType.OTHER_PROFESSIONAL
            ),
            referrer_organisation=first.referrer_name,
            referrer_name=provider_name,
            referrer_contact=f"AGB {first.referrer_agb}" if first.referrer_agb else "",
        ),
        registered_by=registered_by,
        now=message.created_at,
    )
    message.case = intake.case
    message.awaiting_placement = False
    message.save(update_fields=["case", "awaiting_placement"])
    log_change(ctx, message, AuditAction.UPDATE, changed_fields=("case",))
    return intake
