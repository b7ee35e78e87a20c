"""Safety records on the case timeline (one query per kind of record)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import (
    AssessmentStatus,
    CrisisSafetyException,
    SafetyAssessment,
    VeiligThuisReport,
)


@register_timeline_source
def safety_timeline(where: Q) -> list[TimelineItem]:
    items = []
    for exception in CrisisSafetyException.objects.filter(where).select_related(
        "recorded_by", "case"
    ):
        items.append(
            TimelineItem(
                exception.recorded_at,
                _("crisis care without a current safety assessment"),
                exception.recorded_by,
                _("%(reason)s Safety assessment due on %(date)s.")
                % {
                    "reason": exception.reason,
                    "date": exception.assessment_due_on.strftime("%d-%m-%Y"),
                },
                case=exception.case,
            )
        )
    for assessment in SafetyAssessment.objects.filter(where).select_related(
        "assessed_by", "reviewed_by", "case"
    ):
        items.append(
            TimelineItem(
                assessment.recorded_at,
                _("safety assessment"),
                assessment.assessed_by,
                _("Risk level %(level)s; %(status)s.")
                % {
                    "level": assessment.get_risk_level_display(),
                    "status": assessment.get_status_display(),
                },
                case=assessment.case,
            )
        )
        if assessment.status == AssessmentStatus.COMPLETED and assessment.reviewed_at:
            items.append(
                TimelineItem(
                    assessment.reviewed_at,
                    _("safety assessment reviewed"),
                    assessment.reviewed_by,
                    assessment.review_note,
                    case=assessment.case,
                )
            )
    for report in VeiligThuisReport.objects.filter(where).select_related("reported_by", "case"):
        items.append(
            TimelineItem(
                report.recorded_at,
                _("report to Veilig Thuis"),
                report.reported_by,
                report.summary,
                case=report.case,
            )
        )
    return items
