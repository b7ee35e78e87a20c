from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "wijkteam.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds the app's records to the case timeline)
