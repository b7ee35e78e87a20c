"""Reads of the community offers: searchable by every casework role."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import CommunityOffer

OFFER_ORDER = ("name", "pk")


@dataclass(frozen=True)
class OfferSearch:
    text: str = ""
    category: str = ""
    district_id: int | None = None
    age: int | None = None


def offers_visible_to(user) -> QuerySet[CommunityOffer]:
    if not (user.is_authenticated and user.has_perm("catalogue.view_communityoffer")):
        return CommunityOffer.objects.none()
    return CommunityOffer.objects.filter(active=True)


def search_offers(user, search: OfferSearch) -> QuerySet[CommunityOffer]:
    """Active offers matching the words (name, organisation, what it offers, target group),
    the kind, the district (or the whole municipality) and the age."""
    offers = offers_visible_to(user)
    for word in search.text.split()[:5]:
        offers = offers.filter(
            Q(name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(description__icontains=word)
            | Q(target_group__icontains=word)
        )
    if search.category:
        offers = offers.filter(category=search.category)
    if search.district_id is not None:
        whole_municipality = ~Q(
            pk__in=CommunityOffer.districts.through.objects.values("communityoffer_id")
        )
        offers = offers.filter(Q(districts__id=search.district_id) | whole_municipality)
    if search.age is not None:
        offers = offers.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=search.age),
            Q(max_age__isnull=True) | Q(max_age__gte=search.age),
        )
    return offers.distinct() if search.district_id is not None else offers
