"""Survey invitations on the case timeline (one query). Complaints are not shown there:
a complaint may be about the case's own worker, and only the complaints officer and the
team lead read it."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.cases.queries import TimelineItem, register_timeline_source

from .models import SurveyInvitation


@register_timeline_source
def survey_timeline(where: Q) -> list[TimelineItem]:
    return [
        TimelineItem(
            invitation.created_at,
            _("client-experience survey offered"),
            invitation.created_by,
            _("At %(occasion)s; the link works until %(date)s.")
            % {
                "occasion": invitation.get_occasion_display(),
                "date": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y"),
            },
            case=invitation.case,
        )
        for invitation in SurveyInvitation.objects.filter(where).select_related(
            "created_by", "case"
        )
    ]
