"""factory_boy factories for the domain; tests build what they need with these."""

from datetime import date

import factory
from django.contrib.auth.models import Group

from wijkteam.accounts.models import CertificateOfConduct, District, ExpertiseTag, Team, User
from wijkteam.people.models import Household, MemberRole, Membership, Resident
from wijkteam.people.rules import passes_eleven_check


def _valid_bsns():
    number = 100_000_000
    while True:
        number += 1
        if passes_eleven_check(str(number)):
            yield str(number)


_bsn_source = _valid_bsns()


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"wijk-{n}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    district = factory.SubFactory(DistrictFactory)
    name = factory.LazyAttribute(lambda team: f"Wijkteam {team.district.name}")


class ExpertiseTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseTag
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tag-{n}")
    name = factory.Sequence(lambda n: f"Expertise {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Medewerker {n}")
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("Een-lang-wachtwoord-42")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[str(role) for role in extracted]))


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateOfConduct

    user = factory.SubFactory(UserFactory)
    issued_on = factory.LazyFunction(date.today)
    checked_by = factory.SelfAttribute("user")
    checked_on = factory.SelfAttribute("issued_on")


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    bsn = factory.LazyFunction(lambda: next(_bsn_source))
    given_names = "Noor"
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    birth_date = date(2015, 6, 1)
    district = factory.SubFactory(DistrictFactory)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"Familie {n}")
    district = factory.SubFactory(DistrictFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(
        ResidentFactory, district=factory.SelfAttribute("..household.district")
    )
    role = MemberRole.CHILD
