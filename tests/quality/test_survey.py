"""The client-experience survey: the invitation on a case, the single-use public page,
anonymous answers, and the figures with small counts suppressed."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.core.errors import RuleViolation
from wijkteam.quality.models import SurveyInvitation, SurveyResponse
from wijkteam.quality.services import (
    InvitationUnusable,
    answer_survey,
    invite_to_survey,
    token_hash,
)


def _in_progress(case) -> Case:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    case.refresh_from_db()
    return case


def test_invite_stores_only_a_hash_and_fits_the_occasion(world):
    case = _in_progress(world.case)
    worker = world.users[Role.CASE_WORKER]
    created = invite_to_survey(case, "evaluation", worker)
    invitation = created.invitation
    assert len(created.token) >= 40
    assert invitation.token_hash == token_hash(created.token)
    assert created.token not in str(SurveyInvitation.objects.values_list().get())
    assert invitation.team == world.team and not invitation.used
    assert AuditEntry.objects.filter(
        object_type="quality.surveyinvitation", actor_username="case_worker", action="create"
    ).exists()
    with pytest.raises(RuleViolation) as refused:
        invite_to_survey(case, "closure", worker)
    assert refused.value.verdict.codes == ("survey_case_status",)


def test_a_family_answers_once_without_a_name(world, client):
    created = invite_to_survey(_in_progress(world.case), "evaluation", None)
    url = reverse("quality:survey", args=[created.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Welk cijfer geeft u onze hulp?" in page.content.decode()
    response = client.post(url, {"score": "8", "went_well": "Fijn contact.", "website": ""})
    assert response.status_code == 302 and response["Location"] == reverse("quality:survey_thanks")
    answer = SurveyResponse.objects.get()
    assert answer.score == 8 and answer.team == world.team
    assert answer.month == timezone.localdate().replace(day=1)
    # Nothing ties the answer to the family: no case, no invitation, no time of day.
    fields = {field.name for field in SurveyResponse._meta.get_fields()}
    assert not fields & {"case", "invitation", "created_at", "resident", "household"}
    created.invitation.refresh_from_db()
    assert created.invitation.used
    # A second use is a friendly page, not a second answer.
    again = client.get(url)
    assert again.status_code == 410
    assert "U heeft deze vragenlijst al ingevuld" in again.content.decode()
    assert client.post(url, {"score": "2"}).status_code == 410
    assert SurveyResponse.objects.count() == 1


def test_a_mark_is_required_and_the_answers_are_kept(world, client):
    created = invite_to_survey(_in_progress(world.case), "evaluation", None)
    url = reverse("quality:survey", args=[created.token])
    response = client.post(url, {"score": "", "could_be_better": "Sneller terugbellen."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een cijfer van 1 tot en met 10." in html and 'href="#id_score_0"' in html
    assert "Sneller terugbellen." in html
    assert client.post(url, {"score": "11"}).status_code == 400
    assert not SurveyResponse.objects.exists()


def test_unknown_and_expired_links_get_a_friendly_page(world, client):
    response = client.get(reverse("quality:survey", args=["niet-bestaand"]))
    assert response.status_code == 404 and "Deze link werkt niet" in response.content.decode()
    created = invite_to_survey(_in_progress(world.case), "evaluation", None)
    SurveyInvitation.objects.filter(pk=created.invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("quality:survey", args=[created.token]))
    assert response.status_code == 410 and "Deze link werkt niet meer" in response.content.decode()
    with pytest.raises(InvitationUnusable):
        answer_survey(created.token, score=7)


def test_the_survey_is_rate_limited(world, client):
    tokens = [
        invite_to_survey(_in_progress(world.case), "evaluation", None).token for _ in range(2)
    ]
    with override_settings(WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR=1):
        assert (
            client.post(reverse("quality:survey", args=[tokens[0]]), {"score": "7"}).status_code
            == 302
        )
        response = client.post(reverse("quality:survey", args=[tokens[1]]), {"score": "6"})
    assert response.status_code == 429


def test_staff_make_an_invitation_and_see_its_link_once(world, client_as):
    case = _in_progress(world.case)
    client = client_as(Role.CASE_WORKER)
    url = reverse("quality:case_survey", args=[case.pk])
    response = client.post(url, {"occasion": "closure"})
    assert response.status_code == 400  # a case in progress is not closing
    assert "afsluiting is voor een casus" in response.content.decode()
    response = client.post(url, {"occasion": "evaluation"})
    assert response.status_code == 302
    invitation = SurveyInvitation.objects.get()
    link_page = client.get(response["Location"]).content.decode()
    assert "http://testserver/ervaring/" in link_page
    assert "data:image/svg+xml;base64," in link_page
    token = link_page.split("http://testserver/ervaring/")[1].split("/")[0]
    assert invitation.token_hash == token_hash(token)
    # The token is not stored, so the link is not shown again.
    again = client.get(response["Location"]).content.decode()
    assert token not in again and "niet bewaard" in again
    # The invitation is on the case page's timeline.
    case_page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Ervaringsvragenlijst aangeboden" in case_page


def _answers(team, month, scores, text=""):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(team=team, occasion="closure", month=month, score=s, went_well=text)
        for s in scores
    )


def test_figures_per_team_with_small_counts_suppressed(world, client_as):
    month = timezone.localdate().replace(day=1)
    _answers(world.team, month, [8, 9, 7, 6, 10, 3])
    _answers(world.other_team, month, [9, 4])
    html = client_as(Role.ANALYST).get(reverse("quality:figures")).content.decode()
    noord = html.split(">Wijkteam Noord<")[1].split("</tr>")[0]
    assert ">6<" in noord and ">7,2<" in noord and ">17%<" in noord and ">50%<" in noord
    zuid = html.split(">Wijkteam Zuid<")[1].split("</tr>")[0]
    assert "&lt;5" in zuid and "7,2" not in zuid and "6,5" not in zuid
    # The analyst sees no open answers and cannot open them.
    assert reverse("quality:answers") not in html
    assert client_as(Role.ANALYST).get(reverse("quality:answers")).status_code == 403


def test_open_answers_for_the_team_lead_and_the_quality_officer(world, client_as):
    month = timezone.localdate().replace(day=1)
    _answers(world.team, month, [8], "Noord: fijn geholpen")
    _answers(world.other_team, month, [7], "Zuid: snel geholpen")
    lead = client_as(Role.TEAM_LEAD).get(reverse("quality:answers")).content.decode()
    assert "Noord: fijn geholpen" in lead and "Zuid: snel geholpen" not in lead
    officer = client_as(Role.QUALITY_OFFICER).get(reverse("quality:answers")).content.decode()
    assert "Noord: fijn geholpen" in officer and "Zuid: snel geholpen" in officer
