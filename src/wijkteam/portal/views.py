"""The public forms (no sign-in): self-registration and partner referral, each with a
confirmation page. Views parse the forms, call `register_intake` and redirect; the
confirmation reads the reference from the session, never from the URL."""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone

from wijkteam.audit.log import AuditContext, client_address
from wijkteam.cases.queries import response_norms
from wijkteam.cases.rules import first_contact_norm
from wijkteam.cases.services import register_intake
from wijkteam.core.errors import RuleViolation

from .forms import MAX_CHILDREN, Bundle, PartnerReferral, SelfRegistration
from .ratelimit import allow_submission

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublicPage:
    name: str  # the URL name without namespace; also the rate limit's scope
    bundle: type[Bundle]
    template: str
    done_template: str

    @property
    def session_key(self) -> str:
        return f"portal:{self.name}"

    @property
    def done_url(self) -> str:
        return f"portal:{self.name}_done"


SELF_REGISTRATION = PublicPage(
    "self_registration",
    SelfRegistration,
    "portal/self_registration.html",
    "portal/self_registration_done.html",
)
PARTNER_REFERRAL = PublicPage(
    "partner_referral",
    PartnerReferral,
    "portal/partner_referral.html",
    "portal/partner_referral_done.html",
)


def self_registration(request):
    return _form_page(request, SELF_REGISTRATION)


def self_registration_done(request):
    return _done_page(request, SELF_REGISTRATION)


def partner_referral(request):
    return _form_page(request, PARTNER_REFERRAL)


def partner_referral_done(request):
    return _done_page(request, PARTNER_REFERRAL)


def _form_page(request, page: PublicPage):
    if request.method != "POST":
        return _show(request, page, page.bundle())
    bundle = page.bundle(request.POST)
    if bundle.is_bot:
        # Dropped without a word: the bot sees the same confirmation as a person.
        logger.info("Dropped a %s post that filled in the hidden field.", page.name)
        return redirect(page.done_url)
    if bundle.wants_another_child:
        return _show(request, page, page.bundle.with_another_child(request.POST))
    if not bundle.is_valid():
        return _show(request, page, bundle, status=400)
    if not allow_submission(page.name, client_address(request)):
        return _show(request, page, bundle, status=429, rate_limited=True)
    today = timezone.localdate()
    try:
        intake = register_intake(AuditContext.from_request(request), bundle.intake_input(today))
    except RuleViolation as refusal:
        bundle.add_refusal(refusal)
        return _show(request, page, bundle, status=400)
    # Only what the confirmation shows: whether the family was known is never told.
    request.session[page.session_key] = {
        "reference": intake.reference,
        "urgency": intake.urgency,
        "registered_on": today.isoformat(),
    }
    return redirect(page.done_url)


def _show(request, page: PublicPage, bundle: Bundle, *, status=200, rate_limited=False):
    context = {
        "bundle": bundle,
        "form": bundle.form,
        "children": bundle.children,
        "max_children": MAX_CHILDREN,
        "rate_limited": rate_limited,
        "limit_per_hour": settings.WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR,
    }
    return render(request, page.template, context, status=status)


def _done_page(request, page: PublicPage):
    norms = response_norms()
    context = {"regular_working_days": norms.regular_working_days}
    saved = request.session.get(page.session_key)
    if isinstance(saved, dict) and saved.get("reference"):
        registered_on = date.fromisoformat(saved["registered_on"])
        norm = first_contact_norm(saved["urgency"], registered_on, None, registered_on, norms)
        context.update(
            reference=saved["reference"],
            due=norm.due,
            working_days=norms.first_contact_days(saved["urgency"]),
        )
    return render(request, page.done_template, context)
