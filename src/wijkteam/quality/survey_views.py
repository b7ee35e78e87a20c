"""Client-experience survey pages: the invitation on a case (its link shown once), the
public survey (no sign-in, plain Dutch, single-use link) and its thanks page."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import log_read
from wijkteam.cases.views import Action, _case, _run_action

from . import services
from .forms import InvitationForm, SurveyForm
from .public import public_form_page
from .queries import invitation_for_token, invitations_of_case

INVITE = "quality.invite_survey"
SURVEY_LINKS_SESSION_KEY = "quality:survey-links"


def show_link_once(request, created: services.CreatedInvitation) -> str:
    """Keep a new invitation's token in the session for the page that shows its link
    once, and return that page's address: where a view that called `invite_to_survey`
    (an evaluation, a closure) sends the user next."""
    links = request.session.get(SURVEY_LINKS_SESSION_KEY, {})
    links[str(created.invitation.pk)] = created.token
    request.session[SURVEY_LINKS_SESSION_KEY] = links
    return reverse("quality:survey_link", args=[created.invitation.case_id, created.invitation.pk])


@login_required
@permission_required(INVITE, raise_exception=True)
def case_survey(request, pk: int):
    """Invitations of a case, and a new one: the link is shown once, on the next page."""
    case = _case(request, pk)

    def perform(ctx, case, form):
        created = services.invite_to_survey(
            case, form.cleaned_data["occasion"], request.user, ctx=ctx
        )
        return show_link_once(request, created)

    action = Action(
        InvitationForm,
        "quality/case_survey.html",
        _("The invitation has been made. Give the family the link below."),
        success_url=lambda link_page: link_page,
        field_of_reason={"survey_case_status": "occasion", "survey_occasion": "occasion"},
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        extra_context={"invitations": invitations_of_case(case)},
    )


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@login_required
@permission_required(INVITE, raise_exception=True)
def survey_link(request, pk: int, invitation_pk: int):
    """The invitation's link and QR code, for the family (to print or send). The token is
    not stored, so the link can be shown only once: on the first visit after making it."""
    case = _case(request, pk)
    invitation = case.survey_invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    links = request.session.get(SURVEY_LINKS_SESSION_KEY, {})
    token = links.pop(str(invitation.pk), None)
    request.session[SURVEY_LINKS_SESSION_KEY] = links
    context = {"case": case, "invitation": invitation}
    if token:
        link = request.build_absolute_uri(reverse("quality:survey", args=[token]))
        context.update(link=link, qr=_qr_data_uri(link))
    log_read(request, [case, case.household])
    return render(request, "quality/survey_link.html", context)


def survey(request, token: str):
    """The public survey (no sign-in): a mark from 1 to 10 and two open questions.
    An unknown, expired or used link gets a friendly page instead."""
    now = timezone.now()
    state = services.invitation_state(invitation_for_token(token), now)
    if state != services.InvitationState.VALID:
        return _survey_closed(request, state)
    form = SurveyForm(request.POST if request.method == "POST" else None)

    def send():
        try:
            services.answer_survey(
                token,
                score=form.cleaned_data["score"],
                went_well=form.cleaned_data["went_well"],
                could_be_better=form.cleaned_data["could_be_better"],
                now=now,
            )
        except services.InvitationUnusable as unusable:
            return _survey_closed(request, unusable.state)
        return redirect("quality:survey_thanks")

    return public_form_page(
        request,
        form,
        scope="survey",
        template="quality/survey.html",
        done="quality:survey_thanks",
        send=send,
    )


# Unknown links are "not found"; used and expired ones are "gone".
CLOSED_STATUS = {
    services.InvitationState.UNKNOWN: 404,
    services.InvitationState.USED: 410,
    services.InvitationState.EXPIRED: 410,
}


def _survey_closed(request, state: str):
    return render(
        request, "quality/survey_closed.html", {"state": state}, status=CLOSED_STATUS[state]
    )


def survey_thanks(request):
    return render(request, "quality/survey_thanks.html")
