"""Start and stop of care, as the provider reported them, on the case timeline."""

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkteam.allocation.models import Decision
from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import CareDelivery


@register_timeline_source
def delivery_timeline(where: Q) -> list[TimelineItem]:
    items = []
    deliveries = CareDelivery.objects.filter(
        decision__in=Decision.objects.filter(where), removed=False
    ).select_related(
        "decision__case", "decision__product__provider", "start_message", "stop_message"
    )
    for delivery in deliveries:
        decision = delivery.decision
        values = {"provider": decision.product.provider.name, "reference": decision.reference}
        items.append(
            TimelineItem(
                delivery.start_message.created_at,
                _("care started"),
                None,
                _("%(provider)s started the care of %(reference)s on %(date)s.")
                % {**values, "date": delivery.started_on.strftime("%d-%m-%Y")},
                case=decision.case,
            )
        )
        if delivery.stopped_on and delivery.stop_message:
            items.append(
                TimelineItem(
                    delivery.stop_message.created_at,
                    _("care stopped"),
                    None,
                    _("%(provider)s stopped the care of %(reference)s on %(date)s: %(reason)s")
                    % {
                        **values,
                        "date": delivery.stopped_on.strftime("%d-%m-%Y"),
                        "reason": delivery.get_closure_reason_display(),
                    },
                    case=decision.case,
                )
            )
    return items
