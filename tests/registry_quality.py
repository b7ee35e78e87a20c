"""Registry entries for complaints, the client-experience survey and partners (see
registry.py). The objects the URLs need are made on first use."""

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.partners.models import Partner, PartnerKind
from wijkteam.quality.models import Complaint, SurveyInvitation
from wijkteam.quality.services import ComplaintInput, file_complaint, token_hash

from .registry_base import ALL_STAFF, Endpoint, url

OFFICER = frozenset({Role.COMPLAINTS_OFFICER})
READERS = frozenset({Role.COMPLAINTS_OFFICER, Role.TEAM_LEAD})
# Those who record plans give the family the survey's link at an evaluation or closure.
INVITERS = frozenset(
    {Role.CASE_WORKER, Role.BEHAVIOURAL_EXPERT, Role.SAFETY_OFFICER, Role.TEAM_LEAD}
)
FIGURES = frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.QUALITY_OFFICER})
ANSWERS = frozenset({Role.TEAM_LEAD, Role.QUALITY_OFFICER})
PARTNER_READERS = frozenset(
    {
        Role.CASE_WORKER,
        Role.BEHAVIOURAL_EXPERT,
        Role.SAFETY_OFFICER,
        Role.TEAM_LEAD,
        Role.ADMINISTRATOR,
    }
)
SURVEY_TOKEN = "registry-survey-token-0123456789abcdefghijklmno"


def complaint_about(case) -> Complaint:
    """The complaint linked to `case`, made when there is none."""
    found = Complaint.objects.filter(case=case).first()
    if found:
        return found
    from wijkteam.audit.log import AuditContext

    complaint = file_complaint(
        AuditContext.system(),
        ComplaintInput(
            complainant_name="Petra de Vries",
            description="De jeugdwerker kwam drie keer niet op de afspraak.",
            received_on=timezone.localdate(),
            postcode="8011AB",
            house_number="3",
            phone="0612345678",
        ),
    )
    complaint.case = case
    complaint.save(update_fields=["case"])
    return complaint


def _complaint(world):
    return complaint_about(world.case).pk


def invitation_of(case, token: str = SURVEY_TOKEN) -> SurveyInvitation:
    now = timezone.now()
    invitation, _ = SurveyInvitation.objects.get_or_create(
        token_hash=token_hash(token),
        defaults={
            "case": case,
            "team_id": case.team_id,
            "occasion": "evaluation",
            "created_at": now,
            "expires_at": now + timezone.timedelta(days=30),
        },
    )
    return invitation


def partner_in(district, name="Basisschool De Regenboog") -> Partner:
    partner, _ = Partner.objects.get_or_create(
        name=name, defaults={"kind": PartnerKind.SCHOOL, "district": district}
    )
    return partner


def _token(world):
    invitation_of(world.case)
    return SURVEY_TOKEN


def _partner(world):
    return partner_in(world.team.district).pk


def _other_partner(world):
    return partner_in(world.other_team.district, "Huisartsenpraktijk Zuid").pk


def _with_complaint(route):
    """The URL of a list, once the world has a complaint to show in it."""

    def make(world):
        complaint_about(world.case)
        return url(route)(world)

    return make


def _case(world):
    return world.case.pk


def _page(route, allowed, *args, personal_data=True):
    return Endpoint(route, url(route, *args), allowed, personal_data=personal_data)


def _public(route, *args):
    return Endpoint(route, url(route, *args), ALL_STAFF, public=True)


def _api(route, allowed, *args, personal_data=False, ok_status=200):
    return Endpoint(
        route,
        url(route, *args),
        allowed,
        api=True,
        personal_data=personal_data,
        ok_status=ok_status,
    )


QUALITY_ENDPOINTS: tuple[Endpoint, ...] = (
    _public("quality:complaint_form"),
    _public("quality:complaint_received"),
    _public("quality:survey", _token),
    _public("quality:survey_thanks"),
    # The list shows the complaint made for the detail page (so its read is audited).
    Endpoint("quality:complaint_list", _with_complaint("quality:complaint_list"), READERS, True),
    _page("quality:complaint_new", OFFICER, personal_data=False),
    _page("quality:complaint_detail", READERS, _complaint),
    _page("quality:complaint_status", OFFICER, _complaint),
    _page("quality:complaint_extend", OFFICER, _complaint),
    _page("quality:complaint_link_case", OFFICER, _complaint),
    _page("quality:case_survey", INVITERS, _case),
    _page("quality:survey_link", INVITERS, _case, lambda w: invitation_of(w.case).pk),
    _page("quality:figures", FIGURES, personal_data=False),
    # The open answers carry no name (ADR 0009); the world has none to log.
    _page("quality:answers", ANSWERS, personal_data=False),
    _page("partners:partner_list", PARTNER_READERS, personal_data=False),
    _page("partners:partner_detail", PARTNER_READERS, _partner, personal_data=False),
    _page("partners:assign_contact", frozenset({Role.TEAM_LEAD}), _partner, personal_data=False),
)

QUALITY_API_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("api:complaint-list", _with_complaint("api:complaint-list"), READERS, True, True),
    _api("api:complaint-detail", READERS, _complaint, personal_data=True),
    # Writing only: the officer's GET is a 405 (after the permission check), anyone
    # else's a 403; tests/quality/test_api.py covers the writes.
    _api("api:complaint-status", OFFICER, _complaint, ok_status=405),
    _api("api:complaint-extension", OFFICER, _complaint, ok_status=405),
    _api("api:complaint-case", OFFICER, _complaint, ok_status=405),
    _api("api:partner-list", PARTNER_READERS),
    _api("api:partner-coverage", PARTNER_READERS),
    _api("api:partner-detail", PARTNER_READERS, _partner),
    _api("api:partner-fixed-contact", frozenset({Role.TEAM_LEAD}), _partner, ok_status=405),
)

# Pages that show one team's records only. (A complaint of another team is "not found"
# for a team lead but not for the complaints officer, who handles every complaint:
# tests/quality/test_complaint_pages.py covers it.)
QUALITY_OTHER_TEAM_URLS = (
    ("quality:case_survey", url("quality:case_survey", lambda w: w.other_case.pk)),
    (
        "quality:survey_link",
        url(
            "quality:survey_link",
            lambda w: w.other_case.pk,
            lambda w: invitation_of(w.other_case, "other-team-token").pk,
        ),
    ),
    ("partners:assign_contact", url("partners:assign_contact", _other_partner)),
)
