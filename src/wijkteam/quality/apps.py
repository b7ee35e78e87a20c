from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "wijkteam.quality"
    label = "quality"
    verbose_name = _("Complaints and client experience")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (survey invitations on the case timeline)
