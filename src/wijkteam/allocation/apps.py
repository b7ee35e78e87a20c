from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "wijkteam.allocation"
    label = "allocation"
    verbose_name = _("Allocation of youth care")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds weighings and decisions to the timeline)
