"""The append-only audit log of every read and change of personal data (NEN 7513)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    SEARCH = "search", _("searched")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    LOGIN = "login", _("signed in")
    LOGIN_FAILED = "login_failed", _("failed sign-in")
    LOGOUT = "logout", _("signed out")


class AuditPurpose(models.TextChoices):
    CASEWORK = "casework", _("Carrying out the youth-care task")
    SUPERVISION = "supervision", _("Supervision by the team lead")
    AUDIT_REVIEW = "audit_review", _("Review of the audit log")
    ADMINISTRATION = "administration", _("Functional administration")
    SECURITY = "security", _("Security of the service")
    SUBJECT_ACCESS = "subject_access", _("Answering a resident's request to see their data")
    RETENTION = "retention", _("Destruction after the retention period")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which record, when, why and from where.

    Holds identifiers only, never the personal data itself. On PostgreSQL a trigger
    refuses UPDATE and DELETE (migration 0002); in Python the model refuses them too.
    """

    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # A plain id, not a foreign key: the trail must outlive any account.
    actor_id = models.BigIntegerField(_("who (id)"), null=True, blank=True)
    actor_username = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("kind of record"), max_length=100)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=30, choices=AuditPurpose.choices)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(
                fields=["object_type", "object_id", "-occurred_at"], name="audit_object_idx"
            ),
            models.Index(fields=["actor_id", "-occurred_at"], name="audit_actor_idx"),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


AUDIT_TABLE = AuditEntry._meta.db_table
ACTOR_MODEL = settings.AUTH_USER_MODEL
