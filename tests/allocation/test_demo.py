"""The demo allocation: a catalogue, weighings with "not granted, and why", issued
decisions with their JW301 in the outbox, one awaiting the demo behavioural expert's
co-signature, a heavy one with its reason, a JW315 request, a JW305 start and a JW307
stop — all through the services, and a second run adds nothing."""

from io import StringIO

from django.core.management import call_command

from wijkteam.accounts.models import User
from wijkteam.allocation.models import Decision, DecisionStatus, Weighing
from wijkteam.allocation.queries import cosign_worklist
from wijkteam.audit.models import AuditEntry
from wijkteam.ijw.models import CareDelivery, Message, MessageStatus
from wijkteam.providers.models import Provider


def _seed():
    call_command("seed_demo", seed=1, households=40, quiet_logins=True, stdout=StringIO())


def _counts():
    return (
        Provider.objects.count(),
        Weighing.objects.count(),
        Decision.objects.count(),
        Message.objects.count(),
        CareDelivery.objects.count(),
    )


def test_demo_allocation(db, settings, tmp_path):
    settings.IJW_OUTBOX_DIR = str(tmp_path)
    _seed()
    assert Provider.objects.count() == 10
    assert Weighing.objects.exclude(not_granted_reason="").count() >= 3
    issued = Decision.objects.filter(status=DecisionStatus.ISSUED)
    assert issued.count() >= 4
    assert issued.filter(intensity="heavy").exclude(heavy_reason="").exists()
    expert = User.objects.get(username="gedragswetenschapper")
    awaiting = list(cosign_worklist(expert))
    assert len(awaiting) == 1 and awaiting[0].category == "43"
    assert Message.objects.filter(kind="JW301", status=MessageStatus.WRITTEN).count() >= 4
    assert len(list(tmp_path.glob("JW301_*.xml"))) >= 4
    assert Message.objects.filter(kind="JW315", case__isnull=False).exists()
    assert Message.objects.filter(kind="JW315", awaiting_placement=True).exists()
    assert CareDelivery.objects.filter(closure_reason="31").exists()
    assert not Message.objects.filter(status=MessageStatus.REJECTED).exists()
    worker = User.objects.get(username="jeugdwerker")
    assert Decision.objects.filter(case__worker=worker, status=DecisionStatus.ISSUED).exists()
    assert AuditEntry.objects.filter(
        object_type="allocation.decision", actor_username="seed_demo"
    ).exists()
    first = _counts()
    _seed()
    assert _counts() == first
