"""Demo support plans and community offers for `seed_demo`, through the services.

The catalogue gets a dozen community offers. Then, in the demo team (so the demo logins
see it all):

- a family whose earlier help had ended comes back, twice: each time a new registration,
  triage, assignment, a home visit, clarification and a reviewed safety assessment
  (`register_intake` and the other services, back-dated). The first plan, 16 months ago,
  closed nine months ago with the national reason 31 (the case closes with it); seven
  months ago they came back (a repeated call on help): a plan whose evaluation is overdue,
  own support past its bound and the transition checklist of the eldest, who turns 18
  within six months (the birth date is corrected to that through the resident service
  when the family's eldest is younger: the demo households are drawn at random);
- on the demo worker's recent case whose safety is in order: a plan agreed last week,
  whose start meeting was held without the team (the warning), the next evaluation due
  within a month, and a referral to a community offer with a warm handover;
- on another open case of the demo team: a draft plan with an open escalation to the team
  lead; and where safety is not yet in order, a draft plan whose agreement page says why.

Deterministic (households by name, cases by reference) and idempotent: when any plan
exists, no plans are added; offers are added by name when missing.
"""

import random
from datetime import date, timedelta

from django.db.models import Prefetch

from wijkteam.accounts.models import District, User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.assessment import services as assessment
from wijkteam.assessment.models import LifeDomain
from wijkteam.assessment.queries import child_voice_verdict_for_case
from wijkteam.assessment.rules import ChildVoiceInput
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases import services as cases
from wijkteam.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    Channel,
    ContactKind,
    TriageOutcome,
    Urgency,
)
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.rules import add_months
from wijkteam.people import services as people
from wijkteam.people.models import Household, MemberRole, Membership
from wijkteam.people.rules import age_on
from wijkteam.plans import services
from wijkteam.plans.models import OPEN_PLAN_STATUSES, SupportPlan
from wijkteam.plans.rules import AgreementInput, transition_due
from wijkteam.safety import services as safety
from wijkteam.safety.models import RiskInstrument
from wijkteam.safety.queries import safety_verdict_for_case

from .demo_cases import DEMO_TEAM_DISTRICT, DEMO_WORKER, at

PAST_TRIAGE = (CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING)
CASE_PREFETCH = Prefetch(
    "household__memberships", queryset=Membership.objects.select_related("resident")
)
COMING_BACK = "Moeder belt weer: het gaat thuis opnieuw niet goed, de oudste spijbelt."

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
        team = District.objects.filter(code=DEMO_TEAM_DISTRICT).select_related("team").first()
        if SupportPlan.objects.exists() or team is None or not hasattr(team, "team"):
            return {"plans": 0, "offers": offers}
        self.team = team.team
        self.lead = self._lead()
        self.domains = {d.code: d for d in LifeDomain.objects.filter(active=True)}
        made = 0
        returning = self._returning_families()
        if returning and self.lead is not None:
            # Help ended by plan nine months ago; seven months ago the family came back:
            # a repeated call on help.
            for months, scenario in ((16, self._closed), (7, self._long_running)):
                case = self._family_comes_back(returning[0], months)
                if case is not None:
                    scenario(case)
                    made += 1
        open_cases = self._open_cases()
        recent = next((c for c in open_cases if self._safe(c) and self._age(c) >= 5), None)
        if recent is not None:
            open_cases.remove(recent)
            self._recent(recent)
            made += 1
        if open_cases and self.lead is not None:
            self._escalation(open_cases.pop(0))
            made += 1
        waiting = next((c for c in open_cases if not self._safe(c)), None)
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

    # --- Which families and cases ----------------------------------------------------

    def _lead(self) -> User | None:
        return (
            User.objects.filter(team=self.team, groups__name="team_lead", is_active=True)
            .order_by("username")
            .first()
        )

    def _returning_families(self) -> list[Household]:
        """Demo-team families with children whose help ended (no open case): those with
        a young person of 12 to 17 first (for the transition at 18), then by name."""
        households = list(
            Household.objects.filter(district__team=self.team, cases__isnull=False)
            .exclude(cases__status__in=OPEN_STATUSES)
            .distinct()
            .prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.select_related("resident"))
            )
            .order_by("name", "pk")
        )
        with_children = [h for h in households if self._children(h)]
        return sorted(with_children, key=lambda h: (self._eldest(h) is None, h.name, h.pk))

    def _open_cases(self) -> list[Case]:
        """The demo team's open cases past triage with a worker: the demo worker's first."""
        found = (
            Case.objects.filter(team=self.team, status__in=PAST_TRIAGE, worker__isnull=False)
            .exclude(household__support_plans__status__in=OPEN_PLAN_STATUSES)
            .select_related("household", "worker")
            .prefetch_related(CASE_PREFETCH)
        )
        return sorted(found, key=lambda c: (c.worker.username != DEMO_WORKER, c.reference))

    def _children(self, household) -> list:
        return [
            m.resident
            for m in household.memberships.all()
            if age_on(m.resident.birth_date, self.today) < 18
        ]

    def _eldest(self, household):
        teens = [c for c in self._children(household) if age_on(c.birth_date, self.today) >= 12]
        return min(teens, key=lambda r: (r.birth_date, r.pk), default=None)

    def _age(self, case: Case) -> int:
        return (self.today - case.registered_at.date()).days

    def _safe(self, case: Case) -> bool:
        """A completed, current safety assessment: the demo leaves the ones awaiting
        review or overdue as they are (the safety demo shows them)."""
        return safety_verdict_for_case(case, self.today).allowed

    def _worker_on(self, day: date) -> User | None:
        """A case worker of the demo team with a current VOG on `day` (assignment refuses
        anyone else); not the demo worker, whose own list of cases stays as it is."""
        workers = (
            User.objects.filter(team=self.team, groups__name="case_worker", is_active=True)
            .prefetch_related("certificates")
            .order_by("username")
        )
        allowed = [w for w in workers if youth_case_verdict(w, day).allowed]
        others = [w for w in allowed if w.username != DEMO_WORKER]
        return next(iter(others or allowed), None)

    # --- A family comes back: the case through the services, back-dated -------------

    def _family_comes_back(self, household: Household, months: int) -> Case | None:
        registered = add_months(self.today, -months)
        worker = self._worker_on(registered)
        if worker is None:
            return None
        members = list(household.memberships.all())
        first = members[0].resident
        intake = cases.register_intake(
            self.ctx,
            cases.IntakeInput(
                channel=Channel.PHONE,
                help_question=COMING_BACK,
                urgency=Urgency.REGULAR,
                postcode=first.postcode,
                house_number=first.house_number,
                persons=[
                    cases.PersonInput(
                        given_names=m.resident.given_names,
                        surname=m.resident.surname,
                        surname_prefix=m.resident.surname_prefix,
                        birth_date=m.resident.birth_date,
                        bsn=m.resident.bsn or "",
                        role=m.role,
                        has_parental_authority=m.has_parental_authority,
                        is_subject=m.role == MemberRole.CHILD,
                    )
                    for m in members
                ],
            ),
            now=at(registered, 10),
        )
        case = intake.case
        case = cases.record_triage(
            self.ctx,
            case,
            urgency=Urgency.REGULAR,
            outcome=TriageOutcome.CASE,
            note="Bekend gezin; opnieuw hulp nodig rond school en opvoeding.",
            actor=self.lead,
            roles=["team_lead"],
            expected_version=None,
            now=at(registered, 14),
        )
        case = cases.assign_worker(
            self.ctx,
            case,
            worker,
            reason="",
            actor=self.lead,
            expected_version=None,
            now=at(registered + timedelta(days=1), 9),
        )
        visit = registered + timedelta(days=3)
        cases.record_contact_moment(
            self.ctx,
            case,
            occurred_on=visit,
            kind=ContactKind.HOME_VISIT,
            note="Huisbezoek: met moeder en de kinderen gesproken over wat er nu anders is.",
            actor=worker,
            present=[m.resident for m in members],
            children_spoken_to=[
                m.resident for m in members if 4 <= age_on(m.resident.birth_date, visit) < 18
            ],
            now=at(visit, 16),
        )
        assessment.save_clarification(
            self.ctx,
            case,
            {
                "support_question": COMING_BACK,
                "problems": "De oudste verzuimt; moeder is moe en de regels thuis zijn weg.",
                "support_needed": "Opvoedondersteuning en afspraken met school, een half jaar.",
            },
            actor=worker,
            expected_version=1,
            now=at(visit + timedelta(days=2), 11),
        )
        self._assess_safety(case, worker, visit + timedelta(days=2))
        case = Case.objects.get(pk=case.pk)
        cases.change_status(
            self.ctx,
            case,
            CaseStatus.IN_PROGRESS,
            actor=worker,
            roles=["case_worker"],
            reason="Vraag verhelderd en veiligheid getaxeerd.",
            expected_version=None,
            now=at(registered + timedelta(days=14), 10),
        )
        case = (
            Case.objects.select_related("household", "worker")
            .prefetch_related(CASE_PREFETCH)
            .get(pk=case.pk)
        )
        self._hear_the_children(case, registered + timedelta(days=10))
        return case

    def _assess_safety(self, case: Case, worker: User, day: date) -> None:
        instrument = RiskInstrument.objects.filter(active=True).order_by("pk").first()
        answers = {
            item.pk: item.options.order_by("order", "pk")[0].pk for item in instrument.items.all()
        }
        record = safety.record_safety_assessment(
            self.ctx,
            case,
            safety.AssessmentInput(
                answers=answers,
                conclusion="De kinderen zijn voldoende veilig; moeder werkt goed mee.",
                assessed_on=day,
                reassess_on=min(self.today + timedelta(days=60), add_months(day, 11)),
            ),
            instrument=instrument,
            actor=worker,
            now=at(day, 13),
        )
        safety.review_safety_assessment(
            self.ctx,
            record,
            approve=True,
            note="Besproken; eens met de conclusie.",
            actor=self.lead,
            expected_version=record.version,
            now=at(day + timedelta(days=1), 10),
        )

    def _hear_the_children(self, case: Case, day: date) -> None:
        """Before the plan is agreed the worker speaks with every child not yet heard
        (a child under 4: too young, recorded as such)."""
        if child_voice_verdict_for_case(case, self.today).allowed:
            return
        heard = set(case.child_voices.values_list("child_id", flat=True))
        for child in self._children(case.household):
            if child.pk in heard or child.birth_date > day:
                continue
            data = (
                ChildVoiceInput(spoken_to=False, reason="too_young")
                if age_on(child.birth_date, day) < 4
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
            now=at(agreed_on, 12),
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
            now=at(held_on, 15),
        )

    # --- Scenarios ---------------------------------------------------------------------

    def _long_running(self, case: Case) -> None:
        """Agreed half a year ago; the evaluation planned for three weeks ago did not
        happen (overdue); own support runs past its bound; the eldest turns 18 soon."""
        registered = case.registered_at.date()
        youth = self._eldest(case.household)
        if youth is not None and not transition_due(youth.birth_date, self.today, 6):
            youth = self._turns_18_soon(youth)
        plan = self._plan(case, registered + timedelta(days=14), goals=3)
        self._coordinated_by_the_demo_worker(plan)
        self._agree(plan, registered + timedelta(days=21))
        self._evaluation(
            plan,
            registered + timedelta(days=28),
            kind="start",
            next_on=self.today - timedelta(days=21),
        )
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
            now=at(started, 12),
        )
        if youth is not None:
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

    def _coordinated_by_the_demo_worker(self, plan: SupportPlan) -> None:
        """The demo worker coordinates this family's plan (the case worker does the
        own support), so "Mijn werk" of the demo login shows it."""
        demo = User.objects.filter(username=DEMO_WORKER, team=self.team).first()
        if demo is None or demo.pk == plan.case.worker_id:
            return
        services.update_coordination(
            self.ctx,
            plan,
            services.CoordinationInput(
                coordinator_id=demo.pk,
                process_coordination="team",
                process_coordination_by="",
                content_coordination="team",
                content_coordination_by="",
                court_measure=False,
                summary=plan.summary,
            ),
            actor=plan.case.worker,
            expected_version=plan.version,
        )
        plan.refresh_from_db()

    def _turns_18_soon(self, youth):
        """Correct the eldest's birth date so that they turn 18 in five months."""
        return people.update_resident(
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

    def _closed(self, case: Case) -> None:
        """Help ended according to plan (reason 31) and was scaled down to the community,
        nine months ago."""
        registered = case.registered_at.date()
        closed_on = add_months(self.today, -9)
        plan = self._plan(case, registered + timedelta(days=14))
        self._agree(plan, registered + timedelta(days=21))
        self._evaluation(plan, registered + timedelta(days=28), kind="start")
        self._evaluation(
            plan,
            closed_on - timedelta(days=5),
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
                closed_on=closed_on,
                results={goal.pk: "reached" for goal in goals},
                scaled_down_to="community",
                scaled_down_note="Opvoedspreekuur, Welzijn Voorbeeldstad",
                experience_request="survey_email",
            ),
            actor=case.worker,
            roles=["case_worker"],
            expected_version=plan.version,
            now=at(closed_on, 16),
        )

    def _recent(self, case: Case) -> None:
        """Agreed a few days ago; the start meeting was held by the provider without the
        team (the warning); the next evaluation falls due within a month; a child is
        referred to a community offer with a warm handover."""
        self._hear_the_children(case, self.today - timedelta(days=5))
        start = self.today - timedelta(days=4)
        plan = self._plan(case, start)
        self._agree(plan, start + timedelta(days=1))
        self._evaluation(
            plan,
            start + timedelta(days=2),
            kind="start",
            team=False,
            next_on=self.today + timedelta(days=10),
        )
        child = next(iter(self._children(case.household)), None)
        offer = CommunityOffer.objects.filter(name="Jeugdfonds Sport en Cultuur").first()
        if child is not None and offer is not None:
            services.refer_to_offer(
                self.ctx,
                plan,
                services.ReferralInput(
                    offer_id=offer.pk,
                    person_id=child.pk,
                    referred_on=start + timedelta(days=2),
                    warm_handover=True,
                    handover_note="Samen met moeder het aanvraagformulier ingevuld en de "
                    "voetbalclub gebeld voor een proeftraining.",
                    contact_at_offer="Intermediair Jeugdfonds, mevrouw Bakker",
                ),
                actor=case.worker,
            )

    def _escalation(self, case: Case) -> None:
        """Help is stuck before the plan can even be agreed: the specialist assessment
        the family needs does not start; escalated to the team lead."""
        plan = self._plan(case, max(case.registered_at.date(), self.today - timedelta(days=7)))
        services.escalate(
            self.ctx,
            plan,
            stuck="Het onderzoek naar de ontwikkeling van de jongste start al zes weken "
            "niet; de aanbieder heeft geen plek en verwijst naar de wachtlijst.",
            tried="Twee keer overleg met de aanbieder, de huisarts ingeschakeld, andere "
            "aanbieders gebeld: niemand kan eerder.",
            lead_id=self.lead.pk,
            deadline=self.today + timedelta(days=5),
            actor=case.worker,
        )

    def _draft(self, case: Case) -> None:
        """A plan not yet agreed: the agreement page shows what the gates still need."""
        self._plan(case, max(case.registered_at.date(), self.today - timedelta(days=3)))
