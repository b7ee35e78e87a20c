from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "wijkteam.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds the app's records to the case timeline)

        post_migrate.connect(_install_default, sender=self, dispatch_uid="safety-defaults")


def _install_default(sender, using="default", **kwargs) -> None:
    # The data migration seeds the instrument; a flush (in tests) empties it again.
    from .defaults import install_risk_instrument
    from .models import RiskAnswerOption, RiskInstrument, RiskItem, RiskLevelBand

    if RiskInstrument._meta.db_table in connections[using].introspection.table_names():
        install_risk_instrument(RiskInstrument, RiskItem, RiskAnswerOption, RiskLevelBand)
