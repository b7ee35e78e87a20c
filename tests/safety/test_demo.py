"""Demo assessment and safety records: made through the services, repeatable."""

from io import StringIO

from django.core.management import call_command

from wijkteam.assessment.models import ChildVoice, LifeDomainAssessment, QuestionClarification
from wijkteam.audit.models import AuditEntry
from wijkteam.safety.models import (
    CrisisSafetyException,
    SafetyAssessment,
    VeiligThuisReport,
)


def _seed():
    call_command("seed_demo", seed=2, households=30, quiet_logins=True, stdout=StringIO())


def _snapshot():
    return (
        sorted(QuestionClarification.objects.values_list("case__reference", "support_question")),
        sorted(
            SafetyAssessment.objects.values_list(
                "case__reference", "status", "risk_level", "reassess_on"
            )
        ),
        sorted(
            ChildVoice.objects.values_list("case__reference", "child__bsn", "spoken_to", "reason")
        ),
        LifeDomainAssessment.objects.count(),
    )


def test_demo_assessment_and_safety(db):
    _seed()
    statuses = set(SafetyAssessment.objects.values_list("status", flat=True))
    assert "completed" in statuses
    assert QuestionClarification.objects.exists() and ChildVoice.objects.exists()
    assert LifeDomainAssessment.objects.exists()
    assert VeiligThuisReport.objects.count() == 1 and CrisisSafetyException.objects.count() == 1
    assert AuditEntry.objects.filter(
        object_type="safety.safetyassessment", actor_username="seed_demo"
    ).exists()
    first = _snapshot()
    _seed()
    assert _snapshot() == first  # a second run adds nothing
