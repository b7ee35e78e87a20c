"""Demo assessment and safety records for `seed_demo`, through the services.

For the cases past triage: question clarification (complete for cases in progress,
partly done for cases still being clarified), the child's voice, life-domain scores
(a first and a recent scoring, so the household page shows change), an explanatory
analysis, a consultation, and safety: most cases with a reviewed assessment, some
overdue or awaiting review, signals, and in the demo team one family with the reporting
code concluded, a report by the case worker (role conflict), a Verwijsindex
registration and one crisis exception.

Deterministic: each case draws from its own stream (`seed` and the case reference), so
what exists already changes nothing; cases with a clarification or safety assessment
are skipped, so a second run adds nothing.
"""

import random
from datetime import date, timedelta

from django.db.models import Prefetch

from wijkteam.accounts.models import User
from wijkteam.assessment import services as assessment
from wijkteam.assessment.models import LifeDomain, QuestionClarification, Sufficiency
from wijkteam.assessment.rules import ChildVoiceInput, applies_to_person
from wijkteam.audit.log import AuditContext
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.core.rules import add_months
from wijkteam.people.models import Membership
from wijkteam.people.rules import age_on
from wijkteam.safety import services as safety
from wijkteam.safety.models import RiskInstrument, SafetyAssessment

from .demo_cases import at

PAST_TRIAGE = (CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING)

QUESTIONS = (
    "Moeder wil dat de ruzies thuis stoppen en dat de kinderen weer rustig slapen.",
    "Vader vraagt hulp omdat zijn zoon al weken niet naar school gaat.",
    "De ouders willen weten hoe ze hun dochter kunnen helpen met haar angsten.",
    "Moeder vraagt steun nu ze er na de scheiding alleen voor staat.",
)
PROBLEMS = (
    "Schulden geven veel stress; de ouders maken vaak ruzie waar de kinderen bij zijn.",
    "De zoon zit veel op zijn kamer, verzuimt school en heeft weinig vrienden.",
    "Moeder is somber en houdt de dagelijkse zorg en het huishouden moeilijk vol.",
    "Het gezin woont krap; er is weinig rust om te slapen en huiswerk te maken.",
)
NEEDS = (
    "Opvoedondersteuning gedurende drie maanden, wekelijks, en hulp bij de schulden.",
    "Begeleiding naar school in overleg met de leerplichtambtenaar, twee keer per week.",
    "Een traject voor de angsten van de dochter en steun voor de ouders, een half jaar.",
)
OWN_MEANS = (
    "Moeder is gemotiveerd en houdt afspraken goed bij.",
    "Vader werkt fulltime en kan alleen 's avonds.",
)
USUAL_HELP = ("Vader kan meer taken overnemen.", "De oudste dochter helpt al veel mee.")
INFORMAL_CARE = ("Oma past twee middagen per week op.", "Geen mantelzorg beschikbaar.")
NETWORK = ("Een buurvrouw brengt de kinderen soms naar school.", "Weinig contacten in de wijk.")
COMMUNITY = (
    "Huiswerkbegeleiding in het buurthuis; de schuldhulp van de gemeente.",
    "Sportclub via het Jeugdfonds Sport; maatjesproject in de wijk.",
)
OWN_SUPPORT = (
    "Zes gesprekken opvoedondersteuning door de jeugd- en gezinswerker.",
    "Kortdurende begeleiding door het wijkteam en een netwerkberaad.",
)
PROVISIONS = (
    "Ambulante gezinsbegeleiding: de eigen inzet is niet genoeg bij deze zware problemen.",
    "Behandeling bij een jeugd-GGZ-aanbieder op advies van de gedragswetenschapper.",
)
CHILD_VIEWS = (
    "Ik wil dat papa en mama minder ruzie maken.",
    "School is saai, maar ik mis mijn vrienden wel.",
    "Ik ben bang als het thuis onrustig is.",
    "Ik wil graag weer op voetbal.",
)
SITUATIONS = (
    "Het gezin staat onder druk door schulden en een krappe woning.",
    "De zoon trekt zich terug; de ouders weten niet hoe ze hem kunnen bereiken.",
)
EXPLANATIONS = (
    "De geldzorgen geven stress; daardoor is er minder geduld en meer ruzie.",
    "Na de verhuizing verloor de zoon zijn vrienden; somberheid houdt het verzuim in stand.",
)
SIGNALS = (
    ("Schoolverzuim, drie keer deze maand.", "school"),
    ("Moeder vertelt over harde ruzies 's avonds.", "jeugd- en gezinswerker"),
    ("Blauwe plek op de arm, uitleg klopt niet goed.", "huisarts"),
    ("Vader drinkt meer sinds hij zijn werk kwijt is.", "buurvrouw"),
)


class DemoAssessment:
    def __init__(self, rng: random.Random, today: date):
        self.base = rng.random()
        self.today = today
        self.ctx = AuditContext.system(name="seed_demo")
        self.domains = list(LifeDomain.objects.filter(active=True))
        self.instrument = RiskInstrument.objects.filter(active=True).order_by("pk").first()
        self.specials_done: set[str] = set()

    def run(self) -> dict:
        cases = list(
            Case.objects.filter(status__in=PAST_TRIAGE)
            .select_related("household__district__team", "worker", "team")
            .prefetch_related(
                Prefetch(
                    "household__memberships", queryset=Membership.objects.select_related("resident")
                )
            )
            .order_by("reference")
        )
        done = set(QuestionClarification.objects.values_list("case_id", flat=True)) | set(
            SafetyAssessment.objects.values_list("case_id", flat=True)
        )
        staff = self._staff()
        created = 0
        for case in cases:
            rng = random.Random(f"{self.base}-{case.reference}")
            if case.pk in done or self.instrument is None:
                continue
            team = staff.get(case.team_id, [])
            worker = case.worker or (team[0] if team else None)
            if worker is None:
                continue
            reviewer = next((u for u in team if u.pk != worker.pk), None)
            self._case(rng, case, worker, reviewer)
            created += 1
        return {"cases": created}

    def _staff(self) -> dict[int, list[User]]:
        by_team: dict[int, list[User]] = {}
        for user in (
            User.objects.filter(
                team__isnull=False, groups__name__in=["safety_officer", "team_lead"]
            )
            .distinct()
            .order_by("username")
        ):
            by_team.setdefault(user.team_id, []).append(user)
        return by_team

    def _on(self, start: date, days: int) -> date:
        """`days` after `start`, but never after today."""
        return min(start + timedelta(days=days), self.today)

    def _special_for(self, case, members) -> str | None:
        """In the demo team, for cases of a worker with children: first a family with the
        reporting code and a report, then one in crisis care."""
        has_children = any(age_on(m.resident.birth_date, self.today) < 18 for m in members)
        if not (case.worker_id and has_children and case.team.district.code == "binnenstad"):
            return None
        for special in ("report", "crisis"):
            if special not in self.specials_done:
                self.specials_done.add(special)
                return special
        return None

    def _case(self, rng, case, worker, reviewer) -> None:
        start = max(case.registered_at.date(), self.today - timedelta(days=300))
        members = list(case.household.memberships.all())
        self._clarification(rng, case, worker, start)
        self._child_voice(rng, case, worker, members, start)
        self._life_domains(rng, case, worker, members, start)
        if case.status != CaseStatus.CLARIFICATION:
            self._analysis(rng, case, worker, start)
        if rng.random() < 0.3:
            assessment.ask_consultation(
                self.ctx,
                case,
                kind="behavioural_expert",
                consultant=None,
                question="Is een specialistisch onderzoek naar de ontwikkeling nodig?",
                asked_on=self._on(start, 10),
                actor=worker,
                now=at(self._on(start, 10), 11),
            )
        special = self._special_for(case, members)
        if special == "crisis":
            safety.record_crisis_exception(
                self.ctx,
                case,
                reason="Moeder is opgenomen; de kinderen zijn direct bij oma opgevangen.",
                actor=worker,
                now=at(self.today - timedelta(days=6), 9),
            )
        elif reviewer is not None:
            self._safety(rng, case, worker, reviewer, members, start)
            if special == "report":
                self._report(case, worker, reviewer, members)

    def _clarification(self, rng, case, worker, start) -> None:
        complete = case.status != CaseStatus.CLARIFICATION or rng.random() < 0.3
        findings = {
            "support_question": rng.choice(QUESTIONS),
            "problems": rng.choice(PROBLEMS),
            "support_needed": rng.choice(NEEDS),
        }
        if complete:
            findings |= {
                "own_means": rng.choice(OWN_MEANS),
                "usual_help": rng.choice(USUAL_HELP),
                "informal_care": rng.choice(INFORMAL_CARE),
                "social_network": rng.choice(NETWORK),
                "community_solutions": rng.choice(COMMUNITY),
                "own_means_conclusion": Sufficiency.INSUFFICIENT,
                "own_support": rng.choice(OWN_SUPPORT),
                "own_support_conclusion": rng.choice(
                    [Sufficiency.PARTLY, Sufficiency.INSUFFICIENT]
                ),
                "customised_provision": rng.choice(PROVISIONS),
            }
        assessment.save_clarification(
            self.ctx,
            case,
            findings,
            actor=worker,
            expected_version=1,
            now=at(self._on(start, 7), 15),
        )

    def _child_voice(self, rng, case, worker, members, start) -> None:
        day = self._on(start, 8)
        for membership in members:
            child = membership.resident
            age = age_on(child.birth_date, self.today)
            if age >= 18 or child.birth_date > day:
                continue
            draw = rng.random()
            if draw < 0.12:
                continue  # not yet recorded: the case page shows it
            if age < 4:
                data = ChildVoiceInput(spoken_to=False, reason="too_young")
            elif draw < 0.2:
                data = ChildVoiceInput(spoken_to=False, reason="refused")
            else:
                data = ChildVoiceInput(
                    spoken_to=True,
                    spoken_on=day,
                    setting=rng.choice(["alone", "at_school", "with_parent", "play"]),
                    spoken_by_id=worker.pk,
                )
            assessment.record_child_voice(
                self.ctx,
                case,
                child,
                data,
                child_view=rng.choice(CHILD_VIEWS) if data.spoken_to else "",
                actor=worker,
                now=at(day, 16),
            )

    def _life_domains(self, rng, case, worker, members, start) -> None:
        days = [self._on(start, 9)]
        if (self.today - days[0]).days > 30:
            days.append(self.today - timedelta(days=rng.randint(3, 30)))
        for membership in members:
            resident = membership.resident
            if resident.birth_date > days[0]:
                continue
            domains = [
                d
                for d in self.domains
                if applies_to_person(d.applies_to, age_on(resident.birth_date, days[0]))
            ]
            first = {
                d.pk: rng.choices([1, 2, 3, 4, 5], weights=[1, 3, 4, 4, 2])[0] for d in domains
            }
            for index, day in enumerate(days):
                scores = (
                    first
                    if index == 0
                    else {k: min(5, v + rng.choice([0, 0, 1])) for k, v in first.items()}
                )
                assessment.record_life_domain_assessment(
                    self.ctx,
                    case.household,
                    resident,
                    assessed_on=day,
                    scores=scores,
                    case=case,
                    actor=worker,
                    now=at(day, 14),
                )

    def _analysis(self, rng, case, worker, start) -> None:
        for version in (1, 2) if rng.random() < 0.4 else (1,):
            assessment.write_explanatory_analysis(
                self.ctx,
                case,
                assessment.AnalysisInput(
                    situation=rng.choice(SITUATIONS),
                    explanation=rng.choice(EXPLANATIONS),
                    protective_factors="Betrokken oma; de kinderen gaan graag naar school.",
                    risk_factors="Schulden; weinig netwerk.",
                ),
                actor=worker,
                expected_version=version,
                now=at(self._on(start, 12 + 20 * (version - 1)), 10),
            )

    def _safety(self, rng, case, worker, reviewer, members, start) -> None:
        draw = rng.random()
        assessed_on = self._on(start, 5)
        overdue = draw < 0.15
        reassess = (
            self.today - timedelta(days=rng.randint(2, 20))
            if overdue
            else min(add_months(assessed_on, 12), self.today + timedelta(days=rng.randint(20, 120)))
        )
        if reassess <= assessed_on:
            reassess = assessed_on + timedelta(days=1)
        answers = {
            item.pk: rng.choices(
                list(item.options.all()), weights=[8, 2, 1][: item.options.count()]
            )[0].pk
            for item in self.instrument.items.all()
        }
        record = safety.record_safety_assessment(
            self.ctx,
            case,
            safety.AssessmentInput(
                answers=answers,
                conclusion="De kinderen zijn op dit moment voldoende veilig; ouders werken mee.",
                assessed_on=assessed_on,
                reassess_on=reassess,
            ),
            instrument=self.instrument,
            actor=worker,
            now=at(assessed_on, 13),
        )
        if draw > 0.9:
            return  # awaiting review by a second colleague
        safety.review_safety_assessment(
            self.ctx,
            record,
            approve=True,
            note="Besproken in het casusoverleg; eens met de conclusie.",
            actor=reviewer,
            expected_version=record.version,
            now=at(self._on(assessed_on, 2), 10),
        )
        if rng.random() < 0.35:
            for description, source in rng.sample(SIGNALS, k=rng.randint(1, 3)):
                safety.record_signal(
                    self.ctx,
                    case,
                    resident=rng.choice(members).resident,
                    observed_on=self.today - timedelta(days=rng.randint(5, 150)),
                    description=description,
                    source=source,
                    actor=worker,
                )

    def _report(self, case, worker, reviewer, members) -> None:
        """The reporting code concluded with a report by the case worker (role conflict)
        and a Verwijsindex registration."""
        children = [m.resident for m in members if age_on(m.resident.birth_date, self.today) < 18]
        day = self.today - timedelta(days=2)
        safety.save_reporting_code(
            self.ctx,
            case,
            {
                "signals_summary": "School meldt blauwe plekken; moeder vertelt over harde ruzies.",
                "colleague": reviewer,
                "colleague_consulted_on": day,
                "colleague_advice": "Meld bij Veilig Thuis: structurele onveiligheid.",
                "family_talked_on": day,
                "family_conversation": "Moeder herkent de zorgen; vader ontkent.",
                "q1_suspicion": True,
                "q2_acute_or_structural": True,
                "weighing": "Het geweld houdt al maanden aan.",
                "decision_note": "Melden bij Veilig Thuis; de hulp van het wijkteam loopt door.",
            },
            conclude=True,
            actor=worker,
            expected_version=None,
            now=at(day, 12),
        )
        safety.record_veilig_thuis_report(
            self.ctx,
            case,
            reported_on=day,
            reported_by=worker,
            reference="VT-2026-0417",
            children=children,
            summary="Zorgen over huiselijk geweld waar de kinderen getuige van zijn.",
            actor=worker,
            now=at(day, 15),
        )
        safety.register_in_index(
            self.ctx,
            case,
            youth=children[0],
            registered_on=day,
            note="Na de melding bij Veilig Thuis.",
            actor=worker,
            now=at(day, 16),
        )
