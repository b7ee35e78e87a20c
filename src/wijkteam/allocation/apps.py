from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "wijkteam.allocation"
    label = "allocation"
    verbose_name = _("Allocation of youth care")

    def ready(self) -> None:
        from wijkteam.plans.queries import register_decision_period_source

        from . import timeline  # noqa: F401  (adds weighings and decisions to the timeline)
        from .queries import decision_periods_of_cases

        # An evaluation of the family's plan falls due halfway through every decision.
        register_decision_period_source(decision_periods_of_cases)
