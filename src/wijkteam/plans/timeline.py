"""The plan's records on the case timeline (one query per kind of record)."""

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
    plans = SupportPlan.objects.filter(where)
    items = [
        TimelineItem(
            plan.created_at, _("support plan"), plan.created_by, _("Plan started."), case=plan.case
        )
        for plan in plans.select_related("created_by", "case")
    ]
    for agreement in PlanAgreement.objects.filter(version__plan__in=plans).select_related(
        "version__plan__case", "recorded_by"
    ):
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
    for evaluation in Evaluation.objects.filter(plan__in=plans).select_related(
        "plan__case", "recorded_by"
    ):
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
    for escalation in Escalation.objects.filter(plan__in=plans).select_related(
        "plan__case", "raised_by", "resolved_by"
    ):
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
    for referral in CommunityReferral.objects.filter(plan__in=plans).select_related(
        "plan__case", "recorded_by", "offer", "person"
    ):
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
    for support in OwnSupport.objects.filter(plan__in=plans).select_related(
        "plan__case", "recorded_by"
    ):
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
