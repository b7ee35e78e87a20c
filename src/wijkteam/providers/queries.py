"""Reads of the catalogue. Providers and products are not personal data; the messages
listed per provider are (they are about clients) and go through the iJw queries."""

from django.db.models import Count, Q, QuerySet

from .models import ContractedProduct, Provider


def contracted_products() -> list[ContractedProduct]:
    """Every product a contracted provider is contracted for, for the decision form."""
    return list(
        ContractedProduct.objects.filter(active=True, provider__active=True)
        .select_related("provider", "profile")
        .order_by("provider__name", "category", "product_code", "pk")
    )


def providers_with_counts() -> QuerySet[Provider]:
    """Providers, each with the number of products it is contracted for."""
    return Provider.objects.annotate(
        product_count=Count("products", filter=Q(products__active=True))
    )


def provider_detail(pk: int) -> Provider:
    return Provider.objects.get(pk=pk)


def products_of(provider: Provider) -> list[ContractedProduct]:
    return list(provider.products.select_related("profile").order_by("category", "product_code"))
