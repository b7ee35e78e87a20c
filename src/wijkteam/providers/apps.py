from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "wijkteam.providers"
    label = "providers"
    verbose_name = _("Providers and contracted products")

    def ready(self) -> None:
        post_migrate.connect(_install_profiles, sender=self, dispatch_uid="providers-profiles")


def _install_profiles(sender, using="default", **kwargs) -> None:
    # The data migration seeds the profile table; a flush (in tests) empties it again.
    from .defaults import install_profiles
    from .models import Profile

    if Profile._meta.db_table in connections[using].introspection.table_names():
        install_profiles(Profile)
