"""The CE tracker's records: credit earned elsewhere, where each credit's hours count, and which
certificates a person has already sorted out themselves."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q

from certificates.models import Certificate
from credit.tracker.types import CreditFormat
from licensing.models import ApprovalBody, CECategory, UserLicense
from tracker.storage import private_storage

FORMAT_CHOICES = [
    (CreditFormat.IN_PERSON.value, "In person"),
    (CreditFormat.LIVE_ONLINE.value, "Live online (interactive)"),
    (CreditFormat.SELF_STUDY.value, "Self-study or on-demand"),
    (CreditFormat.OTHER.value, "Other (exam, teaching, academic)"),
]


def outside_credit_folder(user_id: int) -> str:
    """The private-storage folder that holds one person's uploads, and nothing else."""
    return f"outside-credit/{user_id}"


def outside_credit_path(instance: OutsideCredit, filename: str) -> str:
    # A random name: the person's own file name may carry personal details and is kept in
    # `original_filename` for downloads only.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"{outside_credit_folder(instance.user_id)}/{secrets.token_hex(16)}{suffix}"


class OutsideCredit(models.Model):
    """CE a person earned from another provider, with the certificate they uploaded."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outside_credits"
    )
    title = models.CharField("course title", max_length=200)
    provider = models.CharField("provider", max_length=200)
    approval_body = models.ForeignKey(
        ApprovalBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="approved by",
    )
    approval_body_other = models.CharField(
        "approved by (not in the list)", max_length=200, blank=True
    )
    completed_on = models.DateField("date completed")
    hours = models.DecimalField("CE hours", max_digits=5, decimal_places=2)
    format = models.CharField(max_length=20, choices=FORMAT_CHOICES)
    categories = models.ManyToManyField(
        CECategory, blank=True, related_name="+", verbose_name="CE categories"
    )
    file = models.FileField(upload_to=outside_credit_path, storage=private_storage, max_length=300)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="outside_credit_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    @property
    def approval_label(self) -> str:
        if self.approval_body is not None:
            return self.approval_body.name
        return self.approval_body_other


class CreditAssignment(models.Model):
    """Hours of one certificate or outside credit counted toward one license, in one category
    (no category: general hours)."""

    user_license = models.ForeignKey(
        UserLicense, on_delete=models.CASCADE, related_name="credit_assignments"
    )
    certificate = models.ForeignKey(
        Certificate,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="credit_assignments",
    )
    outside_credit = models.ForeignKey(
        OutsideCredit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    category = models.ForeignKey(
        CECategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["user_license", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="assignment_hours_positive"),
            models.CheckConstraint(
                condition=(
                    Q(certificate__isnull=False, outside_credit__isnull=True)
                    | Q(certificate__isnull=True, outside_credit__isnull=False)
                ),
                name="assignment_of_one_credit",
            ),
            models.UniqueConstraint(
                fields=["user_license", "certificate", "category"],
                condition=Q(certificate__isnull=False, category__isnull=False),
                name="one_certificate_row_per_category",
            ),
            # NULL never equals NULL in a unique index: general hours need their own.
            models.UniqueConstraint(
                fields=["user_license", "certificate"],
                condition=Q(certificate__isnull=False, category__isnull=True),
                name="one_certificate_general_row",
            ),
            models.UniqueConstraint(
                fields=["user_license", "outside_credit", "category"],
                condition=Q(outside_credit__isnull=False, category__isnull=False),
                name="one_outside_row_per_category",
            ),
            models.UniqueConstraint(
                fields=["user_license", "outside_credit"],
                condition=Q(outside_credit__isnull=False, category__isnull=True),
                name="one_outside_general_row",
            ),
        ]

    def __str__(self) -> str:
        category = self.category.name if self.category is not None else "general"
        return f"{self.hours} h to {self.user_license} ({category})"


class ReviewedCertificate(models.Model):
    """A certificate whose assignment the person saved themselves, even as "nowhere".

    Keyed by the certificate number (shared by corrected versions), so the tracker's automatic
    pre-fill never brings back assignments the person deliberately removed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(max_length=30)
    reviewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "number"], name="reviewed_once_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} reviewed"
