"""Receiving messages from files: a request for allocation becomes a registration, a
start and a stop of care are kept per decision, a provider's return shows on the
decision; every message is answered with a schema-valid return carrying the right code;
a bad file never stops the others; the outbox writes each message once."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from wijkteam.accounts.roles import Role
from wijkteam.allocation import services
from wijkteam.allocation.queries import closure_reason_counts, decision_page
from wijkteam.cases.models import Channel, Intake
from wijkteam.ijw import build, provider, schema
from wijkteam.ijw.inbox import import_bytes
from wijkteam.ijw.models import CareDelivery, Message, MessageStatus, RequestedProduct
from wijkteam.ijw.outbox import OutboxConflict, _write_file, write_pending
from wijkteam.ijw.services import place_request
from wijkteam.people.models import Resident

from ..allocation_helpers import (
    AGB,
    CTX,
    WORKER_ROLES,
    catalogue,
    decision_input,
    issue,
    issued,
    ready_case,
    requested,
    youth_of,
)
from ..factories import ResidentFactory

TODAY = timezone.localdate()  # set again for each test: conftest, TODAY_IS_LIVE
TODAY_IS_LIVE = True


@pytest.fixture
def decision(world):
    ready_case(world)
    youth_of(world)
    return issued(world, catalogue()["ambulant"])


def reply_of(message: Message) -> Message:
    reply = message.replies.get()
    assert schema.validate(reply.kind, reply.xml.encode()).errors == ()
    return reply


def codes_in(message: Message) -> list[str]:
    return [code.text for code in etree.fromstring(message.xml.encode()).iter("{*}RetourCode")]


def start(decision, identification="S-1", **options) -> bytes:
    return provider.start_of_care(
        decision,
        begin=decision.start_date,
        identification=identification,
        dated_on=TODAY,
        **options,
    )


# --- Start and stop of care -----------------------------------------------------------


def test_a_start_of_care_is_kept_and_answered(decision):
    result = import_bytes("start.xml", start(decision))
    assert result.status == "accepted" and result.kind == "JW305"
    delivery = CareDelivery.objects.get(decision=decision)
    assert delivery.started_on == decision.start_date
    reply = reply_of(result.message)
    assert reply.kind == "JW306" and codes_in(reply) == []
    assert result.message.case == decision.case


def test_a_start_without_a_known_allocation_gets_9019(decision):
    decision.allocation_number += 1000
    result = import_bytes("start.xml", start(decision))
    assert result.status == "rejected" and result.message.return_codes == ["9019"]
    assert not CareDelivery.objects.exists()
    reply = reply_of(result.message)
    assert codes_in(reply) == ["0200", "9019", "0200"]


def test_a_bsn_failing_the_eleven_check_gets_0001(decision):
    xml = start(decision).replace(decision.youth.bsn.encode(), b"123456789")
    result = import_bytes("start.xml", xml)
    assert result.status == "rejected" and result.message.return_codes == ["0001"]
    assert any("CS002" in problem for problem in result.message.problems)
    assert codes_in(reply_of(result.message)) == ["0001"]


def test_a_schema_invalid_message_gets_a_schema_valid_0001_return(decision, ijw_schemas):
    xml = start(decision).replace(b"<Geslacht>0</Geslacht>", b"<Geslacht>7</Geslacht>")
    result = import_bytes("start.xml", xml)
    assert result.status == "rejected" and result.message.schema_valid is False
    reply = reply_of(result.message)
    assert codes_in(reply) == ["0001"] and reply.in_reply_to == result.message


def test_an_identification_used_twice_gets_9056_and_the_same_file_is_skipped(decision):
    first = import_bytes("start.xml", start(decision))
    assert first.status == "accepted"
    assert import_bytes("again.xml", start(decision)).status == "skipped"
    stop = provider.stop_of_care(
        decision,
        begin=decision.start_date,
        end=TODAY,
        reason="31",
        identification="S-1",
        dated_on=TODAY,
    )
    # Another kind may use the same identification; the same kind may not.
    assert import_bytes("stop.xml", stop).status == "accepted"
    other = start(decision, status="3").replace(b"<Datum>", b"<Datum>", 1)
    result = import_bytes("other.xml", other)
    assert result.message.return_codes == ["9056"]
    assert codes_in(reply_of(result.message)) == ["9056"]


def test_a_stop_keeps_its_closure_reason_for_the_outcome_figures(decision, world):
    import_bytes("start.xml", start(decision))
    stop = provider.stop_of_care(
        decision,
        begin=decision.start_date,
        end=TODAY + timedelta(days=1),
        reason="34",
        identification="P-9",
        dated_on=TODAY,
    )
    result = import_bytes("stop.xml", stop)
    assert result.status == "accepted" and reply_of(result.message).kind == "JW308"
    delivery = CareDelivery.objects.get(decision=decision)
    assert delivery.closure_reason == "34" and delivery.stop_message == result.message
    rows = closure_reason_counts(TODAY, TODAY + timedelta(days=5), team=world.team)
    assert [(row.key, row.count) for row in rows] == [("34", 1)]


def test_a_stop_without_a_start_gets_9069(decision):
    stop = provider.stop_of_care(
        decision,
        begin=decision.start_date,
        end=TODAY,
        reason="31",
        identification="P-1",
        dated_on=TODAY,
    )
    result = import_bytes("stop.xml", stop)
    assert result.message.return_codes == ["9069"]
    assert "9069" in codes_in(reply_of(result.message))


def test_withdrawing_after_care_started_is_refused(decision, world):
    import_bytes("start.xml", start(decision))
    from wijkteam.core.errors import RuleViolation

    with pytest.raises(RuleViolation) as caught:
        services.withdraw_decision(
            CTX,
            decision,
            note="Toch niet.",
            actor=world.users[Role.CASE_WORKER],
            roles=WORKER_ROLES,
            expected_version=decision.version,
        )
    assert caught.value.verdict.codes == ("care_started",)


# --- A provider's return on our allocation -------------------------------------------------


def test_the_providers_return_codes_show_on_the_decision(decision):
    sent = Message.objects.get(kind="JW301")
    xml = provider.return_on_allocation(
        sent,
        identification="R-1",
        dated_on=TODAY,
        product_codes={decision.allocation_number: ["9332"]},
    )
    result = import_bytes("return.xml", xml)
    assert result.status == "accepted" and result.message.in_reply_to == sent
    sent.refresh_from_db()
    assert sent.product_return_codes == {str(decision.allocation_number): ["9332"]}
    page = decision_page(decision, WORKER_ROLES, TODAY)
    assert page.messages[0].codes == ["0200", "9332"] and page.messages[0].reply == result.message
    assert not result.message.replies.exists()  # a return is not answered


def test_a_return_with_an_identification_used_before_is_rejected(decision):
    sent = Message.objects.get(kind="JW301")
    first = provider.return_on_allocation(sent, identification="R-1", dated_on=TODAY)
    assert import_bytes("return.xml", first).status == "accepted"
    again = provider.return_on_allocation(
        sent, identification="R-1", dated_on=TODAY, header_codes=["0001"]
    )
    result = import_bytes("return-2.xml", again)
    assert result.status == "rejected" and result.message.attention
    assert Message.objects.get(pk=sent.pk).return_codes == []


def test_a_return_for_an_unknown_allocation_message_is_rejected(decision):
    sent = Message.objects.get(kind="JW301")
    xml = provider.return_on_allocation(sent, identification="R-1", dated_on=TODAY)
    xml = xml.replace(sent.identification.encode(), b"ONBEKEND")
    result = import_bytes("return.xml", xml)
    assert result.status == "rejected" and not Message.objects.get(pk=sent.pk).return_codes


# --- A request for allocation -----------------------------------------------------------------


def request(youth, *, reference="VOT-1", identification="V-1", **item) -> bytes:
    values = {
        "reference": reference,
        "category": "45",
        "start": TODAY,
        "referrer_type": "2",
        "product_code": "45A01",
        "end": TODAY + timedelta(days=90),
        "volume": 2,
        "unit": "4",
        "frequency": "2",
        "referrer_name": "Huisartsenpraktijk De Linde",
        "referrer_agb": "01234567",
    }
    return provider.request_for_allocation(
        youth,
        agb_code=AGB,
        items=[build.RequestItem(**{**values, **item})],
        identification=identification,
        dated_on=TODAY,
    )


def test_a_request_for_a_known_child_becomes_a_registration_answered_by_a_decision(world):
    ready_case(world)
    youth = youth_of(world)
    products = catalogue()
    result = import_bytes("verzoek.xml", request(youth))
    assert result.status == "accepted" and codes_in(reply_of(result.message)) == []
    intake = Intake.objects.get(case=result.message.case)
    assert intake.channel == Channel.GP and intake.linked_to_existing
    assert (
        intake.case == world.case and "Huisartsenpraktijk De Linde" in intake.referrer_organisation
    )
    requested = RequestedProduct.objects.get()
    decision = services.save_draft(
        CTX,
        world.case,
        decision_input(youth, products["ambulant"], request=requested),
        actor=world.users[Role.CASE_WORKER],
    )
    decision = issue(world, decision)
    sent = Message.objects.filter(kind="JW301").latest("pk")
    assert "<ReferentieAanbieder>VOT-1</ReferentieAanbieder>" in sent.xml
    assert import_bytes("verzoek2.xml", request(youth, identification="V-2")).status == "rejected"


def test_a_request_for_an_unknown_child_waits_for_a_district_then_is_placed(world):
    stranger = ResidentFactory.build(bsn="999990019", given_names="Mila", surname="Smit")
    result = import_bytes("verzoek.xml", request(stranger, referrer_type="4"))
    message = result.message
    assert result.status == "accepted" and message.awaiting_placement and message.case is None
    assert codes_in(reply_of(message)) == []
    intake = place_request(
        CTX,
        message,
        postcode="8011 CD",
        house_number="4",
        actor=world.users[Role.TEAM_LEAD],
        expected_version=message.version,
    )
    message.refresh_from_db()
    assert not message.awaiting_placement and message.case == intake.case
    assert intake.case.team == world.team and intake.channel == Channel.CERTIFIED_INSTITUTION
    assert Resident.objects.get(bsn="999990019").postcode == "8011CD"


def test_overlapping_requested_products_get_0001(world):
    youth = youth_of(world)
    items = [requested("A", TODAY, 30), requested("B", TODAY + timedelta(days=10), 50)]
    xml = provider.request_for_allocation(
        youth, agb_code=AGB, items=items, identification="V-9", dated_on=TODAY
    )
    result = import_bytes("verzoek.xml", xml)
    assert result.message.return_codes == ["0001"]
    assert any("TR386" in problem for problem in result.message.problems)


def test_a_message_for_another_municipality_is_rejected(world):
    youth = youth_of(world)
    xml = request(youth).replace(b"<Ontvanger>0193</Ontvanger>", b"<Ontvanger>0363</Ontvanger>")
    result = import_bytes("verzoek.xml", xml)
    assert result.status == "rejected" and result.message.return_codes == ["0001"]
    assert not Intake.objects.filter(case__household=world.household).exists()


# --- The command: many files, bad ones among them ---------------------------------------------


def test_the_import_command_reads_an_inbox_and_a_bad_file_stops_nothing(
    decision, tmp_path, settings
):
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    settings.IJW_INBOX_DIR, settings.IJW_OUTBOX_DIR = str(inbox), str(outbox)
    (inbox / "1-kapot.xml").write_bytes(b"<Bericht><niet-af>")
    (inbox / "2-start.xml").write_bytes(start(decision))
    (inbox / "3-onbekend.xml").write_bytes(b"<?xml version='1.0'?><Iets/>")
    call_command("ijw_import", "--inbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == [
        "1-kapot.xml",
        "2-start.xml",
        "3-onbekend.xml",
    ]
    statuses = dict(Message.objects.filter(direction="in").values_list("file_name", "status"))
    assert statuses == {
        "1-kapot.xml": "rejected",
        "2-start.xml": "accepted",
        "3-onbekend.xml": "rejected",
    }
    assert CareDelivery.objects.count() == 1
    written = sorted(p.name for p in outbox.iterdir())
    assert any(name.startswith("JW306_") for name in written)
    assert all(decision.youth.bsn not in name for name in written)
    # A second run finds nothing new.
    call_command("ijw_import", "--inbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Message.objects.filter(direction="in").count() == 3


def test_a_file_whose_processing_fails_is_recorded_and_changes_nothing(decision, monkeypatch):
    from wijkteam.ijw import inbox

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(inbox._Import, "_accepted", broken)
    result = import_bytes("start.xml", start(decision))
    assert result.status == "rejected" and not CareDelivery.objects.exists()
    assert Message.objects.get(direction="in").status == MessageStatus.REJECTED


# --- The outbox ---------------------------------------------------------------------------------


def test_the_outbox_writes_each_message_once(decision, tmp_path, settings):
    settings.IJW_OUTBOX_DIR = str(tmp_path)
    message = Message.objects.get(kind="JW301")
    assert write_pending().written == 1
    path = tmp_path / message.file_name
    assert schema.validate("JW301", path.read_bytes()).errors == ()
    assert write_pending().written == 0
    # A crash after the file was written but before the row was marked: not written again.
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.PENDING)
    stamp = path.stat().st_mtime_ns
    assert write_pending().written == 1 and path.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [message.file_name]


def test_the_outbox_never_replaces_a_different_file(tmp_path):
    _write_file(tmp_path, "JW301_X.xml", b"een")
    with pytest.raises(OutboxConflict):
        _write_file(tmp_path, "JW301_X.xml", b"twee")
    assert (tmp_path / "JW301_X.xml").read_bytes() == b"een"


def test_written_on_commit_after_issue(
    world, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.IJW_OUTBOX_DIR = str(tmp_path)
    ready_case(world)
    youth_of(world)
    with django_capture_on_commit_callbacks(execute=True):
        issued(world, catalogue()["ambulant"])
    assert Message.objects.get(kind="JW301").status == MessageStatus.WRITTEN
    assert len(list(Path(tmp_path).glob("JW301_*.xml"))) == 1


def test_without_an_outbox_folder_messages_wait(decision, settings):
    settings.IJW_OUTBOX_DIR = ""
    result = write_pending()
    assert result.written == 0 and result.waiting == 1


def test_a_message_that_fails_to_write_is_retried_and_written_once(decision, tmp_path, settings):
    """The outbox folder is unavailable for a moment: the message stays waiting, the next
    run (the scheduled job) writes it, and a later run does not write it again."""
    from unittest import mock

    from django.core.management import call_command

    settings.IJW_OUTBOX_DIR = str(tmp_path)
    message = Message.objects.get(kind="JW301")
    with mock.patch("wijkteam.ijw.outbox._write_file", side_effect=OSError("disk full")):
        result = write_pending()
    assert (result.written, result.failed, result.waiting) == (0, 1, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and not list(tmp_path.iterdir())
    call_command("run_scheduled_jobs", "ijw_outbox")
    message.refresh_from_db()
    assert message.status == MessageStatus.WRITTEN
    assert [p.name for p in tmp_path.iterdir()] == [message.file_name]
    call_command("run_scheduled_jobs", "ijw_outbox")
    assert [p.name for p in tmp_path.iterdir()] == [message.file_name]
