"""Demo figures for `seed_demo`: help questions answered at the front door in every
district, through the services, and the dashboards' monthly figures computed.

The other demo parts put most of their work in the demo team; the council dashboard
counts the whole municipality per district and suppresses counts below five, so with
those alone nearly every figure would read "<5". Here families that were helped before
(in every district) come back with a short question over the last fourteen months —
registered for a known member (`register_intake`, which adds a new case to their file),
triaged the same week with advice or a referral to a community offer (`record_triage`,
which closes the case) and weighed (`record_weighing`, one in four with what was asked
for but not granted, and why) — after their earlier help ended, so this year and last
year can be compared. No household or person is added. Then the figures of the last two
years are computed (`insights.snapshot.refresh`), as the nightly job would.

Deterministic and idempotent: when any of these questions is there, nothing is added
(the figures are computed again, which is always safe).
"""

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from wijkteam.accounts.models import Team
from wijkteam.accounts.roles import Role
from wijkteam.allocation.rules import WeighingInput
from wijkteam.allocation.services import record_weighing
from wijkteam.audit.log import AuditContext
from wijkteam.cases import services
from wijkteam.cases.models import OPEN_STATUSES, Channel, Intake, TriageOutcome, Urgency
from wijkteam.core.rules import add_months
from wijkteam.insights.snapshot import refresh
from wijkteam.people.models import Household, MemberRole

from .demo_texts import ADVICE_NOTES, COMMUNITY_NOTES, REFERRER_TYPE

PER_DISTRICT = 12
MONTHS_BACK = 14
FIGURE_MONTHS = 24
QUESTIONS = (
    "Hoe krijg ik mijn dochter weer op tijd naar bed? Elke avond is het strijd.",
    "Mijn zoon van twaalf wil niet meer naar de sportclub en zit de hele dag te gamen.",
    "We zijn net gescheiden; hoe vertellen we het de kinderen?",
    "Ik weet niet waar ik hulp kan vragen bij de post en de rekeningen.",
    "Mijn peuter heeft veel driftbuien. Is dat normaal?",
    "Onze dochter wordt gepest op school en wil er niet over praten.",
)
CHANNELS = (
    (Channel.ONLINE, 5),
    (Channel.PHONE, 4),
    (Channel.WALK_IN, 2),
    (Channel.EMAIL, 1),
    (Channel.SCHOOL, 3),
    (Channel.GP, 2),
)
# Asked for but not granted, and why (recommendation 1c): one in four weighings here.
NOT_GRANTED = (
    ("Bijles voor rekenen", "normal_growing_up", ""),
    ("Een logeerweekend voor de kinderen", "own_means", ""),
    ("Langdurige begeleiding thuis", "other_law", "wlz"),
    ("Een cursus faalangst", "community", ""),
)


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 19), rng.choice((0, 30)))))


class DemoInsights:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.ctx = AuditContext.system(name="seed_demo")

    def run(self) -> dict:
        added = 0
        if not Intake.objects.filter(help_question__in=QUESTIONS).exists():
            added = self._front_door()
        this_month = self.today.replace(day=1)
        result = refresh(add_months(this_month, 1 - FIGURE_MONTHS), add_months(this_month, 1))
        return {"added": added, "months": result.months}

    def _front_door(self) -> int:
        added = 0
        for team in Team.objects.select_related("district").order_by("district__code"):
            lead = team.members.filter(groups__name=Role.TEAM_LEAD).first()
            worker = team.members.filter(groups__name=Role.CASE_WORKER).order_by("pk").first()
            actor = lead or worker
            if actor is None:
                continue
            roles = {Role.TEAM_LEAD} if lead else {Role.CASE_WORKER}
            for household, moments in self._returning(team):
                for registered in moments:
                    self._question(household, registered, actor, roles)
                    added += 1
        return added

    def _returning(self, team) -> list[tuple[Household, list[datetime]]]:
        """The district's families whose earlier help has ended, each with the moments of
        their new questions: after that help, at least a week apart, PER_DISTRICT in all."""
        rng = self.rng
        latest = timezone.now() - timedelta(days=4)
        families = []
        for household in (
            Household.objects.filter(district_id=team.district_id, cases__isnull=False)
            .exclude(cases__status__in=OPEN_STATUSES)
            .annotate(last_closed=Max("cases__closed_at"))
            .distinct()
            .order_by("name", "pk")
        ):
            if household.last_closed is None:
                continue
            earliest = max(
                household.last_closed + timedelta(days=7),
                timezone.now() - timedelta(days=MONTHS_BACK * 30),
            )
            if earliest < latest - timedelta(days=30):
                families.append((household, earliest))
        if not families:
            return []
        share = [PER_DISTRICT // len(families)] * len(families)
        for index in range(PER_DISTRICT % len(families)):
            share[index] += 1
        result = []
        for (household, earliest), count in zip(families, share, strict=True):
            span = (latest - earliest).total_seconds()
            moments = sorted(
                earliest + timedelta(seconds=rng.random() * span) for _ in range(count)
            )
            spaced = [
                m for i, m in enumerate(moments) if i == 0 or m - moments[i - 1] > timedelta(days=7)
            ]
            result.append((household, [_moment(timezone.localdate(m), rng) for m in spaced]))
        return result

    def _question(self, household, registered: datetime, actor, roles) -> None:
        rng = self.rng
        members = list(household.memberships.select_related("resident").order_by("pk"))
        member = next((m for m in members if m.role == MemberRole.CHILD), members[0])
        person = member.resident
        channel = rng.choices(*zip(*CHANNELS, strict=True))[0]
        intake = services.register_intake(
            self.ctx,
            services.IntakeInput(
                channel=channel,
                help_question=QUESTIONS[rng.randrange(len(QUESTIONS))],
                urgency=Urgency.REGULAR,
                postcode=person.postcode,
                house_number=person.house_number,
                referrer_type=REFERRER_TYPE.get(channel, "self"),
                persons=[
                    services.PersonInput(
                        given_names=person.given_names,
                        surname=person.surname,
                        surname_prefix=person.surname_prefix,
                        birth_date=person.birth_date,
                        bsn=person.bsn or "",
                        role=member.role,
                        is_subject=True,
                    )
                ],
            ),
            registered_by=actor if channel != Channel.ONLINE else None,
            now=registered,
        )
        triaged = min(
            registered + timedelta(days=rng.randint(0, 3), hours=1),
            timezone.now() - timedelta(minutes=5),
        )
        outcome = rng.choice((TriageOutcome.ADVICE, TriageOutcome.COMMUNITY))
        notes = ADVICE_NOTES if outcome == TriageOutcome.ADVICE else COMMUNITY_NOTES
        case = services.record_triage(
            self.ctx,
            intake.case,
            urgency=Urgency.REGULAR,
            outcome=outcome,
            note=notes[rng.randrange(len(notes))],
            actor=actor,
            roles=roles,
            expected_version=intake.case.version,
            now=triaged,
        )
        asked, reason, law = (
            NOT_GRANTED[rng.randrange(len(NOT_GRANTED))] if rng.random() < 0.25 else ("", "", "")
        )
        record_weighing(
            self.ctx,
            case,
            WeighingInput(
                level=outcome,
                reason="Informatie en advies of de sociale basis zijn genoeg.",
                decided_on=timezone.localdate(triaged),
                not_granted=asked,
                not_granted_reason=reason,
                other_law=law,
                not_granted_explanation="Met het gezin besproken." if reason else "",
            ),
            actor=actor,
            intake=intake,
            now=triaged,
        )
