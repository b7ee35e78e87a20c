"""The staff roles of DOMAIN.md §2 as permission sets (Django groups).

A role is a group whose name is the role's code. A user can hold more than one role.
Permissions are listed here, in one place; `sync_role_groups` makes the database match
(it runs after every migrate). Residents, partners and providers are not staff: they
reach the product through the public forms, the portal and the iJw messages.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import Group, Permission
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    CASE_WORKER = "case_worker"
    BEHAVIOURAL_EXPERT = "behavioural_expert"
    SAFETY_OFFICER = "safety_officer"
    TEAM_LEAD = "team_lead"
    QUALITY_OFFICER = "quality_officer"
    COMPLAINTS_OFFICER = "complaints_officer"
    ANALYST = "analyst"
    ADMINISTRATOR = "administrator"
    PRIVACY_OFFICER = "privacy_officer"


@dataclass(frozen=True)
class RoleSpec:
    role: Role
    label: Promise
    description: Promise
    permissions: tuple[str, ...]


# Persons' data may be read by everyone who works on cases; analysts and administrators
# never see a person (they see aggregates and configuration).
_CASEWORK = (
    "people.view_resident",
    "people.view_household",
    "cases.view_case",
    "cases.add_intake",
    "cases.add_contactmoment",
    "assessment.view_assessment",
    "safety.view_safety",
    "plans.view_plan",
    "catalogue.view_communityoffer",
    "allocation.view_allocation",
    "providers.view_provider",
)
# Those who do the casework record the assessment and safety, and review a colleague's
# safety assessment (four eyes); quality and complaints officers read. Weighing and
# decisions are recorded by case workers, behavioural experts and team leads; only a
# behavioural expert co-signs a life-changing decision.
_ASSESSING = (
    "assessment.record_assessment",
    "safety.record_safety",
    "safety.review_safetyassessment",
    "plans.record_plan",
    # At an evaluation or closure the family gets the client-experience survey's link.
    "quality.invite_survey",
)
# Those who work with schools and GP practices see the partners and their fixed contacts.
_PARTNERS = ("partners.view_partner",)

ROLE_SPECS: tuple[RoleSpec, ...] = (
    RoleSpec(
        Role.CASE_WORKER,
        _("Youth and family worker"),
        _("Registers, clarifies, assesses, plans, supports, allocates and evaluates."),
        (
            *_CASEWORK,
            *_ASSESSING,
            *_PARTNERS,
            "allocation.record_allocation",
        ),
    ),
    RoleSpec(
        Role.BEHAVIOURAL_EXPERT,
        _("Behavioural expert"),
        _("Is consulted and co-signs life-changing decisions."),
        (
            *_CASEWORK,
            *_ASSESSING,
            *_PARTNERS,
            "allocation.record_allocation",
            "allocation.cosign_decision",
        ),
    ),
    RoleSpec(
        Role.SAFETY_OFFICER,
        _("Safety officer"),
        _("Supports workers in unsafe situations."),
        (*_CASEWORK, *_ASSESSING, *_PARTNERS),
    ),
    RoleSpec(
        Role.TEAM_LEAD,
        _("Team lead"),
        _("Assigns cases by expertise and caseload, watches the waiting list, approves plans."),
        (
            *_CASEWORK,
            *_ASSESSING,
            "allocation.record_allocation",
            # The iJw messages of the team; placing a request for someone not yet known.
            "ijw.view_message",
            "ijw.place_request",
            "ijw.write_outbox",
            "accounts.lead_team",
            "cases.assign_case",
            "plans.resolve_escalation",
            "cases.view_accessgrant",
            "accounts.view_staff",
            "accounts.record_certificate",
            "accounts.view_aggregates",
            "audit.view_auditentry",
            *_PARTNERS,
            "partners.assign_fixedcontact",
            # Complaints linked to a case of the team, read only; the survey's answers.
            "quality.view_complaint",
            "quality.view_experience_answers",
        ),
    ),
    RoleSpec(
        Role.QUALITY_OFFICER,
        _("Quality officer"),
        _("Reviews decisions against the guidelines."),
        (*_CASEWORK, "accounts.view_aggregates", "quality.view_experience_answers"),
    ),
    RoleSpec(
        Role.COMPLAINTS_OFFICER,
        _("Complaints officer"),
        _("Handles complaints under the municipal complaints procedure."),
        (
            *_CASEWORK,
            "quality.view_complaint",
            "quality.add_complaint",
            "quality.handle_complaint",
        ),
    ),
    RoleSpec(
        Role.ANALYST,
        _("Policy analyst"),
        _("Sees aggregated, de-identified figures only."),
        ("accounts.view_aggregates",),
    ),
    RoleSpec(
        Role.ADMINISTRATOR,
        _("Functional administrator"),
        _("Manages users, teams, catalogues and configuration."),
        (
            "accounts.view_staff",
            "accounts.manage_staff",
            "accounts.record_certificate",
            # The Django admin for accounts, teams, districts and expertise:
            *(
                f"accounts.{action}_{model}"
                for model in ("user", "team", "district", "expertisetag", "certificateofconduct")
                for action in ("view", "add", "change")
            ),
            # The API tokens of system accounts: the list, and revoking (the admin's action).
            "accounts.view_apitoken",
            "accounts.change_apitoken",
            # The configurable instruments: life domains and levels, risk assessment.
            *(
                f"assessment.{action}_{model}"
                for model in ("lifedomain", "lifedomainlevel")
                for action in ("view", "add", "change")
            ),
            *(
                f"safety.{action}_{model}"
                for model in ("riskinstrument", "riskitem", "riskansweroption", "risklevelband")
                for action in ("view", "add", "change")
            ),
            *(
                f"safety.delete_{model}"
                for model in ("riskitem", "riskansweroption", "risklevelband")
            ),
            # Schools, GP practices and other partners (their fixed contacts are the
            # team lead's to assign).
            *(f"partners.{action}_partner" for action in ("view", "add", "change")),
            "partners.view_fixedcontact",
            # The question themes chosen at registration and triage:
            *(f"cases.{action}_questiontheme" for action in ("view", "add", "change")),
            # The catalogue of community offers (sociale basis):
            *(
                f"catalogue.{action}_communityoffer"
                for action in ("view", "add", "change", "delete")
            ),
            # The provider catalogue (import, export, the admin) and the message list.
            "providers.view_provider",
            "providers.manage_catalogue",
            *(
                f"providers.{action}_{model}"
                for model in ("provider", "contractedproduct", "profile")
                for action in ("view", "add", "change")
            ),
            "providers.delete_contractedproduct",
            "ijw.view_message",
            "ijw.write_outbox",
            "auth.view_group",
            # Removing a lost phone's device, so its owner can set up a new one:
            "otp_totp.view_totpdevice",
            "otp_totp.delete_totpdevice",
            # What the retention job destroyed (the records hold no personal data).
            "privacy.view_destructionrecord",
        ),
    ),
    RoleSpec(
        Role.PRIVACY_OFFICER,
        _("Privacy officer"),
        _(
            "Answers residents' requests to see their data (AVG art. 15) and watches the "
            "retention and destruction of files."
        ),
        (
            "privacy.export_subject_data",
            "privacy.view_destructionrecord",
        ),
    ),
)

SPEC_BY_ROLE = {spec.role: spec for spec in ROLE_SPECS}


def role_label(role: str) -> Promise | str:
    spec = SPEC_BY_ROLE.get(Role(role)) if role in Role._value2member_map_ else None
    return spec.label if spec else role


def sync_role_groups(using: str = "default") -> None:
    """Create one group per role and give it exactly the role's permissions."""
    wanted = {spec.role.value: spec.permissions for spec in ROLE_SPECS}
    all_codes = {code for codes in wanted.values() for code in codes}
    by_code = {}
    for perm in Permission.objects.using(using).select_related("content_type"):
        code = f"{perm.content_type.app_label}.{perm.codename}"
        if code in all_codes:
            by_code[code] = perm
    missing = all_codes - by_code.keys()
    if missing:
        # Permissions appear once every app has migrated; a later post_migrate call
        # (for the last app) completes the sync.
        return
    for name, codes in wanted.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([by_code[code] for code in codes])
