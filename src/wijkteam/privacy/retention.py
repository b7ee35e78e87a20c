"""Retention and destruction (Archiefwet, AVG): closed files are destroyed when their
retention period has passed, and what was destroyed is recorded without personal data.

Three rules, each with its period in the settings (docs/operations.md):

* `case_file` — a closed case with everything recorded in it (registrations, timeline,
  contact moments, assessments, safety records, … — all that belongs to the case goes
  with it).
* `triage_only` — a help question closed at triage with advice or a community referral.
* `complaint` — a complaint, counted from its decision or withdrawal (it may outlive the
  case it was about: the link is cleared when the case goes).
* `audit_log` — audit entries, kept for their own period (they hold no personal data,
  only ids, so they may outlive the file they describe).

When a household's last case is destroyed, the household goes too (its members, scores
and the residents who belong to no other household and appear in no other file).

`retention_plan` is the dry run: what would go today. `apply_retention` destroys: each file
in its own transaction, with its destruction record and its audit entry in that same
transaction, so a failure leaves that file whole and the run goes on with the next.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, ProtectedError, Q, RestrictedError
from django.utils import timezone

from wijkteam.audit.log import AuditContext, log_event
from wijkteam.audit.models import AuditAction, AuditEntry, AuditPurpose
from wijkteam.cases.models import Case, CaseStatus, TriageOutcome
from wijkteam.people.models import Household, Resident

from .models import DestructionRecord
from .rules import RetentionRule, last_due_day

CASE_FILE, TRIAGE_ONLY, AUDIT_LOG = "case_file", "triage_only", "audit_log"
COMPLAINT = "complaint"
TRIAGE_ONLY_OUTCOMES = (TriageOutcome.ADVICE, TriageOutcome.COMMUNITY)
MAX_DEPENDANT_DEPTH = 6


def retention_rules() -> dict[str, RetentionRule]:
    return {
        CASE_FILE: RetentionRule(CASE_FILE, settings.WIJKTEAM_RETENTION_CASE_YEARS),
        TRIAGE_ONLY: RetentionRule(TRIAGE_ONLY, settings.WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS),
        AUDIT_LOG: RetentionRule(AUDIT_LOG, settings.WIJKTEAM_RETENTION_AUDIT_YEARS),
        COMPLAINT: RetentionRule(COMPLAINT, settings.WIJKTEAM_RETENTION_COMPLAINT_YEARS),
    }


@dataclass(frozen=True)
class DueFile:
    rule: RetentionRule
    case: Case
    closed_on: date


@dataclass
class RetentionPlan:
    """What would be destroyed today (nothing is changed to make it)."""

    today: date
    files: list[DueFile]
    households: list[Household]  # whose every case is in `files`
    complaints: list  # quality.Complaint, closed and past their period
    audit_before: datetime
    audit_entries: int

    def counts(self) -> dict[str, int]:
        by_rule = Counter(item.rule.code for item in self.files)
        return {
            CASE_FILE: by_rule[CASE_FILE],
            TRIAGE_ONLY: by_rule[TRIAGE_ONLY],
            "household": len(self.households),
            COMPLAINT: len(self.complaints),
            AUDIT_LOG: self.audit_entries,
        }


@dataclass
class RetentionResult:
    records: list[DestructionRecord] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # references, with the reason


def _rule_for(case: Case, rules: dict[str, RetentionRule]) -> RetentionRule:
    return rules[TRIAGE_ONLY if case.triage_outcome in TRIAGE_ONLY_OUTCOMES else CASE_FILE]


def _closed_on(case: Case) -> date:
    return timezone.localdate(case.closed_at)


def _closed_before_end_of(day: date) -> datetime:
    """The first moment after `day` in local time: `closed_at` before it is "closed on or
    before `day`"."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def due_case_filter(today: date) -> Q:
    """The closed cases whose retention period has passed today, as a database filter:
    each rule's files closed on or before that rule's last due day."""
    rules = retention_rules()
    triage_only = Q(triage_outcome__in=TRIAGE_ONLY_OUTCOMES)
    edge = {
        code: _closed_before_end_of(last_due_day(today, rules[code].years))
        for code in (CASE_FILE, TRIAGE_ONLY)
    }
    return Q(status=CaseStatus.CLOSED, closed_at__isnull=False) & (
        (triage_only & Q(closed_at__lt=edge[TRIAGE_ONLY]))
        | (~triage_only & Q(closed_at__lt=edge[CASE_FILE]))
    )


def _due_file(case: Case, rules: dict[str, RetentionRule]) -> DueFile:
    return DueFile(_rule_for(case, rules), case, _closed_on(case))


def due_files(today: date) -> list[DueFile]:
    """Closed cases whose retention period has passed, oldest first."""
    rules = retention_rules()
    due = Case.objects.filter(due_case_filter(today)).order_by("closed_at", "pk")
    return [_due_file(case, rules) for case in due.iterator(chunk_size=2000)]


def _households_emptied_by(files: list[DueFile]) -> list[Household]:
    going = {item.case.pk for item in files}
    household_ids = {item.case.household_id for item in files}
    remaining = set(
        Case.objects.filter(household_id__in=household_ids)
        .exclude(pk__in=going)
        .values_list("household_id", flat=True)
    )
    return list(Household.objects.filter(pk__in=household_ids - remaining).order_by("pk"))


def _due_complaints(today: date):
    from wijkteam.quality.models import OPEN_COMPLAINT_STATUSES, Complaint

    years = retention_rules()[COMPLAINT].years
    return Complaint.objects.exclude(status__in=OPEN_COMPLAINT_STATUSES).filter(
        closed_on__lte=last_due_day(today, years)
    )


def due_complaints(today: date) -> list:
    return list(_due_complaints(today).order_by("closed_on", "pk"))


def audit_cutoff(today: date) -> datetime:
    from wijkteam.core.rules import add_months

    years = retention_rules()[AUDIT_LOG].years
    day = add_months(today, -12 * years)
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def retention_plan(today: date) -> RetentionPlan:
    files = due_files(today)
    before = audit_cutoff(today)
    return RetentionPlan(
        today=today,
        files=files,
        households=_households_emptied_by(files),
        complaints=due_complaints(today),
        audit_before=before,
        audit_entries=AuditEntry.objects.filter(occurred_at__lt=before).count(),
    )


@dataclass(frozen=True)
class RetentionOverview:
    """The dry run for a page: how many of each would go today, counted by the database,
    and the first `shown` files — bounded, however many files a region has due."""

    counts: dict[str, int]
    first: list[DueFile]


def retention_overview(today: date, shown: int) -> RetentionOverview:
    rules = retention_rules()
    due = due_case_filter(today)
    by_rule = Case.objects.filter(due).aggregate(
        triage_only=Count("pk", filter=Q(triage_outcome__in=TRIAGE_ONLY_OUTCOMES)),
        all=Count("pk"),
    )
    households = (
        Household.objects.filter(Exists(Case.objects.filter(due, household=OuterRef("pk"))))
        .exclude(Exists(Case.objects.filter(household=OuterRef("pk")).exclude(due)))
        .count()
    )
    first = Case.objects.filter(due).order_by("closed_at", "pk")[:shown]
    return RetentionOverview(
        counts={
            CASE_FILE: by_rule["all"] - by_rule["triage_only"],
            TRIAGE_ONLY: by_rule["triage_only"],
            "household": households,
            COMPLAINT: _due_complaints(today).count(),
            AUDIT_LOG: AuditEntry.objects.filter(occurred_at__lt=audit_cutoff(today)).count(),
        },
        first=[_due_file(case, rules) for case in first],
    )


# --- Destruction ----------------------------------------------------------------------


def _labelled(counts: dict[str, int]) -> dict[str, int]:
    return {label.lower(): n for label, n in counts.items() if n}


def _delete_with_dependants(obj, counts: Counter, depth: int = 0) -> None:
    """Delete a record of a file and whatever protects it: a record that points at a case
    with PROTECT (a registration, a decision, an iJw message) is part of that case's file,
    so it goes first, and so on down (a message protects its decision)."""
    while True:
        try:
            with transaction.atomic():
                counts.update(obj.delete()[1])
            return
        except (ProtectedError, RestrictedError) as exc:
            blockers = list(getattr(exc, "protected_objects", None) or exc.restricted_objects)
            if depth >= MAX_DEPENDANT_DEPTH or not blockers:
                raise
            for blocker in blockers:
                _delete_with_dependants(blocker, counts, depth + 1)


def _destroy_case(ctx: AuditContext, item: DueFile, now: datetime) -> DestructionRecord:
    case = item.case
    counts: Counter = Counter()
    _delete_with_dependants(Case.objects.get(pk=case.pk), counts)
    record = DestructionRecord.objects.create(
        destroyed_at=now,
        rule=item.rule.code,
        period_years=item.rule.years,
        object_type="cases.case",
        object_id=str(case.pk),
        reference=case.reference,
        closed_on=item.closed_on,
        counts=_labelled(counts),
    )
    log_event(ctx, AuditAction.DELETE, "cases.case", str(case.pk), {"rule": item.rule.code})
    return record


def _destroy_household(ctx, household: Household, rule: RetentionRule, now) -> DestructionRecord:
    member_ids = list(household.memberships.values_list("resident_id", flat=True))
    counts: Counter = Counter(household.delete()[1])
    kept = 0
    for resident in Resident.objects.filter(pk__in=member_ids, memberships__isnull=True):
        try:
            with transaction.atomic():
                counts.update(resident.delete()[1])
        except ProtectedError:
            kept += 1  # still named in another file: kept until that file goes
    record = DestructionRecord.objects.create(
        destroyed_at=now,
        rule=rule.code,
        period_years=rule.years,
        object_type="people.household",
        object_id=str(household.pk),
        counts={**_labelled(counts), **({"kept_residents": kept} if kept else {})},
    )
    log_event(ctx, AuditAction.DELETE, "people.household", str(household.pk), {"rule": rule.code})
    return record


def _destroy_complaint(ctx, complaint, rule: RetentionRule, now) -> DestructionRecord:
    counts: Counter = Counter()
    pk, reference, closed_on = complaint.pk, complaint.reference, complaint.closed_on
    _delete_with_dependants(complaint, counts)
    record = DestructionRecord.objects.create(
        destroyed_at=now,
        rule=rule.code,
        period_years=rule.years,
        object_type="quality.complaint",
        object_id=str(pk),
        reference=reference,
        closed_on=closed_on,
        counts=_labelled(counts),
    )
    log_event(ctx, AuditAction.DELETE, "quality.complaint", str(pk), {"rule": rule.code})
    return record


def purge_audit_entries(ctx: AuditContext, before: datetime, rule: RetentionRule, now):
    """Delete audit entries older than `before`, the one exception to the append-only
    log. On PostgreSQL the trigger lets a DELETE through only for rows older than the
    date this transaction names in `wijkteam.audit_purge_before` (audit migration 0003)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT set_config('wijkteam.audit_purge_before', %s, true)",
                    [before.isoformat()],
                )
            cursor.execute("DELETE FROM audit_auditentry WHERE occurred_at < %s", [before])
            deleted = cursor.rowcount
        if not deleted:
            return None
        record = DestructionRecord.objects.create(
            destroyed_at=now,
            rule=rule.code,
            period_years=rule.years,
            object_type="audit.auditentry",
            object_id=f"< {before.date().isoformat()}",
            counts={"audit.auditentry": deleted},
        )
        log_event(ctx, AuditAction.DELETE, "audit.auditentry", "", {"rule": rule.code})
        return record


def apply_retention(today: date | None = None, *, now: datetime | None = None) -> RetentionResult:
    """Destroy what `retention_plan` lists. Safe to run again: what is gone is not due."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    ctx = AuditContext.system(AuditPurpose.RETENTION, name="retention")
    plan = retention_plan(today)
    result = RetentionResult()
    household_rule = {}
    for item in plan.files:
        try:
            with transaction.atomic():
                result.records.append(_destroy_case(ctx, item, now))
            household_rule[item.case.household_id] = item.rule
        except ProtectedError as exc:
            result.failures.append(f"{item.case.reference}: {exc.args[0]}")
    for household in plan.households:
        if household.pk not in household_rule or household.cases.exists():
            continue  # one of its cases could not go, or a new one arrived
        with transaction.atomic():
            result.records.append(
                _destroy_household(ctx, household, household_rule[household.pk], now)
            )
    complaint_rule = retention_rules()[COMPLAINT]
    for complaint in plan.complaints:
        with transaction.atomic():
            result.records.append(_destroy_complaint(ctx, complaint, complaint_rule, now))
    purged = purge_audit_entries(ctx, plan.audit_before, retention_rules()[AUDIT_LOG], now)
    if purged:
        result.records.append(purged)
    return result
