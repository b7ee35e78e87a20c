"""Demo support plans and community offers for `seed_demo`, through the services.

The catalogue gets a dozen community offers. Then, on open cases past triage (the demo
worker's first, then the demo team's), plans that are agreed on cases whose safety is
assessed (the worker first speaks with any child not yet heard: the other gate):

- a plan with an evaluation due within a month and a referral with a warm handover;
- a plan whose evaluation is overdue, with own support past its bound;
- a plan whose interim evaluation was held without the team (the warning);
- a draft plan with an open escalation to the team lead;
- a plan closed with a national closure reason (the case closes with it);
- a plan of a family whose eldest turns 18 within six months, with the transition
  checklist under way (the birth date is corrected to that through the resident service
  when the family's eldest is not that old: the demo households are drawn at random);
- a draft plan on a case whose safety is not yet in order, so the agreement page says why.

Deterministic (the case order is the reference order) and idempotent: when any plan
exists, no plans are added; offers are added by name when missing.
"""

import random
from datetime import date, timedelta

from django.db.models import Prefetch

from wijkteam.accounts.models import District, User
from wijkteam.assessment import services as assessment
from wijkteam.assessment.models import LifeDomain
from wijkteam.assessment.queries import child_voice_verdict_for_case
from wijkteam.assessment.rules import ChildVoiceInput
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.rules import add_months
from wijkteam.people import services as people
from wijkteam.people.models import MemberRole, Membership
from wijkteam.people.rules import age_on
from wijkteam.plans import services
from wijkteam.plans.models import SupportPlan
from wijkteam.plans.rules import AgreementInput, transition_due
from wijkteam.safety.queries import safety_verdict_for_case

from .demo_cases import DEMO_TEAM_DISTRICT, DEMO_WORKER, at

PAST_TRIAGE = (CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING)
CLOSABLE = (CaseStatus.IN_PROGRESS, CaseStatus.CLOSING)

# (name, organisation, kind, what, target group, ages, district or None, waiting weeks)
OFFERS = (
    (
        "Opvoedspreekuur",
        "Welzijn Voorbeeldstad",
        "parenting",
        "Elke woensdag een vrij spreekuur voor ouders met vragen over opvoeden.",
        "ouders van kinderen tot 12 jaar",
        (None, 12),
        None,
        0,
    ),
    (
        "Maatjesproject Jong",
        "Humanitas",
        "buddy",
        "Een vrijwillig maatje voor een jongere, een jaar lang elke week samen iets doen.",
        "jongeren van 12 tot 23 jaar",
        (12, 23),
        None,
        6,
    ),
    (
        "Huiswerkklas Binnenstad",
        "Buurthuis De Kandelaar",
        "school",
        "Huiswerkbegeleiding op dinsdag en donderdag na school, met vrijwilligers.",
        "kinderen van groep 6 tot en met de tweede klas",
        (9, 14),
        "binnenstad",
        2,
    ),
    (
        "Schuldhulp op maat",
        "Gemeente Voorbeeldstad",
        "debt",
        "Samen de schulden op een rij, een budgetplan en contact met schuldeisers.",
        "inwoners met geldzorgen",
        (18, None),
        None,
        3,
    ),
    (
        "Thuisadministratie",
        "Humanitas",
        "debt",
        "Een vrijwilliger helpt thuis met post, rekeningen en formulieren.",
        "volwassenen die hun papieren niet overzien",
        (18, None),
        None,
        0,
    ),
    (
        "Jeugdfonds Sport en Cultuur",
        "Jeugdfonds",
        "sport",
        "Contributie voor sport, muziekles of dans voor kinderen uit gezinnen met weinig geld.",
        "kinderen van 4 tot 18 jaar",
        (4, 18),
        None,
        0,
    ),
    (
        "Jongerenwerk Noorderhaven",
        "Welzijn Voorbeeldstad",
        "youth",
        "Inloop, activiteiten en een vast aanspreekpunt voor jongeren in de wijk.",
        "jongeren van 12 tot 23 jaar",
        (12, 23),
        "noorderhaven",
        0,
    ),
    (
        "Home-Start",
        "Humanitas",
        "parenting",
        "Een ervaren vrijwilliger komt wekelijks thuis bij ouders van jonge kinderen.",
        "ouders met minstens één kind tot 7 jaar",
        (None, 7),
        None,
        4,
    ),
    (
        "Mantelzorgsteunpunt",
        "Welzijn Voorbeeldstad",
        "informal_care",
        "Advies, lotgenotencontact en respijtzorg voor mantelzorgers, ook jonge mantelzorgers.",
        "mantelzorgers van alle leeftijden",
        (None, None),
        None,
        0,
    ),
    (
        "Buurtkamer Oosterenk",
        "Buurthuis De Schakel",
        "welfare",
        "Koffie, een praatje en hulp bij vragen, vijf ochtenden per week.",
        "iedereen in de wijk",
        (None, None),
        "oosterenk",
        0,
    ),
    (
        "Weerbaarheidstraining",
        "Sportbedrijf",
        "sport",
        "Tien lessen om sterker in je schoenen te staan, voor kinderen die gepest worden.",
        "kinderen van 8 tot 12 jaar",
        (8, 12),
        None,
        8,
    ),
    (
        "Samen Gezond",
        "GGD",
        "health",
        "Gesprekken over slapen, eten en bewegen met een jeugdverpleegkundige.",
        "gezinnen met kinderen tot 18 jaar",
        (None, 18),
        None,
        0,
    ),
)

GOALS = (
    (
        "school",
        "{child} gaat weer elke dag naar school.",
        "Een maand lang geen verzuim.",
        ("Samen met school een rooster en een vast ophaalmoment afspreken.", "team"),
    ),
    (
        "opvoeding",
        "Thuis is er weer rust rond bedtijd.",
        "Vier avonden per week zonder ruzie naar bed.",
        ("Vaste avondroutine maken en op de koelkast hangen.", "family"),
    ),
    (
        "financien",
        "De schulden staan op een rij en er is een budgetplan.",
        "Elke maand zijn de vaste lasten betaald.",
        ("Aanmelden bij Schuldhulp op maat.", "community"),
    ),
    (
        "sociaal-netwerk",
        "Moeder heeft iemand om op terug te vallen.",
        "Er zijn twee mensen die ze kan bellen als het even niet gaat.",
        ("Netwerkberaad organiseren met oma en de buurvrouw.", "network"),
    ),
)


class DemoPlans:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.ctx = AuditContext.system(name="seed_demo")

    def run(self) -> dict:
        offers = self._offers()
        if SupportPlan.objects.exists():
            return {"plans": 0, "offers": offers}
        self.domains = {d.code: d for d in LifeDomain.objects.filter(active=True)}
        candidates = self._candidates()
        made = 0
        # (scenario, needs an agreed plan, may it take the case) — most visible first.
        for scenario, agreed, fits in (
            (self._overdue, True, lambda case: True),
            (self._due, True, lambda case: True),
            (self._team_absent, True, lambda case: True),
            (self._turning_18, True, lambda case: self._eldest(case) is not None),
            (self._closed, True, self._closable),
            (self._escalation, False, lambda case: self._lead(case) is not None),
        ):
            case = next((c for c in candidates if fits(c) and (not agreed or self._safe(c))), None)
            if case is None:
                continue
            candidates.remove(case)
            if agreed:
                self._hear_the_children(case)
            scenario(case)
            made += 1
        waiting = next((c for c in candidates if not self._safe(c)), None)
        if waiting is not None:
            self._draft(waiting)
            made += 1
        return {"plans": made, "offers": offers}

    # --- The catalogue -------------------------------------------------------------

    def _offers(self) -> int:
        districts = {d.code: d for d in District.objects.all()}
        created = 0
        for name, organisation, kind, what, group, ages, district, weeks in OFFERS:
            if CommunityOffer.objects.filter(name=name).exists():
                continue
            offer = CommunityOffer.objects.create(
                name=name,
                organisation=organisation,
                category=kind,
                description=what,
                target_group=group,
                min_age=ages[0],
                max_age=ages[1],
                contact_name="Team " + organisation,
                contact_phone="14 038",
                contact_email=f"info@{organisation.split()[0].lower()}.example",
                waiting_weeks=weeks,
            )
            if district in districts:
                offer.districts.set([districts[district]])
            log_change(self.ctx, offer, AuditAction.CREATE, changed_fields=("name",))
            created += 1
        return created

    # --- Which cases -----------------------------------------------------------------

    def _candidates(self) -> list[Case]:
        """Open cases past triage with a worker: the demo worker's first, then the demo
        team's, then the rest, each by reference."""
        cases = list(
            Case.objects.filter(status__in=PAST_TRIAGE, worker__isnull=False)
            .select_related("household__district", "worker", "team")
            .prefetch_related(
                Prefetch(
                    "household__memberships", queryset=Membership.objects.select_related("resident")
                )
            )
        )
        return sorted(
            cases,
            key=lambda c: (
                c.household.district.code != DEMO_TEAM_DISTRICT,
                c.worker.username != DEMO_WORKER,
                c.reference,
            ),
        )

    def _safe(self, case: Case) -> bool:
        """A completed, current safety assessment: the demo leaves the ones awaiting
        review or overdue as they are (the safety demo shows them)."""
        return safety_verdict_for_case(case, self.today).allowed

    def _closable(self, case: Case) -> bool:
        """Closing takes a case from the demo worker's list: another worker's case."""
        return case.status in CLOSABLE and case.worker.username != DEMO_WORKER

    def _hear_the_children(self, case: Case) -> None:
        """Before the plan is agreed the worker speaks with every child not yet heard."""
        if child_voice_verdict_for_case(case, self.today).allowed:
            return
        heard = set(case.child_voices.values_list("child_id", flat=True))
        day = self.today - timedelta(days=40)
        for membership in case.household.memberships.all():
            child = membership.resident
            age = age_on(child.birth_date, self.today)
            if age >= 18 or child.pk in heard or child.birth_date > day:
                continue
            data = (
                ChildVoiceInput(spoken_to=False, reason="too_young")
                if age < 4
                else ChildVoiceInput(
                    spoken_to=True, spoken_on=day, setting="alone", spoken_by_id=case.worker_id
                )
            )
            assessment.record_child_voice(
                self.ctx,
                case,
                child,
                data,
                child_view="Ik wil dat het thuis rustiger wordt." if data.spoken_to else "",
                actor=case.worker,
                now=at(day, 15),
            )

    def _lead(self, case: Case) -> User | None:
        return (
            User.objects.filter(team_id=case.team_id, groups__name="team_lead", is_active=True)
            .order_by("username")
            .first()
        )

    def _eldest(self, case: Case):
        children = [
            m.resident
            for m in case.household.memberships.all()
            if 12 <= age_on(m.resident.birth_date, self.today) < 18
        ]
        return max(children, key=lambda r: age_on(r.birth_date, self.today), default=None)

    # --- Building blocks -------------------------------------------------------------

    def _plan(self, case: Case, started: date, goals: int = 2) -> SupportPlan:
        worker = case.worker
        plan = services.start_plan(
            self.ctx,
            case,
            actor=worker,
            summary="Rust in huis, de kinderen weer naar school en grip op geld.",
            now=at(started, 10),
        )
        children = [
            m.resident
            for m in case.household.memberships.all()
            if age_on(m.resident.birth_date, self.today) < 18
        ]
        child = children[0] if children else None
        for index, (code, result, indicator, (what, by)) in enumerate(GOALS[:goals]):
            plan.refresh_from_db()
            goal = services.save_goal(
                self.ctx,
                plan,
                services.GoalInput(
                    person_id=child.pk if child and code == "school" else None,
                    life_domain_id=self.domains[code].pk,
                    result=result.format(child=child.given_names if child else "Het kind"),
                    indicator=indicator,
                    priority="now" if index < 2 else "next",
                    order=index,
                ),
                actor=worker,
                expected_version=plan.version,
                now=at(started, 11),
            )
            plan.refresh_from_db()
            services.save_action(
                self.ctx,
                plan,
                services.ActionInput(
                    goal_id=goal.pk,
                    description=what,
                    by=by,
                    who={
                        "team": str(worker),
                        "family": "Ouders",
                        "community": "Moeder",
                        "network": "Oma",
                    }[by],
                    due_on=started + timedelta(days=30 + 14 * index),
                ),
                actor=worker,
                expected_version=plan.version,
                now=at(started, 11),
            )
        plan.refresh_from_db()
        return plan

    def _agree(self, plan: SupportPlan, agreed_on: date) -> None:
        members = list(plan.household.memberships.all())
        parents = {
            m.resident_id for m in members if age_on(m.resident.birth_date, self.today) >= 18
        }
        children = {
            m.resident_id for m in members if 12 <= age_on(m.resident.birth_date, self.today) < 18
        }
        services.agree_plan(
            self.ctx,
            plan,
            AgreementInput(
                agreed_on=agreed_on,
                how=self.rng.choice(["home_visit", "meeting", "signed"]),
                parent_ids=frozenset(parents),
                child_ids=frozenset(children),
            ),
            actor=plan.case.worker,
            expected_version=plan.version,
        )
        plan.refresh_from_db()

    def _evaluation(
        self,
        plan,
        held_on,
        *,
        kind="interim",
        team=True,
        decision="continue",
        note="",
        next_on=None,
        result="partly",
    ):
        goals = list(plan.goals.filter(dropped_at__isnull=True))
        services.record_evaluation(
            self.ctx,
            plan,
            services.EvaluationInput(
                kind=kind,
                held_on=held_on,
                team_member_ids=frozenset({plan.case.worker_id}) if team else frozenset(),
                family_member_ids=frozenset(
                    m.resident_id
                    for m in plan.household.memberships.all()
                    if m.role == MemberRole.PARENT
                ),
                others="" if team else "Jeugdhulp Oost (ambulant gezinsbegeleider)",
                results={} if kind == "start" else {g.pk: result for g in goals},
                decision=decision,
                decision_note=note,
                next_evaluation_on=next_on,
            ),
            actor=plan.case.worker,
        )

    # --- Scenarios ---------------------------------------------------------------------

    def _due(self, case: Case) -> None:
        """Agreed eleven months ago; the next evaluation falls due in ten days; a child is
        referred to a community offer with a warm handover."""
        agreed = add_months(self.today, -11)
        plan = self._plan(case, agreed - timedelta(days=7))
        self._agree(plan, agreed)
        self._evaluation(
            plan,
            agreed + timedelta(days=14),
            kind="start",
            next_on=self.today + timedelta(days=10),
        )
        child = self._eldest(case) or next(
            (m.resident for m in case.household.memberships.all()), None
        )
        offer = CommunityOffer.objects.filter(name="Jeugdfonds Sport en Cultuur").first()
        if child is not None and offer is not None:
            services.refer_to_offer(
                self.ctx,
                plan,
                services.ReferralInput(
                    offer_id=offer.pk,
                    person_id=child.pk,
                    referred_on=agreed + timedelta(days=20),
                    warm_handover=True,
                    handover_note="Samen met moeder het aanvraagformulier ingevuld en de "
                    "voetbalclub gebeld voor een proeftraining.",
                    contact_at_offer="Intermediair Jeugdfonds, mevrouw Bakker",
                ),
                actor=case.worker,
            )

    def _overdue(self, case: Case) -> None:
        """Agreed fourteen months ago and evaluated at the start only: overdue. Own
        support started four months ago, planned for three: past its bound."""
        agreed = add_months(self.today, -14)
        plan = self._plan(case, agreed - timedelta(days=10), goals=3)
        self._agree(plan, agreed)
        self._evaluation(plan, agreed + timedelta(days=10), kind="start")
        started = add_months(self.today, -4)
        services.start_own_support(
            self.ctx,
            plan,
            services.OwnSupportInput(
                kind="parenting",
                description="Wekelijkse gesprekken met moeder over grenzen stellen en "
                "de avondroutine.",
                worker_id=case.worker_id,
                started_on=started,
                planned_end_on=add_months(started, 3),
                planned_contacts=10,
                frequency="weekly",
            ),
            actor=case.worker,
        )

    def _team_absent(self, case: Case) -> None:
        """The interim evaluation was held by the provider without the team."""
        agreed = add_months(self.today, -5)
        plan = self._plan(case, agreed - timedelta(days=5))
        self._agree(plan, agreed)
        self._evaluation(plan, agreed + timedelta(days=7), kind="start")
        self._evaluation(
            plan,
            self.today - timedelta(days=20),
            team=False,
            next_on=self.today + timedelta(days=90),
        )

    def _escalation(self, case: Case) -> None:
        """Help is stuck before the plan can even be agreed: the specialist assessment
        the family needs does not start; escalated to the team lead."""
        plan = self._plan(case, self.today - timedelta(days=30))
        services.escalate(
            self.ctx,
            plan,
            stuck="Het onderzoek naar de ontwikkeling van de jongste start al zes weken "
            "niet; de aanbieder heeft geen plek en verwijst naar de wachtlijst.",
            tried="Twee keer overleg met de aanbieder, de huisarts ingeschakeld, andere "
            "aanbieders gebeld: niemand kan eerder.",
            lead_id=self._lead(case).pk,
            deadline=self.today + timedelta(days=5),
            actor=case.worker,
        )

    def _closed(self, case: Case) -> None:
        """Help ended according to plan, scaled down to the community."""
        agreed = add_months(self.today, -8)
        plan = self._plan(case, agreed - timedelta(days=7))
        self._agree(plan, agreed)
        self._evaluation(plan, agreed + timedelta(days=10), kind="start")
        self._evaluation(
            plan,
            self.today - timedelta(days=7),
            kind="final",
            decision="close",
            note="De doelen zijn bereikt; het gezin gaat verder met het opvoedspreekuur.",
            result="reached",
        )
        goals = plan.goals.filter(dropped_at__isnull=True)
        plan.refresh_from_db()
        services.close_plan(
            self.ctx,
            plan,
            services.ClosureInput(
                reason_code="31",
                closed_on=self.today - timedelta(days=2),
                results={goal.pk: "reached" for goal in goals},
                scaled_down_to="community",
                scaled_down_note="Opvoedspreekuur, Welzijn Voorbeeldstad",
                experience_request="survey_email",
            ),
            actor=case.worker,
            roles=["case_worker"],
            expected_version=plan.version,
        )

    def _turning_18(self, case: Case) -> None:
        """The eldest turns 18 within six months: the checklist is under way."""
        youth = self._eldest(case)
        if not transition_due(youth.birth_date, self.today, 6):
            youth = people.update_resident(
                self.ctx,
                youth,
                people.ResidentChanges(
                    given_names=youth.given_names,
                    surname_prefix=youth.surname_prefix,
                    surname=youth.surname,
                    birth_date=add_months(self.today, -12 * 17 - 7),
                    bsn=youth.bsn or "",
                    bsn_missing_reason=youth.bsn_missing_reason,
                    postcode=youth.postcode,
                    house_number=youth.house_number,
                    phone=youth.phone,
                    email=youth.email,
                ),
                expected_version=youth.version,
            )
            case = (
                Case.objects.prefetch_related(
                    Prefetch(
                        "household__memberships",
                        queryset=Membership.objects.select_related("resident"),
                    )
                )
                .select_related("household", "worker")
                .get(pk=case.pk)
            )
        agreed = add_months(self.today, -2)
        plan = self._plan(case, agreed - timedelta(days=5))
        self._agree(plan, agreed)
        services.save_transition(
            self.ctx,
            plan,
            youth,
            services.TransitionInput(
                extended_care=True,
                extended_care_not_needed_reason="",
                states={
                    "wmo_handover": "to_do",
                    "income": "arranged",
                    "health_insurance": "to_do",
                    "housing": "not_needed",
                },
                notes={
                    "income": "Studiefinanciering aangevraagd voor het mbo.",
                    "housing": "Blijft voorlopig thuis wonen.",
                },
                team_keeps_coordination=True,
            ),
            actor=case.worker,
            expected_version=None,
        )

    def _draft(self, case: Case) -> None:
        """A plan not yet agreed: the agreement page shows what the gates still need."""
        self._plan(case, self.today - timedelta(days=3))
