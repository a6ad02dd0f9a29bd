"""Certificates: the record of credit awarded for one submitted evaluation.

What a certificate says lives in `snapshot`, frozen at issuance: renaming an account, editing
an event or losing an approval later never changes a certificate already issued. A correction
is a new version with the same number that supersedes the old one.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.names import LEGAL_NAME_MAX
from evaluations.models import Evaluation
from events.models import Event, Program


def new_verification_code() -> str:
    # 18 random bytes (144 bits): guessing a valid code is hopeless, so the code alone may
    # open the public verification page.
    return secrets.token_urlsafe(18)


class Certificate(models.Model):
    VALID = "valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    STATUS_CHOICES = [(VALID, "Valid"), (REVOKED, "Revoked"), (SUPERSEDED, "Superseded")]

    number = models.CharField(max_length=30, db_index=True)
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    verification_code = models.CharField(max_length=40, unique=True, default=new_verification_code)
    # Versions of one certificate share the evaluation, hence a foreign key.
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="certificates"
    )
    # Deleting an account keeps the certificate: a board may still need to verify it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="certificates")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=VALID)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    snapshot = models.JSONField()
    # The attendance decision whose hours it prints. Not current any more means the event's
    # schedule, hours or attendance changed after issue: staff review such certificates (an
    # issued certificate never changes by itself). Empty for certificates from before.
    decision = models.ForeignKey(
        "attendance.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    ready_email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        permissions = [("manage_certificates", "Can correct and revoke certificates")]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="certificate_version"),
            # Design rule 8: one program earns a person credit once.
            models.UniqueConstraint(
                fields=["user", "program"],
                condition=models.Q(status="valid"),
                name="one_valid_certificate_per_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.number])

    @property
    def verification_path(self) -> str:
        return reverse("certificates:verify", args=[self.verification_code])

    @property
    def is_valid(self) -> bool:
        return self.status == self.VALID

    def current_version(self) -> Certificate:
        """The newest version of this certificate (itself, unless it was corrected)."""
        return Certificate.objects.filter(number=self.number).order_by("-version").first() or self


class NameCorrectionRequest(models.Model):
    """An attendee's request to correct the name printed on a certificate; staff decide.

    Approval re-issues the certificate as a new version; the request keeps pointing at the
    version it asked to correct.
    """

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    STATUS_CHOICES = [(PENDING, "Pending"), (APPROVED, "Approved"), (DECLINED, "Declined")]

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="correction_requests"
    )
    requested_name = models.CharField(max_length=LEGAL_NAME_MAX)
    explanation = models.TextField()
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificate_correction_requests",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate_corrections_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(status="pending"),
                name="one_pending_correction_per_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"Name correction for {self.certificate.number}: {self.requested_name}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.PENDING


class BrandImage(models.Model):
    """An uploaded logo or signature, kept by content hash and never changed or deleted, so a
    certificate issued with it renders the same years later."""

    sha256 = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.content_type} {self.sha256[:12]}"


class Branding(models.Model):
    """What new certificates carry besides the event: the provider's logo and the signatory.
    One row; certificates copy it into their snapshot when they are issued."""

    logo = models.ForeignKey(
        BrandImage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signature = models.ForeignKey(
        BrandImage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "branding"

    def __str__(self) -> str:
        return "Certificate branding"

    @classmethod
    def current(cls) -> Branding:
        branding, _ = cls.objects.get_or_create(pk=1)
        return branding
