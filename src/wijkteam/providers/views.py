"""The provider pages: the catalogue (providers, what each is contracted for, the
profiles), CSV export and import, and per provider its recent iJw messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.audit.models import AuditPurpose
from wijkteam.cases.views import add_refusal
from wijkteam.core.errors import RuleViolation
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links
from wijkteam.ijw.queries import messages_visible_to

from . import services
from .forms import CatalogueImportForm
from .models import Profile, Provider
from .queries import products_of, providers_with_counts

VIEW = "providers.view_provider"
MANAGE = "providers.manage_catalogue"
RECENT_MESSAGES = 25


@login_required
@permission_required(VIEW, raise_exception=True)
def provider_list(request):
    page = keyset_page(
        providers_with_counts(),
        ["name", "pk"],
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
    )
    return render(
        request,
        "providers/provider_list.html",
        {
            "rows": page.items,
            "links": page_links(request, page),
            "profiles": list(Profile.objects.all()),
            "may_manage": request.user.has_perm(MANAGE),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def provider_detail(request, pk: int):
    try:
        provider = Provider.objects.get(pk=pk)
    except Provider.DoesNotExist as exc:
        raise Http404 from exc
    recent = []
    if request.user.has_perm("ijw.view_message"):
        recent = list(
            messages_visible_to(request.user)
            .filter(provider=provider)
            .select_related("case")
            .order_by("-created_at", "-pk")[:RECENT_MESSAGES]
        )
        log_read(request, recent)
    return render(
        request,
        "providers/provider_detail.html",
        {"provider": provider, "products": products_of(provider), "recent": recent},
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def export(request):
    response = HttpResponse(services.export_catalogue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aanbieders.csv"'
    return response


@login_required
@permission_required(MANAGE, raise_exception=True)
def import_view(request):
    data = request.POST if request.method == "POST" else None
    form = CatalogueImportForm(data, request.FILES if data is not None else None)
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                summary = services.import_catalogue(
                    AuditContext.from_request(request, AuditPurpose.ADMINISTRATION),
                    form.cleaned_data["file"],
                )
            except RuleViolation as refusal:
                add_refusal(form, refusal, {}, "file")
            else:
                messages.success(
                    request,
                    _(
                        "Imported: %(new_providers)d new and %(old_providers)d changed "
                        "providers, %(new_products)d new and %(old_products)d changed products."
                    )
                    % {
                        "new_providers": summary.providers_created,
                        "old_providers": summary.providers_updated,
                        "new_products": summary.products_created,
                        "old_products": summary.products_updated,
                    },
                )
                return redirect("providers:provider_list")
    return render(request, "providers/import.html", {"form": form}, status=status)
