"""Reads of weighings and decisions. Which cases a user may see is decided by
`cases.queries.cases_visible_to`: every decision is reached through a visible case, so
another team's decision is "not found". The figures for the KPIs are aggregates."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncQuarter

from wijkteam.cases.models import Case
from wijkteam.cases.queries import cases_visible_to
from wijkteam.core.rules import Verdict
from wijkteam.core.worklists import WORKLIST_SIZE, Worklist
from wijkteam.ijw.models import CareDelivery, Direction, Message, RequestedProduct

from .models import Decision, DecisionStatus, Objection, Weighing
from .rules import available_actions, issue_verdict

DECISION_RELATED = ("youth", "product__provider", "product__profile", "created_by", "issued_by")


def decisions_visible_to(user) -> QuerySet[Decision]:
    return Decision.objects.filter(case__in=cases_visible_to(user))


def decision_of(case: Case, pk: int) -> Decision:
    """One decision of a visible case (Decision.DoesNotExist → 404)."""
    return (
        Decision.objects.filter(case=case)
        .select_related(
            *DECISION_RELATED, "cosigned_by", "submitted_by", "weighing", "case__household"
        )
        .get(pk=pk)
    )


# --- The case: weighings, decisions, requests ----------------------------------------------


@dataclass(frozen=True)
class CaseAllocation:
    weighings: list
    decisions: list
    open_requests: list
    awaiting_placement: int = 0

    @property
    def not_granted(self) -> list:
        return [w for w in self.weighings if w.not_granted_reason]


def case_allocation(case: Case) -> CaseAllocation:
    """Everything the case's allocation page and section show, in four queries."""
    return CaseAllocation(
        weighings=list(case.weighings.select_related("recorded_by", "intake")),
        decisions=list(case.decisions.select_related(*DECISION_RELATED)),
        open_requests=list(
            RequestedProduct.objects.filter(message__case=case, decision__isnull=True)
            .select_related("message__provider")
            .order_by("start_date", "id")
        ),
    )


@dataclass(frozen=True)
class SentMessage:
    message: Message
    codes: list[str]  # the provider's codes: header and client, then this product's
    reply: Message | None


@dataclass(frozen=True)
class DecisionPage:
    decision: Decision
    verdict: Verdict | None  # for a draft or one awaiting co-signature: may it leave?
    actions: list[str]
    messages: list[SentMessage]
    deliveries: list
    objections: list


def decision_page(decision: Decision, roles, today: date, facts=None) -> DecisionPage:
    """A decision with what it still needs, the steps offered, the JW301 messages with
    the provider's return codes, the care started and stopped, and objections. `facts`
    (services.issue_facts) are passed for a draft or one awaiting co-signature."""
    messages = list(
        decision.messages.filter(direction=Direction.OUT, kind="JW301")
        .prefetch_related(Prefetch("replies", queryset=Message.objects.order_by("-created_at")))
        .order_by("-created_at")
    )
    number = str(decision.allocation_number or "")
    sent = [
        SentMessage(
            message,
            [*message.return_codes, *message.product_return_codes.get(number, [])],
            next(iter(message.replies.all()), None),
        )
        for message in messages
    ]
    return DecisionPage(
        decision=decision,
        verdict=issue_verdict(facts) if facts is not None else None,
        actions=available_actions(decision.status, roles, life_changing=decision.life_changing),
        messages=sent,
        deliveries=list(
            CareDelivery.objects.filter(decision=decision, removed=False).select_related(
                "start_message", "stop_message"
            )
        ),
        objections=list(Objection.objects.filter(decision=decision).select_related("recorded_by")),
    )


def case_messages(case: Case) -> list[Message]:
    """The iJw messages of a case, newest first (the case page's list; a case has tens)."""
    return list(
        Message.objects.filter(case=case)
        .select_related("provider", "in_reply_to", "case")
        .prefetch_related("decisions")
        .order_by("-created_at", "-id")
    )


# --- The behavioural expert's work list ------------------------------------------------------


class CosignWorklist(Worklist):
    """The decisions awaiting the user's co-signature: the oldest first (at most
    WORKLIST_SIZE) and how many there are in all."""


def awaiting_cosign_of(user) -> QuerySet[Decision]:
    """Decisions of the user's team awaiting co-signature that the user did not draft or
    submit (four eyes)."""
    return (
        decisions_visible_to(user)
        .filter(status=DecisionStatus.AWAITING_COSIGN, case__team_id=user.team_id)
        .exclude(created_by=user)
        .exclude(submitted_by=user)
    )


def cosign_worklist(user, size: int = WORKLIST_SIZE) -> CosignWorklist:
    """Two queries whatever the number of decisions."""
    pending = awaiting_cosign_of(user)
    rows = list(
        pending.select_related(
            "case__household", "youth", "product__provider", "submitted_by"
        ).order_by("submitted_at", "id")[:size]
    )
    return CosignWorklist(rows, pending.count())


# --- Figures for the KPIs (aggregates only) ------------------------------------------------


def _period(period: str):
    return {"month": TruncMonth, "quarter": TruncQuarter}[period]


def _in_team(queryset: QuerySet, team, path: str) -> QuerySet:
    return queryset.filter(**{f"{path}team": team}) if team is not None else queryset


@dataclass(frozen=True)
class CountRow:
    period: date
    key: str
    count: int
    detail: str = ""


def not_granted_counts(
    start: date, end: date, *, team=None, period: str = "month"
) -> list[CountRow]:
    """What was asked for but not granted, and why (recommendation 1c): counts per reason
    (and, for another law, per law) and per month or quarter of the weighing, from
    `start` to `end` inclusive. One query."""
    weighings = _in_team(
        Weighing.objects.filter(decided_on__range=(start, end)).exclude(not_granted_reason=""),
        team,
        "case__",
    )
    rows = (
        weighings.annotate(period=_period(period)("decided_on"))
        .values("period", "not_granted_reason", "other_law")
        .annotate(count=Count("id"))
        .order_by("period", "not_granted_reason", "other_law")
    )
    return [
        CountRow(row["period"], row["not_granted_reason"], row["count"], row["other_law"])
        for row in rows
    ]


def intervention_level_counts(
    start: date, end: date, *, team=None, period: str = "month"
) -> list[CountRow]:
    """How many help questions were weighed at each intervention level (recommendation
    1c: the use of each level over time). One query."""
    weighings = _in_team(Weighing.objects.filter(decided_on__range=(start, end)), team, "case__")
    rows = (
        weighings.annotate(period=_period(period)("decided_on"))
        .values("period", "level")
        .annotate(count=Count("id"))
        .order_by("period", "level")
    )
    return [CountRow(row["period"], row["level"], row["count"]) for row in rows]


def closure_reason_counts(start: date, end: date, *, team=None) -> list[CountRow]:
    """Care stopped in the period per closure reason (JZ588, from JW307): the outcome
    indicators (ended according to plan, early, one-sidedly). One query."""
    deliveries = _in_team(
        CareDelivery.objects.filter(stopped_on__range=(start, end), removed=False),
        team,
        "decision__case__",
    )
    rows = (
        deliveries.values("closure_reason").annotate(count=Count("id")).order_by("closure_reason")
    )
    return [CountRow(start, row["closure_reason"], row["count"]) for row in rows]


@dataclass(frozen=True)
class CostRow:
    key: str  # the profile code, or "" without a profile
    decisions: int
    cost: object  # Decimal or None


def cost_per_profile(start: date, end: date, *, team=None) -> list[CostRow]:
    """Decisions issued in the period and their estimated cost, per profile. One query."""
    decisions = _in_team(
        Decision.objects.filter(issued_at__date__range=(start, end)).exclude(
            status=DecisionStatus.WITHDRAWN
        ),
        team,
        "case__",
    )
    rows = (
        decisions.values("product__profile__code")
        .annotate(count=Count("id"), cost=Sum("cost"))
        .order_by("product__profile__code")
    )
    return [CostRow(row["product__profile__code"] or "", row["count"], row["cost"]) for row in rows]


# --- For the support plan: decision periods (an evaluation falls due halfway) ---------------


def decision_periods_of_cases(case_ids) -> dict[int, list[tuple]]:
    """The periods of the issued decisions of these cases, for the plan's evaluation due
    dates (plans.queries.register_decision_period_source). One query."""
    periods: dict[int, list[tuple]] = {}
    for case_id, start, end in (
        Decision.objects.filter(case_id__in=case_ids, status=DecisionStatus.ISSUED)
        .order_by("start_date", "pk")
        .values_list("case_id", "start_date", "end_date")
    ):
        periods.setdefault(case_id, []).append((start, end))
    return periods
