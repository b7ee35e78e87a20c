"""The counts behind the KPIs: what is counted, from which recorded fields, per month and
district team. `month_rows(start, end, today)` gathers every measure for the months from
`start` (a first day) until `end` (the first day after), as rows
`(month, team id, measure, key, value)`; `snapshot.refresh` stores them.

Where another app already counts something, its function is used (allocation:
`intervention_level_counts`, `not_granted_counts`, `closure_reason_counts`,
`cost_per_profile`; quality: `complaint_counts`, `experience_counts`; assessment:
`child_voice_figures`; plans: `repeated_call`, `complete_checklist`; cases:
`FirstContactDue`, the first-contact norm in SQL). Every count is made by the database,
grouped, in a fixed number of queries per month (or per month and team), never per case —
except the repeated call, whose rule takes dates per person. docs/kpis.md says which KPI
uses which measure.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from wijkteam.accounts.models import Team
from wijkteam.allocation.models import Decision, DecisionStatus
from wijkteam.allocation.queries import (
    closure_reason_counts,
    cost_per_profile,
    intervention_level_counts,
    not_granted_counts,
)
from wijkteam.allocation.rules import period_verdict
from wijkteam.assessment.queries import child_voice_figures
from wijkteam.cases.models import Case, Intake, SupportWhileWaiting, TriageOutcome
from wijkteam.cases.queries import EPOCH, EpochDay, FirstContactDue, response_norms
from wijkteam.core.rules import add_months
from wijkteam.ijw.models import CareDelivery
from wijkteam.people.models import Membership
from wijkteam.plans.models import (
    Closure,
    ClosureGoalResult,
    CommunityReferral,
    Evaluation,
    OwnSupport,
    SupportPlan,
    Transition18,
)
from wijkteam.plans.queries import complete_checklist
from wijkteam.plans.rules import ADULT_AGE, repeated_call
from wijkteam.quality.queries import COMPLAINT_KEYS, complaint_counts, experience_counts
from wijkteam.safety.models import AssessmentStatus, SafetyAssessment

from .periods import MONTH, Period

Row = tuple[date, int | None, str, str, int]

# Every measure: its name → what it counts (and by which date it falls in a month).
MEASURES: dict[str, str] = {
    "intakes": "registrations (Intake) by submitted_at",
    "intakes.channel": "registrations per channel (key: Intake.channel)",
    "intakes.referrer": "registrations per referrer (key: Intake.referrer_type)",
    "intakes.outside_office_hours": "registrations submitted at weekends or outside 08:00–17:00",
    "cases.registered": "cases by registered_at",
    "cases.registered.by_referrer": "cases per referrer of their first registration",
    "cases.first_contact.on_time": "cases with first contact (or triage with advice) by the norm",
    "cases.first_contact.late": "cases with first contact after the norm's day",
    "cases.first_contact.overdue": "cases without first contact whose norm's day has passed",
    "cases.first_contact.days": "days from registration to first contact, summed",
    "cases.triaged": "cases triaged (triaged_at set)",
    "cases.triage.days": "days from registration to triage, summed",
    "cases.triage_outcome": "cases per triage outcome (key: Case.triage_outcome)",
    "cases.breached": "cases past the first-contact norm (late or overdue)",
    "cases.breached.supported": "of those, with support while waiting recorded",
    "support_while_waiting.given": "support while waiting by given_on",
    "repeated_call": "cases registered within 12 months of a closure for one of their persons",
    "repeated_call.by_referrer": "the same, per referrer of the first registration",
    "cases.closed": "cases by closed_at",
    "cases.closed.days": "days from registration to closure, summed",
    "cases.closed.at_triage": "closed at triage (outcome advice or community offer)",
    "cases.closed.at_triage.days": "their days from registration to closure, summed",
    "cases.closed.within_3m": "closed within 90 days of registration",
    "cases.closed.3_12m": "closed after 90 and within 365 days",
    "cases.closed.over_12m": "closed after more than 365 days",
    "cases.closed.worked": "closed after casework (triage outcome: open a case)",
    "cases.closed.worked.safety": "of those, with a completed (reviewed) safety assessment",
    "cases.closed.worked.agreed_plan": "of those, with a support plan agreed with the family",
    "children": "children (under 18) in the households of those cases",
    "children.spoken_to": "of those, spoken to (child's voice or a contact moment)",
    "children.reason": "of those, not spoken to with the reason recorded",
    "closures": "support plans closed, by Closure.closed_on",
    "closures.reason": "plan closures per national reason (key: JZ588 code)",
    "closures.by_referrer": "plan closures per referrer and reason (key: referrer|code)",
    "goals.result": "goal results at closure (key: reached, partly, not_reached)",
    "goals.by_referrer": "goal results at closure per referrer (key: referrer|result)",
    "care.started": "youth care started (CareDelivery.started_on, JW305)",
    "care.stopped.reason": "youth care stopped per closure reason (JW307; key: JZ588 code)",
    "care.stopped.by_referrer": "care stopped per referrer and reason (key: referrer|code)",
    "care.stopped.by_profile": "care stopped per profile and reason (key: profile|code)",
    "care.stopped.by_provider": "care stopped per provider and reason (key: provider id|code)",
    "decisions.issued": "decisions issued (issued_at), not withdrawn",
    "decisions.profile": "decisions issued per profile (key: profile code, '' for none)",
    "decisions.cost.profile": "their estimated cost in cents per profile",
    "decisions.intensity": "decisions issued per intensity (key: light, medium, heavy)",
    "decisions.within_year": "decisions issued for at most the maximum term (one year)",
    "weighings.level": "weighings per intervention level (key), by decided_on",
    "not_granted.reason": "not granted per reason (key: reason|law), by decided_on",
    "own_support.started": "own support started (OwnSupport.started_on)",
    "community_referrals": "referrals to a community offer (referred_on)",
    "evaluations": "evaluations held (held_on)",
    "evaluations.team_present": "of those, with the team present",
    "survey.score": "survey answers per mark (key: 1 to 10), by their month",
    "survey.invited": "survey invitations made (created_at)",
    "survey.answered": "of those, filled in",
    **{
        f"complaints.{key}": f"complaints: {key} (quality.complaint_counts)"
        for key in COMPLAINT_KEYS
    },
    "turned_18": "young people who turned 18 while their family had a support plan",
    "turned_18.without_gap": "of those, with a complete transition checklist",
}
WORKED = TriageOutcome.CASE
AT_TRIAGE = (TriageOutcome.ADVICE, TriageOutcome.COMMUNITY)
OFFICE_HOURS = (8, 17)  # from 08:00 until 17:00, Monday to Friday
SHORT_DAYS, LONG_DAYS = 90, 365
TEAM_KEY = "team"  # the provider key of the team's own help (a plan closure)


def _moment(day: date) -> datetime:
    """Local midnight at the start of `day`, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _between(field: str, start: date, end: date) -> Q:
    return Q(**{f"{field}__gte": _moment(start), f"{field}__lt": _moment(end)})


def _month_of(field: str) -> TruncMonth:
    return TruncMonth(field, tzinfo=timezone.get_current_timezone())


def _day_number(field: str) -> EpochDay:
    return EpochDay(TruncDate(field, tzinfo=timezone.get_current_timezone()))


def _as_day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _first_referrer(case_path: str) -> Subquery:
    """The referrer of a case's first registration (`case_path` leads to the case id)."""
    return Subquery(
        Intake.objects.filter(case_id=OuterRef(case_path))
        .order_by("submitted_at", "pk")
        .values("referrer_type")[:1]
    )


class Rows:
    """Collects counts per (month, team, measure, key)."""

    def __init__(self):
        self.values: dict[tuple, int] = defaultdict(int)

    def add(self, month, team_id, measure: str, value, key: str = "") -> None:
        if value:
            assert measure in MEASURES, measure
            self.values[(_as_day(month), team_id, measure, str(key))] += int(value)

    def __iter__(self) -> Iterator[Row]:
        return ((*k, v) for k, v in self.values.items())


def month_rows(start: date, end: date, today: date) -> list[Row]:
    """Every measure for the months from `start` until `end`."""
    rows = Rows()
    teams = list(Team.objects.order_by("pk").values_list("pk", flat=True))
    months = []
    month = start
    while month < end:
        months.append(month)
        month = add_months(month, 1)
    _intakes(rows, start, end)
    _registered(rows, start, end, today)
    _repeated_calls(rows, start, end)
    _closed(rows, start, end, teams)
    _plan_closures(rows, start, end)
    _care(rows, start, end)
    _decisions(rows, start, end)
    _dated_records(rows, start, end)
    for team in teams:
        _weighings(rows, start, end, team)
    for month in months:
        last_day = add_months(month, 1) - timedelta(days=1)
        for team in teams:
            _per_month_and_team(rows, month, last_day, team)
        _survey_and_complaints(rows, month)
        _turned_18(rows, month)
    return list(rows)


def _intakes(rows: Rows, start: date, end: date) -> None:
    hour_from, hour_until = OFFICE_HOURS
    outside = (
        Q(submitted_at__iso_week_day__gte=6)
        | Q(submitted_at__hour__lt=hour_from)
        | Q(submitted_at__hour__gte=hour_until)
    )
    found = (
        Intake.objects.filter(_between("submitted_at", start, end))
        .annotate(month=_month_of("submitted_at"))
        .values("month", "case__team_id", "channel", "referrer_type")
        .annotate(n=Count("pk"), outside=Count("pk", filter=outside))
        .order_by()
    )
    for row in found:
        month, team = row["month"], row["case__team_id"]
        rows.add(month, team, "intakes", row["n"])
        rows.add(month, team, "intakes.channel", row["n"], row["channel"])
        rows.add(month, team, "intakes.referrer", row["n"], row["referrer_type"])
        rows.add(month, team, "intakes.outside_office_hours", row["outside"])


def _registered(rows: Rows, start: date, end: date, today: date) -> None:
    """Cases registered: the first-contact norm (the deadline in SQL, `FirstContactDue`, as
    the work lists use it) and triage. The first contact is the first contact moment, or
    for a question answered at triage with advice or a community offer, the triage: the
    family got the advice then."""
    supported = Exists(SupportWhileWaiting.objects.filter(case_id=OuterRef("pk")))
    registered_day = _day_number("registered_at")
    contact_day = Coalesce(
        EpochDay(F("first_contact_on")),
        SqlCase(
            When(triage_outcome__in=AT_TRIAGE, then=_day_number("triaged_at")),
            output_field=IntegerField(),
        ),
    )
    made = Q(contact_day__isnull=False)
    late = Q(contact_day__gt=F("due_day"))
    overdue = Q(contact_day__isnull=True, due_day__lt=(today - EPOCH).days)
    found = (
        Case.objects.filter(_between("registered_at", start, end))
        .annotate(
            month=_month_of("registered_at"),
            referrer=_first_referrer("pk"),
            supported=supported,
            due_day=FirstContactDue(response_norms()),
            contact_day=contact_day,
            contact_days=F("contact_day") - registered_day,
            triage_days=_day_number("triaged_at") - registered_day,
        )
        .values("month", "team_id", "triage_outcome", "referrer")
        .annotate(
            n=Count("pk"),
            n_on_time=Count("pk", filter=made & ~late),
            n_late=Count("pk", filter=made & late),
            n_overdue=Count("pk", filter=overdue),
            supported_n=Count("pk", filter=(late | overdue) & Q(supported=True)),
            contact_days_sum=Sum("contact_days", filter=made),
            triaged=Count("pk", filter=Q(triaged_at__isnull=False)),
            triage_days_sum=Sum("triage_days", filter=Q(triaged_at__isnull=False)),
        )
        .order_by()
    )
    for row in found:
        month, team = row["month"], row["team_id"]
        rows.add(month, team, "cases.registered", row["n"])
        rows.add(month, team, "cases.registered.by_referrer", row["n"], row["referrer"] or "")
        rows.add(month, team, "cases.first_contact.on_time", row["n_on_time"])
        rows.add(month, team, "cases.first_contact.late", row["n_late"])
        rows.add(month, team, "cases.first_contact.overdue", row["n_overdue"])
        rows.add(month, team, "cases.first_contact.days", row["contact_days_sum"])
        rows.add(month, team, "cases.breached", row["n_late"] + row["n_overdue"])
        rows.add(month, team, "cases.breached.supported", row["supported_n"])
        rows.add(month, team, "cases.triaged", row["triaged"])
        rows.add(month, team, "cases.triage.days", row["triage_days_sum"])
        if row["triage_outcome"]:
            rows.add(month, team, "cases.triage_outcome", row["triaged"], row["triage_outcome"])


def _repeated_calls(rows: Rows, start: date, end: date) -> None:
    """A case is a repeated call when one of its persons had a plan closed (another case)
    within the months before it was registered (plans.rules.repeated_call). Two queries:
    the cases' persons, and the closures of those persons in the window."""
    months = settings.WIJKTEAM_REPEATED_CALL_MONTHS
    subjects = Case.subjects.through.objects.filter(
        case__in=Case.objects.filter(_between("registered_at", start, end))
    )
    persons: dict[int, set[int]] = defaultdict(set)
    facts = {}
    for case_id, resident_id, team, registered_at, referrer in subjects.annotate(
        referrer=_first_referrer("case_id")
    ).values_list("case_id", "resident_id", "case__team_id", "case__registered_at", "referrer"):
        persons[case_id].add(resident_id)
        facts[case_id] = (team, timezone.localdate(registered_at), referrer or "")
    closed: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for resident_id, closed_on, case_id in (
        Closure.objects.filter(
            plan__case__subjects__in=subjects.values("resident_id"),
            closed_on__gte=add_months(start, -months),
            closed_on__lt=end,
        )
        .values_list("plan__case__subjects", "closed_on", "plan__case_id")
        .distinct()
    ):
        closed[resident_id].append((closed_on, case_id))
    for case_id, (team, registered_on, referrer) in facts.items():
        earlier = [
            day
            for person in persons[case_id]
            for day, other_case in closed.get(person, ())
            if other_case != case_id
        ]
        if repeated_call(earlier, registered_on, months) is not None:
            month = registered_on.replace(day=1)
            rows.add(month, team, "repeated_call", 1)
            rows.add(month, team, "repeated_call.by_referrer", 1, referrer)


def _closed(rows: Rows, start: date, end: date, teams: list[int]) -> None:
    """Cases closed: throughput time, and the process quality of those worked on."""
    completed = SafetyAssessment.objects.filter(
        case_id=OuterRef("pk"), status=AssessmentStatus.COMPLETED
    )
    agreed = SupportPlan.objects.filter(case_id=OuterRef("pk"), first_agreed_on__isnull=False)
    worked = Q(triage_outcome=WORKED)
    at_triage = Q(triage_outcome__in=AT_TRIAGE)
    found = (
        Case.objects.filter(_between("closed_at", start, end))
        .annotate(
            month=_month_of("closed_at"),
            days=_day_number("closed_at") - _day_number("registered_at"),
            safety=Exists(completed),
            agreed=Exists(agreed),
        )
        .values("month", "team_id")
        .annotate(
            n=Count("pk"),
            days_sum=Sum("days"),
            at_triage=Count("pk", filter=at_triage),
            at_triage_days=Sum("days", filter=at_triage),
            short=Count("pk", filter=Q(days__lte=SHORT_DAYS)),
            middle=Count("pk", filter=Q(days__gt=SHORT_DAYS, days__lte=LONG_DAYS)),
            long=Count("pk", filter=Q(days__gt=LONG_DAYS)),
            worked=Count("pk", filter=worked),
            safety_n=Count("pk", filter=worked & Q(safety=True)),
            agreed_n=Count("pk", filter=worked & Q(agreed=True)),
        )
        .order_by()
    )
    for row in found:
        month, team = row["month"], row["team_id"]
        rows.add(month, team, "cases.closed", row["n"])
        rows.add(month, team, "cases.closed.days", row["days_sum"])
        rows.add(month, team, "cases.closed.at_triage", row["at_triage"])
        rows.add(month, team, "cases.closed.at_triage.days", row["at_triage_days"])
        rows.add(month, team, "cases.closed.within_3m", row["short"])
        rows.add(month, team, "cases.closed.3_12m", row["middle"])
        rows.add(month, team, "cases.closed.over_12m", row["long"])
        rows.add(month, team, "cases.closed.worked", row["worked"])
        rows.add(month, team, "cases.closed.worked.safety", row["safety_n"])
        rows.add(month, team, "cases.closed.worked.agreed_plan", row["agreed_n"])


def _plan_closures(rows: Rows, start: date, end: date) -> None:
    """Support plans closed (the team's own help) and the results of their goals."""
    closures = Closure.objects.filter(closed_on__gte=start, closed_on__lt=end)
    for row in (
        closures.annotate(month=TruncMonth("closed_on"), referrer=_first_referrer("plan__case_id"))
        .values("month", "plan__case__team_id", "reason_code", "referrer")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        month, team, n = row["month"], row["plan__case__team_id"], row["n"]
        rows.add(month, team, "closures", n)
        rows.add(month, team, "closures.reason", n, row["reason_code"])
        rows.add(
            month, team, "closures.by_referrer", n, f"{row['referrer'] or ''}|{row['reason_code']}"
        )
    results = ClosureGoalResult.objects.filter(closure__in=closures)
    for row in (
        results.annotate(
            month=TruncMonth("closure__closed_on"),
            referrer=_first_referrer("closure__plan__case_id"),
        )
        .values("month", "closure__plan__case__team_id", "result", "referrer")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        month, team, n = row["month"], row["closure__plan__case__team_id"], row["n"]
        rows.add(month, team, "goals.result", n, row["result"])
        rows.add(month, team, "goals.by_referrer", n, f"{row['referrer'] or ''}|{row['result']}")


def _care(rows: Rows, start: date, end: date) -> None:
    """Youth care started and stopped as the providers reported it (JW305, JW307)."""
    deliveries = CareDelivery.objects.filter(removed=False)
    for row in (
        deliveries.filter(started_on__gte=start, started_on__lt=end)
        .annotate(month=TruncMonth("started_on"))
        .values("month", "decision__case__team_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows.add(row["month"], row["decision__case__team_id"], "care.started", row["n"])
    for row in (
        deliveries.filter(stopped_on__gte=start, stopped_on__lt=end)
        .annotate(month=TruncMonth("stopped_on"), referrer=_first_referrer("decision__case_id"))
        .values(
            "month",
            "decision__case__team_id",
            "closure_reason",
            "referrer",
            "decision__product__profile__code",
            "decision__product__provider_id",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        month, team, n, reason = (
            row["month"],
            row["decision__case__team_id"],
            row["n"],
            row["closure_reason"],
        )
        profile = row["decision__product__profile__code"] or ""
        rows.add(month, team, "care.stopped.by_referrer", n, f"{row['referrer'] or ''}|{reason}")
        rows.add(month, team, "care.stopped.by_profile", n, f"{profile}|{reason}")
        provider = row["decision__product__provider_id"]
        rows.add(month, team, "care.stopped.by_provider", n, f"{provider}|{reason}")


def _decisions(rows: Rows, start: date, end: date) -> None:
    """Decisions issued: intensity, and whether their term is at most the maximum."""
    max_months = settings.WIJKTEAM_DECISION_MAX_MONTHS
    for issued_at, team, intensity, first, last in (
        Decision.objects.filter(_between("issued_at", start, end))
        .exclude(status=DecisionStatus.WITHDRAWN)
        .values_list("issued_at", "case__team_id", "intensity", "start_date", "end_date")
    ):
        month = timezone.localdate(issued_at).replace(day=1)
        rows.add(month, team, "decisions.issued", 1)
        rows.add(month, team, "decisions.intensity", 1, intensity)
        if period_verdict(first, last, max_months).allowed:
            rows.add(month, team, "decisions.within_year", 1)


def _dated_records(rows: Rows, start: date, end: date) -> None:
    """Records counted by a date of their own: support while waiting, own support,
    referrals to community offers, evaluations."""
    sources = (
        (SupportWhileWaiting.objects, "given_on", "case__team_id", "support_while_waiting.given"),
        (OwnSupport.objects, "started_on", "plan__case__team_id", "own_support.started"),
        (CommunityReferral.objects, "referred_on", "plan__case__team_id", "community_referrals"),
    )
    for manager, field, team_path, measure in sources:
        for row in (
            manager.filter(**{f"{field}__gte": start, f"{field}__lt": end})
            .annotate(month=TruncMonth(field))
            .values("month", team_path)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            rows.add(row["month"], row[team_path], measure, row["n"])
    for row in (
        Evaluation.objects.filter(held_on__gte=start, held_on__lt=end)
        .annotate(month=TruncMonth("held_on"))
        .values("month", "plan__case__team_id")
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(team_present=True)))
        .order_by()
    ):
        month, team = row["month"], row["plan__case__team_id"]
        rows.add(month, team, "evaluations", row["n"])
        rows.add(month, team, "evaluations.team_present", row["present"])


def _weighings(rows: Rows, start: date, end: date, team: int) -> None:
    """The weighing framework per month (allocation's counts, one team at a time)."""
    last_day = end - timedelta(days=1)
    for row in intervention_level_counts(start, last_day, team=team, period=MONTH):
        rows.add(row.period, team, "weighings.level", row.count, row.key)
    for row in not_granted_counts(start, last_day, team=team, period=MONTH):
        rows.add(row.period, team, "not_granted.reason", row.count, f"{row.key}|{row.detail}")


def _per_month_and_team(rows: Rows, month: date, last_day: date, team: int) -> None:
    """What other apps count for one team and period: care stopped per reason, decisions
    and cost per profile, and the children of the cases closed after casework."""
    for row in closure_reason_counts(month, last_day, team=team):
        rows.add(month, team, "care.stopped.reason", row.count, row.key)
    for row in cost_per_profile(month, last_day, team=team):
        rows.add(month, team, "decisions.profile", row.decisions, row.key)
        cents = int(round(row.cost * 100)) if row.cost is not None else 0
        rows.add(month, team, "decisions.cost.profile", cents, row.key)
    worked = Case.objects.filter(
        _between("closed_at", month, last_day + timedelta(days=1)),
        team_id=team,
        triage_outcome=WORKED,
    )
    if rows.values.get((month, team, "cases.closed.worked", "")):
        children = child_voice_figures(worked, last_day)
        rows.add(month, team, "children", children.children)
        rows.add(month, team, "children.spoken_to", children.spoken_to)
        rows.add(month, team, "children.reason", children.reason)


def _survey_and_complaints(rows: Rows, month: date) -> None:
    period = Period(MONTH, month, add_months(month, 1))
    survey = experience_counts(period)
    for team, scores in survey.distribution.items():
        for score, n in scores.items():
            rows.add(month, team, "survey.score", n, score)
    for team, (invited, used) in survey.invitations.items():
        rows.add(month, team, "survey.invited", invited)
        rows.add(month, team, "survey.answered", used)
    for team, counts in complaint_counts(period).items():
        for key, n in counts.items():
            rows.add(month, team, f"complaints.{key}", n)


def _turned_18(rows: Rows, month: date) -> None:
    """Young people whose 18th birthday is in the month, in a family whose support plan
    was open during it; and how many had a complete transition checklist (no gap)."""
    end = add_months(month, 1)
    born_from, born_until = add_months(month, -12 * ADULT_AGE), add_months(end, -12 * ADULT_AGE)
    plans = SupportPlan.objects.filter(
        household_id=OuterRef("household_id"), created_at__lt=_moment(end)
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=_moment(month)))
    complete = Transition18.objects.filter(
        complete_checklist(),
        youth_id=OuterRef("resident_id"),
        plan__household_id=OuterRef("household_id"),
    )
    for row in (
        Membership.objects.filter(
            Exists(plans),
            resident__birth_date__gte=born_from,
            resident__birth_date__lt=born_until,
        )
        .annotate(
            team=Subquery(plans.order_by("-created_at").values("case__team_id")[:1]),
            complete=Exists(complete),
        )
        .values("team")
        .annotate(n=Count("resident_id", distinct=True), done=Count("pk", filter=Q(complete=True)))
        .order_by()
    ):
        rows.add(month, row["team"], "turned_18", row["n"])
        rows.add(month, row["team"], "turned_18.without_gap", row["done"])
