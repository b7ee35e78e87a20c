"""The iJw message pages: the list (with filters), one message with its rules, return
codes and content, placing a request for allocation, and writing the outbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.views import add_refusal
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links

from . import services
from .codes import describe, from_message
from .forms import MessageFilterForm, PlacementForm
from .models import Message
from .outbox import outbox_folder, write_pending
from .queries import filtered, may_read_content, message_detail, messages_visible_to, pending_count


def described(codes) -> list[tuple[str, str]]:
    """Return codes with their national description."""
    return [(code, describe("WJ001", from_message("WJ001", code))) for code in codes]


@login_required
@permission_required("ijw.view_message", raise_exception=True)
def message_list(request):
    form = MessageFilterForm(request.GET or None)
    options = form.cleaned_data if form.is_valid() else {}
    provider = request.GET.get("aanbieder", "")
    queryset = filtered(
        messages_visible_to(request.user),
        kind=options.get("kind", ""),
        show=options.get("show", ""),
        provider=int(provider) if provider.isdigit() else None,
    ).select_related("provider", "case")
    page = keyset_page(
        queryset,
        ["-created_at", "-pk"],
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
    )
    log_read(request, page.items)
    return render(
        request,
        "ijw/message_list.html",
        {
            "form": form,
            "rows": page.items,
            "links": page_links(request, page),
            "pending": pending_count(),
            "outbox_configured": outbox_folder() is not None,
        },
    )


def _message(request, pk: int) -> Message:
    try:
        return message_detail(request.user, pk)
    except Message.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@permission_required("ijw.view_message", raise_exception=True)
def message(request, pk: int):
    record = _message(request, pk)
    content = may_read_content(request.user, record)
    log_read(request, [record, *([record.case] if record.case_id and content else [])])
    return render(
        request,
        "ijw/message_detail.html",
        {
            "message": record,
            "codes": described(record.return_codes),
            "product_codes": [
                (number, described(codes))
                for number, codes in sorted(record.product_return_codes.items())
            ],
            "content": record.xml if content else None,
            "may_place": record.awaiting_placement and request.user.has_perm("ijw.place_request"),
        },
    )


@login_required
@permission_required("ijw.place_request", raise_exception=True)
def place(request, pk: int):
    """Place a request for allocation for someone not yet known with a team."""
    record = _message(request, pk)
    if not record.awaiting_placement:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = PlacementForm(data, initial={"version": record.version})
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                intake = services.place_request(
                    AuditContext.from_request(request),
                    record,
                    postcode=form.cleaned_data["postcode"],
                    house_number=form.cleaned_data["house_number"],
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(
                    form,
                    refusal,
                    {
                        "postcode_invalid": "postcode",
                        "postcode_outside_municipality": "postcode",
                        "district_without_team": "postcode",
                        "house_number_missing": "house_number",
                    },
                )
            else:
                messages.success(
                    request,
                    _("Registration %(reference)s is in the queue of %(team)s.")
                    % {"reference": intake.reference, "team": intake.case.team},
                )
                return redirect("ijw:message", record.pk)
    log_read(request, record)
    return render(
        request,
        "ijw/place.html",
        {"message": record, "form": form, "content": record.xml},
        status=status,
    )


@login_required
@permission_required("ijw.write_outbox", raise_exception=True)
def outbox(request):
    """Write the messages still waiting to the outbox folder (as `manage.py ijw_outbox`)."""
    if request.method == "POST":
        result = write_pending()
        if result.failed:
            messages.error(
                request,
                _("%(count)d messages could not be written; see the log.")
                % {"count": result.failed},
            )
        messages.success(
            request,
            _("%(written)d written to the outbox; %(waiting)d waiting.")
            % {"written": result.written, "waiting": result.waiting},
        )
        return redirect("ijw:outbox")
    return render(
        request,
        "ijw/outbox.html",
        {"pending": pending_count(), "outbox_configured": outbox_folder() is not None},
    )
