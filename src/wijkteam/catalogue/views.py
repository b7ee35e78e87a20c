"""The community offers (sociale basis): a searchable list and one offer. No personal
data: the catalogue describes offers, not families."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render

from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links

from .forms import OfferSearchForm
from .queries import OFFER_ORDER, offers_visible_to, search_offers

VIEW = "catalogue.view_communityoffer"
PAGE_SIZE = 25


def _plan_id(request) -> int | None:
    """A worker who came from a plan's referral page goes back to it from an offer."""
    value = request.GET.get("plan", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


@login_required
@permission_required(VIEW, raise_exception=True)
def offer_list(request):
    form = OfferSearchForm(request.GET or None)
    page = keyset_page(
        search_offers(request.user, form.search()).prefetch_related("districts"),
        OFFER_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    return render(
        request,
        "catalogue/offer_list.html",
        {
            "form": form,
            "offers": page.items,
            "links": page_links(request, page),
            "plan_id": _plan_id(request),
            "searched": form.is_bound,
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def offer_detail(request, pk: int):
    offer = get_object_or_404(offers_visible_to(request.user).prefetch_related("districts"), pk=pk)
    return render(
        request, "catalogue/offer_detail.html", {"offer": offer, "plan_id": _plan_id(request)}
    )
