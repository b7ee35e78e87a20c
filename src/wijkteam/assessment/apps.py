from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "wijkteam.assessment"
    label = "assessment"
    verbose_name = _("Question clarification and assessment")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds the app's records to the case timeline)
