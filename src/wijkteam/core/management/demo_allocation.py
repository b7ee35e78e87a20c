"""Demo allocation for `seed_demo`, through the services: a catalogue of ten providers
(imported as a CSV, as an administrator would), weighings with what was not granted and
why, issued decisions with their JW301 messages, one residential decision awaiting the
behavioural expert's co-signature, a heavy one with its reason, and what providers send
back — a return on an allocation (JW302), a start (JW305) and a stop of care (JW307) —
and two requests for allocation (JW315), imported as received files: one for a child the
team knows (it joins the case), one for a child nobody knows yet (it waits for the team
lead to place it).

The demo team's cases of the demo case worker come first: where their clarification
still lacks steps 4 and 5 those are filled in and the case moves on to "in progress".
Deterministic and idempotent: cases that already have a weighing are left alone, and
received files already imported are skipped.
"""

import csv
import io
import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from wijkteam.accounts.models import Team, User
from wijkteam.allocation import services
from wijkteam.allocation.models import Decision, Weighing
from wijkteam.allocation.rules import WeighingInput
from wijkteam.assessment import services as assessment
from wijkteam.assessment.queries import clarification_of, clarification_verdict_for_case
from wijkteam.audit.log import AuditContext
from wijkteam.cases import services as cases
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.core.errors import RuleViolation
from wijkteam.ijw import build, provider
from wijkteam.ijw.inbox import import_bytes
from wijkteam.ijw.models import Message
from wijkteam.ijw.outbox import write_pending
from wijkteam.people.models import Membership, Resident
from wijkteam.people.rules import age_on
from wijkteam.providers.models import ContractedProduct, Provider
from wijkteam.providers.rules import COLUMNS
from wijkteam.providers.services import import_catalogue
from wijkteam.safety.queries import safety_verdict_for_case

from .demo_cases import DEMO_TEAM_DISTRICT, DEMO_WORKER, at

# The steps of a question clarification the demo completes where they are still empty.
SHOWCASE_CLARIFICATION = {
    "support_question": "Moeder wil dat het thuis rustiger wordt en dat haar kind weer "
    "graag naar school gaat.",
    "problems": "Het kind slaapt slecht en heeft woedeaanvallen; moeder raakt uitgeput en "
    "weet niet meer hoe ze grenzen stelt.",
    "support_needed": "Gezinsbegeleiding thuis, een half jaar, met aandacht voor "
    "opvoedvaardigheden en rust in huis.",
    "own_means": "Moeder is gemotiveerd en houdt afspraken goed bij.",
    "usual_help": "Vader ziet de kinderen om het weekend en wil meedenken.",
    "informal_care": "Oma woont ver weg en kan weinig bijspringen.",
    "social_network": "Een buurvrouw haalt soms de kinderen op.",
    "community_solutions": "Sportclub via het Jeugdfonds Sport geprobeerd; helpt onvoldoende.",
    "own_means_conclusion": "insufficient",
    "own_support": "Vijf gesprekken opvoedondersteuning door de jeugd- en gezinswerker.",
    "own_support_conclusion": "partly",
}
# A test BSN (the 9999… range) that no demo household uses.
UNKNOWN_CHILD_BSN = "999999990"

# agb_code, provider, contact, phone, e-mail: then their products
# (category, product code, name, profile code, unit, tariff).
CATALOGUE = (
    (
        "01230001",
        "Jeugdhulp De Brug",
        "Sanne Vos",
        "038-4210001",
        "toegang@debrug.example",
        (
            ("45", "HL", "Ambulante gezinsbegeleiding, herstel licht", "HL", "4", "78,50"),
            ("45", "HM", "Ambulante gezinsbegeleiding, herstel midden", "HM", "4", "86,00"),
            ("45", "HZ", "Intensieve ambulante gezinsbehandeling", "HZ", "4", "98,40"),
        ),
    ),
    (
        "01230002",
        "Kinderhuis De Linde",
        "Peter Kok",
        "038-4210002",
        "plaatsing@delinde.example",
        (
            ("43", "43G01", "Gezinshuis (verblijf met behandeling)", "DZ", "14", "212,00"),
            ("44", "44W01", "Logeren in een gezinshuis", "DM", "14", "148,00"),
        ),
    ),
    (
        "01230003",
        "Jeugd-GGZ IJsselland",
        "dr. A. Bakker",
        "038-4210003",
        "aanmelden@ggzijs.example",
        (
            ("54", "54B01", "Jeugd-ggz basis", "HM", "1", "1,65"),
            ("54", "54S01", "Jeugd-ggz specialistisch", "HZ", "1", "2,05"),
        ),
    ),
    (
        "01230004",
        "Stichting Opvoedsteun",
        "Mirjam de Wit",
        "038-4210004",
        "info@opvoedsteun.example",
        (
            ("45", "DL", "Opvoedondersteuning, duurzaam licht", "DL", "4", "72,00"),
            ("45", "DM", "Opvoedondersteuning, duurzaam midden", "DM", "4", "80,00"),
        ),
    ),
    (
        "01230005",
        "Dagcentrum De Vlinder",
        "Joost Hendriks",
        "038-4210005",
        "",
        (("41", "41D01", "Dagbehandeling jonge kinderen", "HM", "16", "96,00"),),
    ),
    (
        "01230006",
        "Pleegzorg Overijssel",
        "Ellen Mulder",
        "038-4210006",
        "",
        (
            ("35", "35P01", "Pleegzorg (2015)", "DM", "14", "64,00"),
            ("43", "43P01", "Pleegzorg met behandeling", "DZ", "14", "118,00"),
        ),
    ),
    (
        "01230007",
        "LVB Expertisecentrum",
        "Kim Smit",
        "038-4210007",
        "",
        (
            (
                "45",
                "45L01",
                "Begeleiding bij een licht verstandelijke beperking",
                "DM",
                "4",
                "84,00",
            ),
            ("50", "", "Maatwerkarrangement LVB (budget)", "", "", ""),
        ),
    ),
    (
        "01230008",
        "Crisisdienst Jeugd",
        "Dienstdoende",
        "038-4210008",
        "",
        (("46", "46C01", "Crisisopvang jeugd", "HZ", "14", "295,00"),),
    ),
    (
        "01230009",
        "Dyslexiezorg Zwolle",
        "Anouk Peters",
        "038-4210009",
        "",
        (("45", "45D01", "Dyslexiebehandeling (traject)", "HL", "84", "1450,00"),),
    ),
    (
        "01230010",
        "Vervoer Jeugd Oost",
        "",
        "038-4210010",
        "",
        (("42", "42V01", "Vervoer naar dagbehandeling", "", "82", "24,00"),),
    ),
)

WEIGHINGS = (
    (
        "advice",
        "Normale opvoedvragen; de ouders hebben genoeg regie. Advies volstaat.",
        "Jeugdhulp voor de pubertijd",
        "normal_growing_up",
        "",
    ),
    (
        "community",
        "Huiswerkbegeleiding in het buurthuis past bij deze vraag.",
        "Bijles via de gemeente",
        "community",
        "",
    ),
    (
        "own_support",
        "Zes gesprekken eigen inzet van het wijkteam zijn genoeg.",
        "Logeeropvang in het weekend",
        "own_means",
        "",
    ),
    (
        "customised_care",
        "Gespecialiseerde hulp is nodig: eigen inzet liep vast.",
        "Verpleging thuis",
        "other_law",
        "zvw",
    ),
    ("customised_care", "Behandeling door een jeugd-ggz-aanbieder is nodig.", "", "", ""),
    (
        "own_support",
        "Kortdurende begeleiding door de jeugd- en gezinswerker.",
        "Dagbesteding",
        "other_law",
        "wmo",
    ),
)


class DemoAllocation:
    def __init__(self, rng: random.Random, today: date):
        # Which weighing each case gets (the seed decides the order).
        self.weighing_order = rng.sample(range(len(WEIGHINGS)), len(WEIGHINGS))
        self.today = today
        self.ctx = AuditContext.system(name="seed_demo")

    def run(self) -> dict:
        if not Provider.objects.filter(agb_code=CATALOGUE[0][0]).exists():
            import_catalogue(self.ctx, self._catalogue_csv())
        products = {p.product_code or p.name: p for p in ContractedProduct.objects.all()}
        done = set(Weighing.objects.values_list("case_id", flat=True))
        showcase = [case for case in self._showcase_cases() if case.pk not in done]
        others = [
            case for case in self._ready_cases() if case.pk not in done and case not in showcase
        ]
        cases = showcase + others
        if not cases:
            return {"weighings": 0, "decisions": 0}
        weighed = self._weighings(cases)
        issued = self._decisions(cases, products)
        self._provider_messages(issued)
        self._requests(cases[0])
        write_pending()
        return {"weighings": weighed, "decisions": len(issued)}

    def _day(self, case: Case, step: int) -> date:
        """The day of a case's `step`-th allocation event (1–6): after its registration
        and in order, never after today."""
        anchor = max(timezone.localdate(case.registered_at), self.today - timedelta(days=150))
        return min(anchor + timedelta(days=2 * step), self.today - timedelta(days=6 - step))

    def _catalogue_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for agb, name, contact, phone, email, items in CATALOGUE:
            for item in items:
                writer.writerow([agb, name, contact, phone, email, *item])
        return out.getvalue()

    def _cases(self):
        return Case.objects.select_related(
            "household__district", "worker", "team"
        ).prefetch_related(
            Prefetch(
                "household__memberships", queryset=Membership.objects.select_related("resident")
            )
        )

    def _showcase_cases(self, count: int = 2) -> list[Case]:
        """The demo case worker's open cases in the demo team whose safety assessment is
        in order: steps 4 and 5 of the clarification filled in where empty, and on to
        "in progress", so decisions can be made on them."""
        team = Team.objects.filter(district__code=DEMO_TEAM_DISTRICT).first()
        worker = User.objects.filter(username=DEMO_WORKER, team=team).first()
        if worker is None:
            return []
        candidates = self._cases().filter(
            team=team,
            worker=worker,
            status__in=(CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS),
        )
        made = []
        for case in candidates.order_by("reference"):
            if not self._children(case) or not safety_verdict_for_case(case, self.today).allowed:
                continue
            if not self._complete_clarification(case, worker):
                continue
            if case.status == CaseStatus.CLARIFICATION:
                cases.change_status(
                    self.ctx,
                    case,
                    CaseStatus.IN_PROGRESS,
                    actor=worker,
                    roles={"case_worker"},
                    expected_version=case.version,
                    now=at(self.today - timedelta(days=30), 10),
                )
            made.append(Case.objects.get(pk=case.pk))
            if len(made) == count:
                break
        return made

    def _complete_clarification(self, case: Case, worker) -> bool:
        record = clarification_of(case)
        if record is not None and "sufficient" in (
            record.own_means_conclusion,
            record.own_support_conclusion,
        ):
            return False  # the need is met without a customised provision
        findings = {
            name: value
            for name, value in SHOWCASE_CLARIFICATION.items()
            if record is None or not getattr(record, name)
        }
        if findings:
            assessment.save_clarification(
                self.ctx,
                case,
                findings,
                actor=worker,
                expected_version=record.version if record else 1,
                now=at(self._day(case, 1), 15),
            )
        return clarification_verdict_for_case(case).allowed

    def _ready_cases(self) -> list[Case]:
        """Other teams' cases in progress with steps 1–5 and a current safety assessment,
        each with a young person who has a BSN and an address."""
        ready = []
        for case in self._cases().filter(status=CaseStatus.IN_PROGRESS).order_by("reference"):
            if (
                self._children(case)
                and clarification_verdict_for_case(case).allowed
                and safety_verdict_for_case(case, self.today).allowed
            ):
                ready.append(case)
        return ready

    def _children(self, case: Case) -> list[Resident]:
        """The case's children with a BSN and an address, oldest first."""
        young = [
            m.resident
            for m in case.household.memberships.all()
            if age_on(m.resident.birth_date, self.today) < 18
            and m.resident.bsn
            and m.resident.postcode
            and m.resident.house_number
        ]
        return sorted(young, key=lambda r: r.birth_date)

    def _weighings(self, cases: list[Case]) -> int:
        for index, case in enumerate(cases):
            pick = self.weighing_order[index % len(WEIGHINGS)]
            level, reason, asked, why, law = WEIGHINGS[pick]
            day = self._day(case, 3)
            services.record_weighing(
                self.ctx,
                case,
                WeighingInput(
                    level=level,
                    reason=reason,
                    decided_on=day,
                    not_granted=asked,
                    not_granted_reason=why,
                    other_law=law,
                ),
                actor=case.worker,
                intake=case.intakes.first(),
                now=at(day, 11 + index % 5),
            )
        return len(cases)

    def _draft(self, case, youth, product, *, start, days, drafted, **extra) -> Decision:
        volume = {"4": 3, "14": 7, "1": 600, "16": 4, "84": 1, "82": 10}.get(product.unit)
        frequency = {"84": "6", "1": "6", "82": "4"}.get(product.unit, "2")
        motivation = extra.pop(
            "motivation",
            f"{youth.given_names} krijgt {product.name.lower()}. De eigen inzet van het "
            "wijkteam en de hulp uit het netwerk waren niet genoeg.",
        )
        return services.save_draft(
            self.ctx,
            case,
            services.DecisionInput(
                youth=youth,
                product=product,
                start_date=start,
                end_date=start + timedelta(days=days),
                motivation=motivation,
                intensity="medium",
                volume=volume if product.product_code else None,
                frequency=frequency if product.product_code else "",
                budget=None if product.product_code else Decimal("4500"),
                weighing=case.weighings.first(),
                **extra,
            ),
            actor=case.worker,
            now=at(drafted, 9),
        )

    def _decisions(self, cases: list[Case], products) -> list[Decision]:
        """The first case: ambulant help for its eldest child, and residential care for
        another child awaiting co-signature; the second: heavy help with its reason;
        the next cases one decision each."""
        heavy = {
            "heavy_reason": "Twee eerdere trajecten ambulante begeleiding liepen vast; zonder "
            "intensieve behandeling raakt het gezin ontwricht."
        }
        plans = [(0, "HM", {}), (0, None, {}), (1, "HZ", heavy)]
        plans += [(2 + i, code, {}) for i, code in enumerate(("DL", "54B01", "45L01", "HL"))]
        issued: list[Decision] = []
        for index, code, extra in plans:
            if index >= len(cases):
                continue
            case = cases[index]
            children = self._children(case)
            if code is None:
                self._awaiting_cosign(case, children[1 % len(children)], products)
                continue
            start = self._day(case, 6)
            try:
                decision = self._draft(
                    case,
                    children[0],
                    products[code],
                    start=start,
                    days=300,
                    drafted=self._day(case, 4),
                    **extra,
                )
                decision = services.issue_decision(
                    self.ctx,
                    decision,
                    actor=case.worker,
                    roles={"case_worker"},
                    expected_version=decision.version,
                    now=at(self._day(case, 5), 14),
                )
            except RuleViolation:
                continue  # another team's case that does not allow it: no demo there
            issued.append(decision)
        return issued

    def _awaiting_cosign(self, case, youth, products) -> None:
        """Residential care, drafted and submitted by the case worker: it awaits the
        behavioural expert's co-signature (sign in as `gedragswetenschapper`)."""
        decision = self._draft(
            case,
            youth,
            products["43G01"],
            start=self.today + timedelta(days=14),
            days=180,
            drafted=self.today - timedelta(days=2),
            motivation="Thuis wonen is op dit moment niet veilig genoeg; een gezinshuis in de "
            "buurt geeft rust, en school en vrienden blijven dichtbij.",
            heavy_reason="Twee jaar ambulante hulp en logeren brachten thuis geen rust; de "
            "spanningen lopen zo hoog op dat het kind er niet kan blijven wonen.",
        )
        services.submit_for_cosign(
            self.ctx,
            decision,
            actor=case.worker,
            roles={"case_worker"},
            expected_version=decision.version,
            now=at(self.today - timedelta(days=1), 16),
        )

    def _provider_messages(self, issued: list[Decision]) -> None:
        """A return on every allocation, starts of care on all but the last, and a stop
        (according to plan) on the one that started longest ago."""
        started = []
        for index, decision in enumerate(issued):
            number = decision.allocation_number
            sent = Message.objects.filter(decisions=decision, kind="JW301").first()
            if sent is not None:
                import_bytes(
                    f"JW302-{number}.xml",
                    provider.return_on_allocation(
                        sent,
                        identification=f"RET{number:08d}",
                        dated_on=min(decision.start_date, self.today),
                    ),
                )
            if index == len(issued) - 1:
                continue  # the provider has not started this one yet
            begin = min(decision.start_date + timedelta(days=3), self.today)
            import_bytes(
                f"JW305-{number}.xml",
                provider.start_of_care(
                    decision, begin=begin, identification=f"STA{number:08d}", dated_on=begin
                ),
            )
            started.append((begin, decision))
        if started:
            begin, decision = min(started, key=lambda pair: pair[0])
            end = min(begin + timedelta(days=45), self.today)
            import_bytes(
                f"JW307-{decision.allocation_number}.xml",
                provider.stop_of_care(
                    decision,
                    begin=begin,
                    end=end,
                    reason="31",
                    identification=f"STO{decision.allocation_number:08d}",
                    dated_on=end,
                ),
            )

    def _requests(self, case: Case) -> None:
        """A GP referred a child of the demo team to a youth mental-health provider,
        which asks for an allocation (JW315): it shows on the case, to be answered by a
        decision. And a request for a child nobody knows yet: it waits for the team lead
        to place it with a team (the message list)."""
        start = self.today + timedelta(days=7)
        item = build.RequestItem(
            reference="GGZ-2026-0042",
            category="54",
            product_code="54B01",
            start=start,
            end=start + timedelta(days=180),
            volume=900,
            unit="1",
            frequency="6",
            referrer_type="2",
            referrer_name="Huisartsenpraktijk De Linde",
            referrer_agb="01012345",
        )
        children = self._children(case)
        allocated = set(
            Decision.objects.filter(youth__in=children).values_list("youth_id", flat=True)
        )
        free = [child for child in children if child.pk not in allocated]
        youth = (free or children)[-1] if children else None
        if youth is not None:
            import_bytes(
                "JW315-demo-1.xml",
                provider.request_for_allocation(
                    youth,
                    agb_code="01230003",
                    items=[item],
                    identification="VOT0000042",
                    dated_on=self.today,
                    comment="Verwezen door de huisarts na drie consulten over angstklachten.",
                ),
            )
        stranger = Resident(
            bsn=UNKNOWN_CHILD_BSN,
            given_names="Lotte",
            surname="Verbeek",
            birth_date=self.today.replace(year=self.today.year - 12),
            postcode="",
            house_number="",
        )
        import_bytes(
            "JW315-demo-2.xml",
            provider.request_for_allocation(
                stranger,
                agb_code="01230003",
                items=[
                    replace(
                        item,
                        reference="GGZ-2026-0057",
                        referrer_type="5",
                        referrer_name="Kinderarts Isala",
                    )
                ],
                identification="VOT0000057",
                dated_on=self.today,
            ),
        )
