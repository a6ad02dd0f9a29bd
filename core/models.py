"""Cross-cutting records: the audit log and the local mail outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Who did what to which record, when and why.

    The actor's label and the target's label are copied in, so an entry still reads correctly
    after the account or the record it names is gone.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"

    @property
    def action_label(self) -> str:
        """The action in words for staff pages: "event.published" reads "Event published"."""
        words = " ".join(self.action.replace("_", " ").split("."))
        return words[:1].upper() + words[1:]


class OutboxMessage(models.Model):
    """A message the local outbox backend kept instead of sending (development and demos)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    subject = models.CharField(max_length=998)
    from_email = models.CharField(max_length=254)
    to = models.JSONField(default=list)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class WorkerHeartbeat(models.Model):
    """A live task worker. Each worker beats every few seconds and says which task it is
    running; a RUNNING task whose worker stopped beating (killed, out of memory, machine lost)
    is found by the sweeper and run again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)
    current_task_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"worker {self.worker_id} ({self.hostname}:{self.pid})"


class PeriodicJobRun(models.Model):
    """When a periodic job (sweeper, reconciler, alerts) last ran. Workers claim a run with a
    conditional update, so several workers run each job once per interval between them."""

    name = models.CharField(max_length=200, primary_key=True)
    last_started_at = models.DateTimeField()
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.TextField(blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutgoingEmail(models.Model):
    """A message waiting for, or past, delivery. Every email is written here in the
    transaction that decides to send it and delivered by a task with retries, so an SMTP
    outage delays mail but never loses it and never fails the request that sent it."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set by senders that must send a message once only (a registration confirmation);
    # a second message with the same key is not queued.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    message_id = models.CharField(max_length=255)
    subject = models.CharField(max_length=998)
    recipients = models.JSONField(default=list)
    message = models.JSONField()
    task_id = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    # Set while a worker talks to the mail server; a stale value means that worker died.
    sending_since = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoing_email_undelivered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.recipients)}"
