"""Weighings and decisions on the case timeline (one query per kind of record)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import Decision, DecisionStatus, Weighing


@register_timeline_source
def allocation_timeline(where: Q) -> list[TimelineItem]:
    items = []
    for weighing in Weighing.objects.filter(where).select_related("recorded_by", "case"):
        text = _("Intervention level: %(level)s.") % {"level": weighing.get_level_display()}
        if weighing.not_granted_reason:
            text += " " + _("Not granted: %(what)s (%(why)s).") % {
                "what": weighing.not_granted,
                "why": weighing.get_not_granted_reason_display(),
            }
        items.append(
            TimelineItem(
                weighing.recorded_at, _("weighing"), weighing.recorded_by, text, case=weighing.case
            )
        )
    decisions = Decision.objects.filter(where).select_related(
        "case", "created_by", "issued_by", "cosigned_by", "product__provider"
    )
    for decision in decisions:
        what = _("%(reference)s: %(product)s at %(provider)s.") % {
            "reference": decision.reference,
            "product": decision.product.name,
            "provider": decision.product.provider.name,
        }
        items.append(
            TimelineItem(
                decision.created_at,
                _("decision drafted"),
                decision.created_by,
                what,
                case=decision.case,
            )
        )
        if decision.issued_at:
            items.append(
                TimelineItem(
                    decision.issued_at,
                    _("decision issued"),
                    decision.issued_by,
                    what,
                    case=decision.case,
                )
            )
        if decision.closed_at and decision.status in (
            DecisionStatus.ENDED,
            DecisionStatus.WITHDRAWN,
        ):
            items.append(
                TimelineItem(
                    decision.closed_at,
                    _("decision %(status)s") % {"status": decision.get_status_display()},
                    None,
                    f"{what} {decision.closing_note}".strip(),
                    case=decision.case,
                )
            )
    return items
