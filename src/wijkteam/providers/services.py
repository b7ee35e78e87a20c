"""Changes to the catalogue: importing it from a CSV file (all or nothing, every problem
named by line) and exporting it in the same format, so a file can go out and come back."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Reason, Verdict

from .models import ContractedProduct, Profile, Provider
from .rules import COLUMNS, csv_safe, read_row

MAX_ROWS = 20_000


@dataclass(frozen=True)
class ImportSummary:
    providers_created: int = 0
    providers_updated: int = 0
    products_created: int = 0
    products_updated: int = 0


def _refuse(problems: list[str]) -> RuleViolation:
    return RuleViolation(
        Verdict(False, tuple(Reason("catalogue_row", problem) for problem in problems[:50]))
    )


@transaction.atomic
def import_catalogue(ctx: AuditContext, text: str) -> ImportSummary:
    """Add or update providers (by AGB code) and their contracted products (by category
    and product code). A file with any problem changes nothing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    missing = [
        column
        for column in ("agb_code", "provider", "category", "product_name")
        if column not in (reader.fieldnames or [])
    ]
    if missing:
        raise _refuse(
            [
                _("The first line must name the columns: %(columns)s.")
                % {"columns": ", ".join(COLUMNS)}
            ]
        )
    profiles = {profile.code: profile for profile in Profile.objects.all()}
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        if line > MAX_ROWS:
            raise _refuse([_("The file has more than %(count)d lines.") % {"count": MAX_ROWS}])
        row, row_problems = read_row(line, raw, set(profiles))
        problems += row_problems
        if row is not None:
            rows.append(row)
    if problems:
        raise _refuse(problems)
    if not rows:
        raise _refuse([_("The file has no rows.")])
    created = {"providers": 0, "products": 0}
    updated = {"providers": 0, "products": 0}
    providers: dict[str, Provider] = {}
    for row in rows:
        provider = providers.get(row.agb_code)
        if provider is None:
            provider, is_new = Provider.objects.update_or_create(
                agb_code=row.agb_code,
                defaults={
                    "name": row.provider,
                    "contact_name": row.contact_name,
                    "phone": row.phone,
                    "email": row.email,
                    "active": True,
                },
            )
            providers[row.agb_code] = provider
            (created if is_new else updated)["providers"] += 1
            log_change(
                ctx,
                provider,
                AuditAction.CREATE if is_new else AuditAction.UPDATE,
                changed_fields=("name", "contact_name", "phone", "email"),
            )
        product, is_new = ContractedProduct.objects.update_or_create(
            provider=provider,
            category=row.category,
            product_code=row.product_code,
            defaults={
                "name": row.product_name,
                "profile": profiles.get(row.profile_code),
                "unit": row.unit,
                "tariff": row.tariff,
                "active": True,
            },
        )
        (created if is_new else updated)["products"] += 1
        log_change(
            ctx,
            product,
            AuditAction.CREATE if is_new else AuditAction.UPDATE,
            changed_fields=("name", "profile", "unit", "tariff"),
        )
    return ImportSummary(
        created["providers"], updated["providers"], created["products"], updated["products"]
    )


def _delimiter(text: str) -> str:
    """A comma, or a semicolon as Dutch spreadsheet programs write CSV."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def export_catalogue() -> str:
    """Every contracted product with its provider, in the import's columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    products = (
        ContractedProduct.objects.filter(active=True)
        .select_related("provider", "profile")
        .order_by("provider__name", "provider__agb_code", "category", "product_code")
    )
    for product in products:
        provider = product.provider
        values = [
            provider.agb_code,
            provider.name,
            provider.contact_name,
            provider.phone,
            provider.email,
            product.category,
            product.product_code,
            product.name,
            product.profile.code if product.profile_id else "",
            product.unit,
            f"{product.tariff:.2f}" if product.tariff is not None else "",
        ]
        writer.writerow([csv_safe(value) for value in values])
    return out.getvalue()
