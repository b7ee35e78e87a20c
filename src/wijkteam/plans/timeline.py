"""The plan's records on the case timeline: the plans first, then one query per kind of
record on them (none when the case or family has no plan, which most have not)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import (
    CommunityReferral,
    Escalation,
    Evaluation,
    OwnSupport,
    PlanAgreement,
    SupportPlan,
)


@register_timeline_source
def plan_timeline(where: Q) -> list[TimelineItem]:
    plans = list(SupportPlan.objects.filter(where).select_related("created_by", "case"))
    items = [
        TimelineItem(
            plan.created_at, _("support plan"), plan.created_by, _("Plan started."), case=plan.case
        )
        for plan in plans
    ]
    if not plans:
        return items
    # A family has a few plans: their ids, not the plans' query again in each query below.
    by_id = {plan.pk: plan for plan in plans}
    ids = list(by_id)
    for agreement in PlanAgreement.objects.filter(version__plan_id__in=ids).select_related(
        "version", "recorded_by"
    ):
        agreement.version.plan = by_id[agreement.version.plan_id]
        items.append(
            TimelineItem(
                agreement.recorded_at,
                _("support plan"),
                agreement.recorded_by,
                _("Version %(number)d agreed with the family (%(how)s).")
                % {"number": agreement.version.number, "how": agreement.get_how_display()},
                case=agreement.version.plan.case,
            )
        )
    for evaluation in Evaluation.objects.filter(plan_id__in=ids).select_related("recorded_by"):
        evaluation.plan = by_id[evaluation.plan_id]
        text = _("%(kind)s: %(decision)s.") % {
            "kind": evaluation.get_kind_display(),
            "decision": evaluation.get_decision_display(),
        }
        if not evaluation.team_present:
            text += " " + _("The team was not present.")
        items.append(
            TimelineItem(
                evaluation.recorded_at,
                _("evaluation"),
                evaluation.recorded_by,
                text,
                case=evaluation.plan.case,
            )
        )
    for escalation in Escalation.objects.filter(plan_id__in=ids).select_related(
        "raised_by", "resolved_by"
    ):
        escalation.plan = by_id[escalation.plan_id]
        items.append(
            TimelineItem(
                escalation.raised_at,
                _("escalation"),
                escalation.raised_by,
                escalation.stuck,
                case=escalation.plan.case,
            )
        )
        if escalation.resolved_at:
            items.append(
                TimelineItem(
                    escalation.resolved_at,
                    _("escalation resolved"),
                    escalation.resolved_by,
                    escalation.resolution,
                    case=escalation.plan.case,
                )
            )
    for referral in CommunityReferral.objects.filter(plan_id__in=ids).select_related(
        "recorded_by", "offer", "person"
    ):
        referral.plan = by_id[referral.plan_id]
        items.append(
            TimelineItem(
                referral.recorded_at,
                _("referral to a community offer"),
                referral.recorded_by,
                _("%(name)s referred to %(offer)s.")
                % {"name": referral.person.given_names, "offer": referral.offer.name},
                case=referral.plan.case,
            )
        )
    for support in OwnSupport.objects.filter(plan_id__in=ids).select_related("recorded_by"):
        support.plan = by_id[support.plan_id]
        items.append(
            TimelineItem(
                support.recorded_at,
                _("own support"),
                support.recorded_by,
                f"{support.get_kind_display()}: {support.description}",
                case=support.plan.case,
            )
        )
    return items
