from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IjwConfig(AppConfig):
    name = "wijkteam.ijw"
    label = "ijw"
    verbose_name = _("iJw messages")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds start and stop of care to the timeline)
