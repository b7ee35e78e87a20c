"""Assessment records on the case timeline (one query per kind of record)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import ChildVoice, ExplanatoryAnalysis, ExplanatoryAnalysisVersion


@register_timeline_source
def assessment_timeline(where: Q) -> list[TimelineItem]:
    items = []
    for voice in ChildVoice.objects.filter(where).select_related("recorded_by", "child", "case"):
        if voice.spoken_to:
            text = _("%(name)s was spoken to (%(how)s).") % {
                "name": voice.child.given_names,
                "how": voice.get_setting_display(),
            }
        else:
            text = _("%(name)s was not spoken to: %(reason)s.") % {
                "name": voice.child.given_names,
                "reason": voice.get_reason_display(),
            }
        items.append(
            TimelineItem(
                voice.recorded_at, _("the child's voice"), voice.recorded_by, text, case=voice.case
            )
        )
    analyses = ExplanatoryAnalysis.objects.filter(where)
    for version in ExplanatoryAnalysisVersion.objects.filter(analysis__in=analyses).select_related(
        "written_by", "analysis__case"
    ):
        items.append(
            TimelineItem(
                version.written_at,
                _("explanatory analysis"),
                version.written_by,
                _("Version %(number)d.") % {"number": version.number},
                case=version.analysis.case,
            )
        )
    return items
