"""Shared set-up for the allocation and iJw tests: a provider catalogue, a case whose
clarification (steps 1–5) and safety assessment are in order, and decisions on it."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.allocation import services
from wijkteam.allocation.models import Decision
from wijkteam.allocation.services import DecisionInput
from wijkteam.assessment.models import QuestionClarification
from wijkteam.audit.log import AuditContext
from wijkteam.cases.models import CaseStatus
from wijkteam.ijw import build
from wijkteam.ijw.models import CareDelivery, Direction, Message, MessageStatus
from wijkteam.providers.models import ContractedProduct, Profile, Provider
from wijkteam.safety.models import AssessmentStatus, RiskInstrument, SafetyAssessment

CTX = AuditContext.system(name="test")
AGB = "12345678"
OTHER_AGB = "87654321"
WORKER_ROLES = {Role.CASE_WORKER}
EXPERT_ROLES = {Role.BEHAVIOURAL_EXPERT}


def catalogue() -> dict[str, ContractedProduct]:
    """Two providers: ambulant help by the hour (a profile), residential care per day,
    and a category with a budget."""
    provider = Provider.objects.create(name="Jeugdhulp De Brug", agb_code=AGB, phone="0381234567")
    other = Provider.objects.create(name="Kinderhuis De Linde", agb_code=OTHER_AGB)
    medium = Profile.objects.get(kind="recovery", intensity="medium")
    heavy = Profile.objects.get(kind="recovery", intensity="heavy")
    return {
        "ambulant": ContractedProduct.objects.create(
            provider=provider,
            category="45",
            product_code="45A01",
            name="Ambulante gezinsbegeleiding",
            profile=medium,
            unit="4",
            tariff=Decimal("82.50"),
        ),
        "intensive": ContractedProduct.objects.create(
            provider=provider,
            category="45",
            product_code="45A02",
            name="Intensieve ambulante hulp",
            profile=heavy,
            unit="4",
            tariff=Decimal("95.00"),
        ),
        "residential": ContractedProduct.objects.create(
            provider=other,
            category="43",
            product_code="43A01",
            name="Verblijf in een gezinshuis",
            unit="14",
            tariff=Decimal("210.00"),
        ),
        "budget": ContractedProduct.objects.create(
            provider=provider, category="54", name="Jeugd-ggz (budget)"
        ),
    }


def youth_of(world):
    youth = world.household.members.first()
    youth.postcode, youth.house_number = "8011AB", "12a"
    youth.birth_date = date(2014, 5, 1)
    youth.save()
    return youth


def ready_case(world, *, clarification=True, safety=True):
    """The world's case in progress, with steps 1–5 recorded and a reviewed, current
    safety assessment."""
    case = world.case
    case.status = CaseStatus.IN_PROGRESS
    case.worker = world.users[Role.CASE_WORKER]
    case.save()
    if clarification:
        QuestionClarification.objects.update_or_create(
            case=case,
            defaults={
                "support_question": "Moeder wil dat de ruzies thuis stoppen.",
                "problems": "De zoon verzuimt school en trekt zich terug.",
                "support_needed": "Gezinsbegeleiding, twee uur per week, een half jaar.",
                "own_means": "Moeder is gemotiveerd.",
                "usual_help": "Vader werkt veel.",
                "informal_care": "Oma helpt soms.",
                "social_network": "Weinig contacten.",
                "community_solutions": "Sportclub geprobeerd.",
                "own_means_conclusion": "insufficient",
                "own_support": "Zes gesprekken door het wijkteam.",
                "own_support_conclusion": "insufficient",
            },
        )
    if safety:
        SafetyAssessment.objects.create(
            case=case,
            instrument=RiskInstrument.objects.first(),
            assessed_on=timezone.localdate() - timedelta(days=10),
            assessed_by=world.users[Role.CASE_WORKER],
            risk_level="low",
            conclusion="Geen zorgen over de veiligheid.",
            reassess_on=timezone.localdate() + timedelta(days=80),
            status=AssessmentStatus.COMPLETED,
            reviewed_by=world.users[Role.SAFETY_OFFICER],
            reviewed_at=timezone.now() - timedelta(days=9),
            recorded_at=timezone.now() - timedelta(days=10),
        )
    return case


def decision_input(youth, product, *, start=None, days=180, **changes) -> DecisionInput:
    start = start or timezone.localdate()
    values = {
        "youth": youth,
        "product": product,
        "start_date": start,
        "end_date": start + timedelta(days=days),
        "motivation": "Gezinsbegeleiding: de eigen inzet van het wijkteam was niet genoeg.",
        "intensity": "medium",
        "volume": 2 if product.product_code else None,
        "frequency": "2" if product.product_code else "",
        "budget": None if product.product_code else Decimal("6000"),
    }
    return DecisionInput(**{**values, **changes})


def draft(world, product, youth=None, **changes):
    youth = youth or youth_of(world)
    return services.save_draft(
        CTX,
        world.case,
        decision_input(youth, product, **changes),
        actor=world.users[Role.CASE_WORKER],
    )


def issue(world, decision):
    """The case worker issues the decision (at its current version)."""
    return services.issue_decision(
        CTX,
        decision,
        actor=world.users[Role.CASE_WORKER],
        roles=WORKER_ROLES,
        expected_version=decision.version,
    )


def issued(world, product, youth=None, **changes):
    return issue(world, draft(world, product, youth, **changes))


def requested(reference: str, start, days: int, **changes):
    """A requested product (JW315) of 45A01, an hour a week, after a GP referral."""
    values = {"product_code": "45A01", "volume": 1, "unit": "4", "frequency": "2"}
    return build.RequestItem(
        reference, "45", start, "2", end=start + timedelta(days=days), **{**values, **changes}
    )


def wipe_allocation() -> None:
    """Remove decisions and iJw messages (they protect their case), for tests that start
    the demo data over."""
    CareDelivery.objects.all().delete()
    Message.objects.filter(in_reply_to__isnull=False).delete()  # replies first
    Message.objects.all().delete()
    Decision.objects.all().delete()


def decision_body(world, product, **changes) -> dict:
    """A decision as the page's form and the API take it (the API ignores `version`)."""
    start = timezone.localdate()
    values = {
        "version": 1,
        "youth": world.household.members.first().pk,
        "product": product.pk,
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=180)).isoformat(),
        "volume": 2,
        "frequency": "2",
        "intensity": "medium",
        "motivation": "Twee uur gezinsbegeleiding per week; eigen inzet was niet genoeg.",
    }
    return {**values, **changes}


def rejected_messages(case, count: int, start: int = 0) -> None:
    """`count` rejected incoming JW305 messages of `case` that ask for attention (the
    message lists' query-count tests)."""
    Message.objects.bulk_create(
        Message(
            direction=Direction.IN,
            kind="JW305",
            status=MessageStatus.REJECTED,
            identification=f"X{start + n}",
            sender=AGB,
            receiver="0193",
            case=case,
            attention=True,
            return_codes=["0001"],
            created_at=timezone.now() - timedelta(minutes=start + n),
        )
        for n in range(count)
    )
