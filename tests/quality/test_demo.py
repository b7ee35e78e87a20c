"""Demo partners, complaints and survey answers: made through the services, repeatable."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.partners.models import FixedContact, Partner
from wijkteam.partners.queries import coverage_table
from wijkteam.quality.models import Complaint, SurveyInvitation, SurveyResponse
from wijkteam.quality.queries import complaint_worklist, deadline_of


def _seed():
    call_command("seed_demo", seed=3, households=30, quiet_logins=True, stdout=StringIO())


def _snapshot():
    return (
        sorted(Partner.objects.values_list("name", "district__code", "code")),
        sorted(FixedContact.objects.values_list("partner__name", "staff__username", "starts_on")),
        sorted(Complaint.objects.values_list("reference", "status", "due_on", "case__reference")),
        sorted(SurveyResponse.objects.values_list("team__name", "month", "score")),
    )


def test_demo_quality_data(db):
    _seed()
    today = timezone.localdate()
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert statuses == {"received", "acknowledged", "in_handling", "decided", "withdrawn"}
    states = {deadline_of(c, today).state for c in Complaint.objects.all()}
    assert {"overdue", "due_soon", "on_time", "closed_on_time", "closed_late"} <= states
    assert Complaint.objects.filter(extension_weeks__gt=0, status="in_handling").exists()
    assert Complaint.objects.filter(case__isnull=False).exists()
    officer = User.objects.get(username="klachten")
    worklist = complaint_worklist(officer, today)
    assert worklist.warnings >= 2 and worklist.rows[0].deadline.state == "overdue"
    # Coverage: every school covered; GP practices below target in one district only.
    rows = coverage_table(today)
    assert all(row.schools.met for row in rows)
    below = [row.district.code for row in rows[:-1] if not row.gp_practices.met]
    assert below == ["zuiderveld"] and rows[-1].gp_practices.met
    assert FixedContact.objects.filter(ends_on__isnull=False).exists()  # a changed contact
    # Survey answers over the year, enough per team and quarter to be shown.
    assert SurveyInvitation.objects.filter(used=False).exists()
    months = set(SurveyResponse.objects.values_list("month", flat=True))
    assert len(months) >= 10
    per_team = SurveyResponse.objects.values("team").distinct().count()
    assert per_team == 5


def test_demo_quality_data_is_repeatable(db):
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first
