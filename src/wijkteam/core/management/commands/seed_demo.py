"""Generate a fictional municipality for trying the product. Idempotent and deterministic."""

import random
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from wijkteam.accounts.models import CertificateOfConduct, District, ExpertiseTag, Team, User
from wijkteam.accounts.roles import SPEC_BY_ROLE, Role
from wijkteam.core.management.demo_allocation import DemoAllocation
from wijkteam.core.management.demo_assessment import DemoAssessment
from wijkteam.core.management.demo_cases import DemoCases
from wijkteam.core.management.demo_insights import DemoInsights
from wijkteam.core.management.demo_plans import DemoPlans
from wijkteam.core.management.demo_quality import DemoQuality
from wijkteam.core.management.demo_themes import DemoThemes
from wijkteam.core.rules import add_months
from wijkteam.people.models import Household, MemberRole, Membership, PostcodeArea, Resident
from wijkteam.people.rules import TEST_BSN_RANGE, passes_eleven_check

from ..sample_names import GIVEN_NAMES, SURNAMES

DEMO_PASSWORD = "Wijkteam-demo-2026"

DISTRICTS = (
    ("binnenstad", "Binnenstad"),
    ("noorderhaven", "Noorderhaven"),
    ("oosterenk", "Oosterenk"),
    ("zuiderveld", "Zuiderveld"),
    ("westerkwartier", "Westerkwartier"),
)
POSTCODE_PREFIX = {
    "binnenstad": "8011",
    "noorderhaven": "8021",
    "oosterenk": "8031",
    "zuiderveld": "8041",
    "westerkwartier": "8051",
}
# The postcode table: each district owns its prefix and the next two areas.
POSTCODE_AREAS = {
    code: [str(int(prefix) + offset) for offset in range(3)]
    for code, prefix in POSTCODE_PREFIX.items()
}

EXPERTISE = (
    ("jeugd", "Jeugd en opvoeding"),
    ("lvb", "Licht verstandelijke beperking"),
    ("ggz", "Psychische gezondheid"),
    ("schulden", "Schulden en geldzaken"),
    ("scheiding", "Scheiding"),
    ("veiligheid", "Veiligheid"),
    ("onderwijs", "Onderwijs en passend onderwijs"),
    ("verslaving", "Verslaving"),
)

# One demo login per role, all in the first district's team (analyst, administrator and
# privacy officer work for the whole municipality and have no team).
DEMO_ACCOUNTS = (
    ("jeugdwerker", Role.CASE_WORKER, "Sanne", "de Boer", ("jeugd", "scheiding")),
    ("gedragswetenschapper", Role.BEHAVIOURAL_EXPERT, "Ruben", "Visser", ("ggz", "lvb")),
    ("veiligheid", Role.SAFETY_OFFICER, "Fatima", "El Amrani", ("veiligheid",)),
    ("teamleider", Role.TEAM_LEAD, "Marieke", "Jansen", ("jeugd",)),
    ("kwaliteit", Role.QUALITY_OFFICER, "Thomas", "Bakker", ()),
    ("klachten", Role.COMPLAINTS_OFFICER, "Ingrid", "Smit", ()),
    ("analist", Role.ANALYST, "Daan", "Mulder", ()),
    ("beheerder", Role.ADMINISTRATOR, "Kees", "van Dijk", ()),
    ("privacy", Role.PRIVACY_OFFICER, "Lotte", "Hendriks", ()),
)
NO_TEAM_ROLES = {Role.ANALYST, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER}

STAFF_FIRST = (
    "Anne",
    "Bas",
    "Charlotte",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hamza",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Merel",
    "Nadia",
    "Olaf",
    "Priya",
)


def test_bsns():
    """Valid test BSNs (the 9999… range set aside for testing), in order."""
    for number in range(TEST_BSN_RANGE[0], TEST_BSN_RANGE[1] + 1):
        candidate = str(number)
        if passes_eleven_check(candidate):
            yield candidate


class Command(BaseCommand):
    help = "Create a fictional municipality: districts, teams, staff in every role, households."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Random seed (deterministic).")
        parser.add_argument("--households", type=int, default=40, help="Number of households.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    @transaction.atomic
    def handle(self, *args, seed: int, households: int, quiet_logins: bool, **options):
        today = date.today()
        districts = self._districts()
        tags = self._expertise()
        checker = self._demo_accounts(districts[0], tags, today)
        # Separate streams, so what one part draws never shifts another part's data.
        self._team_staff(random.Random(f"{seed}-staff"), districts, tags, checker, today)
        created, seeded = self._households(
            random.Random(f"{seed}-households"), districts, households, today
        )
        cases = DemoCases(random.Random(f"{seed}-cases"), today, seeded).run()
        DemoAssessment(random.Random(f"{seed}-assessment"), today).run()
        DemoQuality(random.Random(f"{seed}-quality"), today).run()
        DemoPlans(random.Random(f"{seed}-plans"), today).run()
        DemoAllocation(random.Random(f"{seed}-allocation"), today).run()
        DemoInsights(random.Random(f"{seed}-insights"), today).run()
        DemoThemes(random.Random(f"{seed}-themes"), today).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(districts)} districts, {User.objects.count()} staff, "
                f"{Household.objects.count()} households ({created} new)."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Cases: {cases['total']} ({cases['created']} new), {cases['open']} open, "
                f"{cases['closed']} closed; {cases['direct_share']:.0%} via GP or medical "
                f"specialist; {cases['waiting']} on the Binnenstad waiting list, "
                f"{cases['mine']} open for the demo case worker."
            )
        )
        if not quiet_logins:
            self._print_logins()

    def _districts(self) -> list[District]:
        result = []
        for code, name in DISTRICTS:
            district, _ = District.objects.get_or_create(code=code, defaults={"name": name})
            Team.objects.get_or_create(district=district, defaults={"name": f"Wijkteam {name}"})
            for area in POSTCODE_AREAS[code]:
                PostcodeArea.objects.get_or_create(area=area, defaults={"district": district})
            result.append(district)
        return result

    def _expertise(self) -> dict[str, ExpertiseTag]:
        return {
            code: ExpertiseTag.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in EXPERTISE
        }

    def _password_hash(self) -> str:
        """Hash the shared demo password once: hashing it per account took most of the
        run (about a third of a second each)."""
        if not hasattr(self, "_hashed"):
            self._hashed = make_password(DEMO_PASSWORD)
        return self._hashed

    def _user(self, username, first, last, team, roles, tag_codes, tags) -> tuple[User, bool]:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "team": team,
                "is_demo_account": True,
                "email": f"{username}@voorbeeldstad.example",
            },
        )
        if created:
            user.password = self._password_hash()
            user.is_staff = Role.ADMINISTRATOR in roles
            user.works_with_youth = not (set(roles) <= NO_TEAM_ROLES)
            user.save()
            user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
            user.expertise.set([tags[code] for code in tag_codes])
        return user, created

    def _demo_accounts(self, district, tags, today) -> User:
        team = district.team
        users = {}
        for username, role, first, last, tag_codes in DEMO_ACCOUNTS:
            user_team = None if role in NO_TEAM_ROLES else team
            users[role], created = self._user(
                username, first, last, user_team, [role], tag_codes, tags
            )
        checker = users[Role.ADMINISTRATOR]
        for role, user in users.items():
            if user.works_with_youth and not user.certificates.exists():
                issued = today - timedelta(days=200 + 37 * list(Role).index(role))
                CertificateOfConduct.objects.create(
                    user=user, issued_on=issued, checked_by=checker, checked_on=issued
                )
        return checker

    def _team_staff(self, rng, districts, tags, checker, today) -> None:
        """Six more workers per team, with VOGs current, expiring, expired or missing."""
        validity = settings.WIJKTEAM_VOG_VALIDITY_MONTHS
        states = ("current", "current", "current", "expiring", "expired", "missing")
        tag_codes = list(tags)
        for district in districts:
            for index, state in enumerate(states, start=1):
                first = STAFF_FIRST[(districts.index(district) * 3 + index) % len(STAFF_FIRST)]
                prefix, last = SURNAMES[(districts.index(district) * 5 + index) % len(SURNAMES)]
                roles = (
                    [Role.CASE_WORKER] if index != 2 else [Role.CASE_WORKER, Role.SAFETY_OFFICER]
                )
                user, created = self._user(
                    f"{district.code}.{index}",
                    first,
                    f"{prefix} {last}".strip(),
                    district.team,
                    roles,
                    rng.sample(tag_codes, k=2),
                    tags,
                )
                offset = rng.randint(1, 300)
                if not created or state == "missing":
                    continue
                if state == "current":
                    issued = today - timedelta(days=30 + offset * 2)
                elif state == "expiring":
                    issued = add_months(today, -validity) + timedelta(days=5 + offset % 36)
                else:
                    issued = add_months(today, -validity) - timedelta(days=offset)
                CertificateOfConduct.objects.create(
                    user=user, issued_on=issued, checked_by=checker, checked_on=issued
                )

    def _households(self, rng, districts, count, today) -> tuple[int, list[Household]]:
        """Create the households; return how many are new and all of them, in order."""
        bsns = test_bsns()
        created = 0
        households = []
        for index in range(count):
            parent_bsns = [next(bsns) for _ in range(2)]
            child_bsns = [next(bsns) for _ in range(4)]
            # Draw every random number whether or not the household exists, so the
            # sequence (and thus the data) does not depend on what is already there.
            district = districts[index % len(districts)]  # the demo team's first
            prefix, surname = SURNAMES[rng.randrange(len(SURNAMES))]
            n_parents = rng.choice((1, 2, 2))
            n_children = rng.randint(1, 4)
            house_number = str(rng.randint(1, 250))
            letters = rng.choice("ABCDEFGHJK") + rng.choice("LMNPRSTV")
            postcode = f"{POSTCODE_PREFIX[district.code]}{letters}"
            parent_ages = [rng.randint(24, 52) for _ in range(2)]
            child_ages = [rng.randint(0, 17) for _ in range(4)]
            names = [rng.choice(GIVEN_NAMES) for _ in range(6)]
            days = [rng.randint(0, 364) for _ in range(6)]
            if Resident.objects.filter(bsn=parent_bsns[0]).exists():
                known = Household.objects.filter(memberships__resident__bsn=parent_bsns[0])
                households.extend(known[:1])
                continue
            household = Household.objects.create(
                name=f"Familie {prefix + ' ' if prefix else ''}{surname}".replace("  ", " "),
                district=district,
            )
            members = [
                (parent_bsns[i], parent_ages[i], names[i], days[i], MemberRole.PARENT)
                for i in range(n_parents)
            ]
            members += [
                (child_bsns[i], child_ages[i], names[2 + i], days[2 + i], MemberRole.CHILD)
                for i in range(n_children)
            ]
            for bsn, age, given, day_offset, role in members:
                resident = Resident.objects.create(
                    bsn=bsn,
                    given_names=given,
                    surname_prefix=prefix,
                    surname=surname,
                    birth_date=today - timedelta(days=age * 365 + day_offset),
                    postcode=postcode,
                    house_number=house_number,
                    district=district,
                )
                Membership.objects.create(
                    household=household,
                    resident=resident,
                    role=role,
                    has_parental_authority=role == MemberRole.PARENT,
                )
            households.append(household)
            created += 1
        return created, households

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000 and sign in with one of these demo logins")
        self.stdout.write(
            f"(password for all: {DEMO_PASSWORD}; two-factor is skipped in demo mode):"
        )
        for username, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<22} {SPEC_BY_ROLE[role].label}")
        self.stdout.write("")
