"""The message pages: the list (filtered, bounded queries), placing a request for
someone not yet known, and writing waiting messages to the outbox."""

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Intake
from wijkteam.ijw import provider
from wijkteam.ijw.inbox import import_bytes
from wijkteam.ijw.models import Message, MessageStatus

from ..allocation_helpers import AGB, rejected_messages, requested
from ..factories import ResidentFactory

TODAY = timezone.localdate()  # set again for each test: conftest, TODAY_IS_LIVE
TODAY_IS_LIVE = True


def waiting_request() -> Message:
    stranger = ResidentFactory.build(bsn="999990019", given_names="Mila", surname="Smit")
    xml = provider.request_for_allocation(
        stranger,
        agb_code=AGB,
        items=[requested("V-1", TODAY, 30)],
        identification="V-1",
        dated_on=TODAY,
    )
    return import_bytes("verzoek.xml", xml).message


def test_the_team_lead_places_a_request_with_a_team(world, client_as):
    message = waiting_request()
    client = client_as(Role.TEAM_LEAD)
    listing = client.get(reverse("ijw:message_list") + "?show=placement").content.decode()
    assert "wacht op een wijk" in listing
    url = reverse("ijw:place", args=[message.pk])
    wrong = client.post(
        url, {"version": message.version, "postcode": "0000 AA", "house_number": "3"}
    )
    assert wrong.status_code == 400 and "0000 AA" in wrong.content.decode()
    outside = client.post(
        url, {"version": message.version, "postcode": "1234 AB", "house_number": "3"}
    )
    assert outside.status_code == 400
    done = client.post(
        url, {"version": message.version, "postcode": "8011 AB", "house_number": "3"}
    )
    assert done.status_code == 302
    assert Intake.objects.filter(case__team=world.team).exists()
    assert client.get(url).status_code == 404  # placed: nothing left to place


def test_the_outbox_page_writes_waiting_messages(world, client_as, settings, tmp_path):
    waiting_request()
    settings.IJW_OUTBOX_DIR = str(tmp_path)
    client = client_as(Role.ADMINISTRATOR)
    assert "1 bericht wacht" in client.get(reverse("ijw:outbox")).content.decode()
    assert client.post(reverse("ijw:outbox")).status_code == 302
    assert [p.name.split("_")[0] for p in tmp_path.iterdir()] == ["JW316"]
    assert not Message.objects.filter(status=MessageStatus.PENDING).exists()


def test_the_message_list_runs_the_same_queries_for_more_messages(
    world, client_as, django_assert_max_num_queries
):
    def messages(count, start):
        rejected_messages(world.case, count, start)

    messages(2, 0)
    client = client_as(Role.TEAM_LEAD)
    url = reverse("ijw:message_list") + "?show=problem"
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    messages(40, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('<span class="wt-hint">X') == 25 and 'rel="next"' in page
