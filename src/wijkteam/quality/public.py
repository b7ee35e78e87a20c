"""The shared handling of the public pages' forms (the complaint form and the survey):
no sign-in, a honeypot, the per-address rate limit of the portal's forms, and the error
summary of portal/_error_summary.html."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render

from wijkteam.audit.log import client_address
from wijkteam.portal.ratelimit import allow_submission

from .forms import PublicErrors

logger = logging.getLogger(__name__)


def public_form_page(
    request,
    form,
    *,
    scope: str,
    template: str,
    done: str,
    send: Callable[[], HttpResponse | None],
    context: dict | None = None,
) -> HttpResponse:
    """Show `form`; on a POST, drop a bot's post without a word (it sees `done`, the
    confirmation, as a person would), show an invalid one again (400) or one over the
    rate limit (429, input kept), and otherwise call `send`: the response to give, or None
    when the service refused and put its reasons on the form (400)."""
    errors = PublicErrors(form)
    status, rate_limited = 200, False
    if request.method == "POST":
        if errors.is_bot:
            logger.info("Dropped a %s post that filled in the hidden field.", scope)
            return redirect(done)
        status = 400
        if form.is_valid():
            if allow_submission(scope, client_address(request)):
                response = send()
                if response is not None:
                    return response
            else:
                status, rate_limited = 429, True
    page = {
        "form": form,
        "bundle": errors,
        "rate_limited": rate_limited,
        "limit_per_hour": settings.WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR,
        **(context or {}),
    }
    return render(request, template, page, status=status)
