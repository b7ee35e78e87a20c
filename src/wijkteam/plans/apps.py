from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "wijkteam.plans"
    label = "plans"
    verbose_name = _("Support plans")

    def ready(self) -> None:
        from wijkteam.cases.services import register_close_guard

        from . import timeline  # noqa: F401  (adds the plan's records to the case timeline)
        from .services import close_requirement

        register_close_guard(close_requirement)
