from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "wijkteam.privacy"
    verbose_name = _("Privacy: retention and subject access")

    def ready(self):
        from . import sections
        from .subject_access import register_section

        for source in (
            sections.child_voice,
            sections.life_domains,
            sections.safety_about_you,
            sections.plan_goals,
            sections.decisions,
            sections.withheld,
        ):
            register_section(source)
