from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "wijkteam.assessment"
    label = "assessment"
    verbose_name = _("Question clarification and assessment")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (adds the app's records to the case timeline)

        post_migrate.connect(_install_defaults, sender=self, dispatch_uid="assessment-defaults")


def _install_defaults(sender, using="default", **kwargs) -> None:
    # The data migration seeds the instrument; a flush (in tests) empties it again.
    from .defaults import install_life_domains
    from .models import LifeDomain, LifeDomainLevel

    if LifeDomain._meta.db_table in connections[using].introspection.table_names():
        install_life_domains(LifeDomainLevel, LifeDomain)
