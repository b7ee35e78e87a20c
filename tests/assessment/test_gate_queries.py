"""The gate functions other issues build on: clarification steps 1–5 and the child's voice."""

from datetime import date

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import ChildVoice, QuestionClarification, Sufficiency
from wijkteam.assessment.queries import (
    child_voice_verdict_for_case,
    children_of,
    clarification_verdict_for_case,
)
from wijkteam.cases.models import ContactMoment, ContactPresence
from wijkteam.people.models import MemberRole

from ..factories import MembershipFactory, ResidentFactory

TODAY = date(2026, 11, 20)
LONG = "Een bevinding die lang genoeg is om navolgbaar te zijn."


def test_clarification_verdict_for_a_case_without_and_with_findings(world):
    verdict = clarification_verdict_for_case(world.case)
    assert not verdict.allowed
    assert verdict.codes == tuple(f"clarification_step_{n}_missing" for n in range(1, 6))
    QuestionClarification.objects.create(
        case=world.case,
        support_question=LONG,
        problems=LONG,
        support_needed=LONG,
        own_means="Moeder werkt parttime",
        usual_help="Vader helpt niet mee",
        informal_care="Oma komt twee keer per week",
        social_network="Buurvrouw past soms op",
        community_solutions="Huiswerkklas is vol",
        own_means_conclusion=Sufficiency.INSUFFICIENT,
        own_support="Zes gesprekken opvoedondersteuning door het wijkteam.",
        own_support_conclusion=Sufficiency.INSUFFICIENT,
    )
    assert clarification_verdict_for_case(world.case).allowed


def _child(world, given, age_years, role=MemberRole.CHILD):
    born = (
        date(TODAY.year - age_years, TODAY.month, TODAY.day)
        if isinstance(age_years, int)
        else age_years
    )
    resident = ResidentFactory(
        given_names=given, birth_date=born, district=world.household.district
    )
    MembershipFactory(household=world.household, resident=resident, role=role)
    return resident


def test_children_are_household_members_under_18_on_the_day(world):
    world.household.memberships.all().delete()
    parent = _child(world, "Sanne", 38, MemberRole.PARENT)
    noor = _child(world, "Noor", 9)
    almost = _child(world, "Jesse", date(2008, 11, 21))  # 18 tomorrow
    adult = _child(world, "Lotte", date(2008, 11, 20))  # 18 today
    assert children_of(world.case, TODAY) == [almost, noor]
    assert parent not in children_of(world.case, TODAY) and adult not in children_of(
        world.case, TODAY
    )


def test_child_voice_needs_every_child_spoken_to_or_a_reason(world):
    world.household.memberships.all().delete()
    worker = world.users[Role.CASE_WORKER]
    noor, daan, mila = _child(world, "Noor", 9), _child(world, "Daan", 6), _child(world, "Mila", 1)
    verdict = child_voice_verdict_for_case(world.case, TODAY)
    assert not verdict.allowed
    assert verdict.codes == ("child_voice_missing",) * 3
    assert ["Noor" in verdict.reasons[0].message, "Daan" in verdict.reasons[1].message] == [
        True,
        True,
    ]

    now = timezone.now()
    ChildVoice.objects.create(
        case=world.case,
        child=noor,
        spoken_to=True,
        spoken_on=TODAY,
        setting="alone",
        spoken_by=worker,
        recorded_by=worker,
        recorded_at=now,
    )
    ChildVoice.objects.create(
        case=world.case,
        child=mila,
        spoken_to=False,
        reason="too_young",
        recorded_by=worker,
        recorded_at=now,
    )
    verdict = child_voice_verdict_for_case(world.case, TODAY)
    assert verdict.codes == ("child_voice_missing",) and "Daan" in verdict.message

    # A contact moment at which Daan was spoken to counts as "spoken to" too.
    contact = ContactMoment.objects.create(
        case=world.case, occurred_on=TODAY, kind="home_visit", worker=worker, recorded_at=now
    )
    ContactPresence.objects.create(contact=contact, resident=daan, child_spoken_to=True)
    assert child_voice_verdict_for_case(world.case, TODAY).allowed


def test_a_record_in_another_case_does_not_count(world):
    world.household.memberships.all().delete()
    worker = world.users[Role.CASE_WORKER]
    noor = _child(world, "Noor", 9)
    ChildVoice.objects.create(
        case=world.other_case,
        child=noor,
        spoken_to=True,
        spoken_on=TODAY,
        setting="alone",
        spoken_by=worker,
        recorded_by=worker,
        recorded_at=timezone.now(),
    )
    assert not child_voice_verdict_for_case(world.case, TODAY).allowed


def test_child_voice_figures_count_every_child_of_every_case(world):
    from wijkteam.assessment.queries import child_voice_figures
    from wijkteam.cases.models import Case

    world.household.memberships.all().delete()
    worker = world.users[Role.CASE_WORKER]
    noor, daan, _mila = _child(world, "Noor", 9), _child(world, "Daan", 6), _child(world, "Mila", 2)
    _child(world, "Sanne", 40, MemberRole.PARENT)
    now = timezone.now()
    ChildVoice.objects.create(
        case=world.case,
        child=noor,
        spoken_to=True,
        spoken_on=TODAY,
        setting="alone",
        spoken_by=worker,
        recorded_by=worker,
        recorded_at=now,
    )
    ChildVoice.objects.create(
        case=world.case,
        child=daan,
        spoken_to=False,
        reason="refused",
        recorded_by=worker,
        recorded_at=now,
    )
    figures = child_voice_figures(Case.objects.filter(pk=world.case.pk), TODAY)
    assert (figures.children, figures.spoken_to, figures.reason, figures.nothing) == (3, 1, 1, 1)


def test_child_voice_figures_over_several_cases(world):
    """Each case counts its household's children once; a contact moment counts as spoken
    to and outranks a reason; a record in one case does not count for another."""
    from wijkteam.assessment.queries import child_voice_figures
    from wijkteam.cases.models import Case

    world.household.memberships.all().delete()
    worker = world.users[Role.CASE_WORKER]
    noor, daan = _child(world, "Noor", 9), _child(world, "Daan", 6)
    second = Case.objects.create(
        reference="WT-2026-900003",
        household=world.household,
        team=world.team,
        registered_at=timezone.now(),
    )
    now = timezone.now()
    ChildVoice.objects.create(
        case=world.case,
        child=noor,
        spoken_to=False,
        reason="refused",
        recorded_by=worker,
        recorded_at=now,
    )
    contact = ContactMoment.objects.create(
        case=world.case, occurred_on=TODAY, kind="home_visit", worker=worker, recorded_at=now
    )
    ContactPresence.objects.create(contact=contact, resident=noor, child_spoken_to=True)
    ContactPresence.objects.create(contact=contact, resident=daan, child_spoken_to=False)
    ChildVoice.objects.create(
        case=second,
        child=daan,
        spoken_to=False,
        reason="too_young",
        recorded_by=worker,
        recorded_at=now,
    )
    figures = child_voice_figures(Case.objects.filter(pk__in=[world.case.pk, second.pk]), TODAY)
    # world.case: Noor spoken to (the contact outranks her refusal), Daan nothing;
    # second: Noor nothing, Daan a reason.
    assert (figures.children, figures.spoken_to, figures.reason, figures.nothing) == (4, 1, 1, 2)
    none = child_voice_figures(Case.objects.none(), TODAY)
    assert (none.children, none.spoken_to, none.reason) == (0, 0, 0)
