"""Licenses: the boards, license types and approval bodies, the researched renewal rules with
their sources, and the licenses each person holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models

VERIFIED = "verified"
UNVERIFIED = "unverified"
STATUS_CHOICES = [
    (VERIFIED, "Verified against the board's own text"),
    (UNVERIFIED, "Unverified: check with your board"),
]


class Profession(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApprovalBody(models.Model):
    """An accreditor, board or association whose approval makes a CE program count."""

    ACCREDITOR = "accreditor"
    STATE_BOARD = "state_board"
    ASSOCIATION = "association"
    KIND_CHOICES = [
        (ACCREDITOR, "National accreditor"),
        (STATE_BOARD, "State board"),
        (ASSOCIATION, "Professional association"),
    ]

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    professions = models.ManyToManyField(Profession, blank=True, related_name="approval_bodies")
    aliases = models.JSONField(default=list, blank=True)
    statement = models.TextField(
        blank=True, help_text="The approval statement a provider prints; {provider}, {number}."
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "approval bodies"

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.code.replace("_", " ")


class CECategory(models.Model):
    """A CE subject area. One vocabulary for events and for board requirements."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    requirement_codes = models.JSONField(
        default=list, blank=True, help_text="Category codes in the board rules this one satisfies."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "CE category"
        verbose_name_plural = "CE categories"

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    code = models.CharField(max_length=40, unique=True)
    state = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=200)
    rule_prefixes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["state", "name"]

    def __str__(self) -> str:
        return self.name


class LicenseType(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="license_types")
    state = models.CharField(max_length=2, db_index=True)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="+")
    accepted_bodies = models.ManyToManyField(
        ApprovalBody, blank=True, related_name="accepting_license_types"
    )
    acceptance_rules = models.JSONField(default=list, blank=True)
    acceptance_status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=UNVERIFIED)
    rules = models.ManyToManyField("RequirementRule", blank=True, related_name="license_types")

    class Meta:
        ordering = ["state", "code"]
        constraints = [
            models.UniqueConstraint(fields=["state", "code"], name="license_type_unique_in_state")
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.code} — {self.name}"

    @property
    def label(self) -> str:
        return f"{self.state} {self.code}"


class RequirementRule(models.Model):
    """One researched board or accreditor rule, stored as published in the data file.

    `value` keeps the rule's own structure untouched; the CE Tracker interprets it. The
    provenance fields travel with it so a person can always see where a rule came from.
    """

    rule_id = models.CharField(max_length=80, unique=True)
    state = models.CharField(max_length=20, db_index=True)
    licenses = models.JSONField(default=list)
    kind = models.CharField(max_length=40, db_index=True)
    value = models.JSONField(null=True, blank=True)
    source_url = models.URLField(
        max_length=600,
        help_text="For a verified rule, the official text (board, statute or regulation) at "
        "its official address.",
    )
    citation = models.CharField(
        max_length=300,
        blank=True,
        help_text="The board's own law the rule rests on, e.g. “Cal. Code Regs. tit. 16, "
        "§ 1887.3”. Printed on audit transcripts; required when verified.",
    )
    as_of = models.CharField(max_length=120, help_text="As stated by the source.")
    as_of_date = models.DateField(null=True, blank=True, help_text="When `as_of` names a date.")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES)
    evidence = models.CharField(max_length=60, blank=True)
    note = models.TextField(blank=True)
    admin_note = models.TextField(
        blank=True,
        help_text="Research leads and secondary sources (CE vendors, mirrors, associations). "
        "Staff only: never shown to licensees or printed for a board.",
    )
    dataset_compiled = models.DateField(null=True, blank=True)
    effective_from = models.DateField(
        null=True, blank=True, help_text="First renewal date this rule applies to (empty: always)."
    )
    effective_to = models.DateField(
        null=True,
        blank=True,
        help_text="Last renewal date this rule applies to; set it when a new version replaces it.",
    )
    edited_in_admin = models.BooleanField(
        default=False,
        help_text="Changed by staff: reloading the researched data file leaves this rule alone.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule_id"]

    def __str__(self) -> str:
        return self.rule_id

    @property
    def is_verified(self) -> bool:
        return self.status == VERIFIED

    def in_force_on(self, day) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


class UserLicense(models.Model):
    """A state-issued license a person holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="licenses"
    )
    license_type = models.ForeignKey(LicenseType, on_delete=models.PROTECT, related_name="+")
    number = models.CharField("license number", max_length=40)
    expires_on = models.DateField("expiration or renewal date", null=True, blank=True)
    issued_on = models.DateField(
        "date first licensed",
        null=True,
        blank=True,
        help_text="Tells whether this is your first renewal and places cycles anchored to it.",
    )
    conditions = models.JSONField(
        default=list,
        blank=True,
        help_text="Situations that add requirements, e.g. supervising (see the tracker).",
    )
    carry_in_hours = models.DecimalField(
        "hours carried over from your last cycle",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="Only where your board allows carrying hours forward.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["license_type__state", "license_type__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "license_type"], name="one_license_per_type_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.license_type.label} #{self.number}"

    @property
    def number_last4(self) -> str:
        return self.number[-4:]
