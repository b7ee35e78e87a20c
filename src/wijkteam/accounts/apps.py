from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkteam.accounts"
    label = "accounts"
    verbose_name = _("Staff and teams")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="accounts-sync-roles")


def _sync_roles(sender, using="default", **kwargs) -> None:
    # Runs after every app's migrations; only the last call matters, each is idempotent.
    from .roles import sync_role_groups

    sync_role_groups(using=using)
