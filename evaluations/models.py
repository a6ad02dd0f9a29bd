"""Evaluations: the questions staff ask, each eligible attendee's evaluation (with the questions
snapshotted when it was issued) and their answers."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from events.models import Event, Registration
from licensing.models import CECategory, UserLicense

RATING = "rating"
SINGLE = "single"
MULTIPLE = "multiple"
TEXT = "text"
KIND_CHOICES = [
    (RATING, "Rating scale (1–5)"),
    (SINGLE, "Single choice"),
    (MULTIPLE, "Multiple choice"),
    (TEXT, "Free text"),
]


class EvaluationTemplate(models.Model):
    name = models.CharField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    is_default = models.BooleanField(
        default=False, help_text="Used for events that do not name a template."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [("manage_evaluations", "Can manage evaluation templates and read results")]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_template",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateQuestion(models.Model):
    """A question of a template.

    `repeat` turns one question into several at issuance: one per learning objective of the
    event ("I am able to {objective}") or one per presenter ("{presenter} was knowledgeable").
    """

    ONCE = "once"
    PER_OBJECTIVE = "per_objective"
    PER_PRESENTER = "per_presenter"
    REPEAT_CHOICES = [
        (ONCE, "Once"),
        (PER_OBJECTIVE, "Once per learning objective ({objective})"),
        (PER_PRESENTER, "Once per presenter ({presenter})"),
    ]

    template = models.ForeignKey(
        EvaluationTemplate, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(
        max_length=60, help_text="Stable name used to compare answers across events."
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    repeat = models.CharField(max_length=15, choices=REPEAT_CHOICES, default=ONCE)
    choices = models.JSONField(default=list, blank=True)  # for single and multiple choice
    scale_low_label = models.CharField(max_length=60, blank=True, default="Strongly disagree")
    scale_high_label = models.CharField(max_length=60, blank=True, default="Strongly agree")

    class Meta:
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="question_code_unique")
        ]

    def __str__(self) -> str:
        return self.text


class EventEvaluation(models.Model):
    """How one event is evaluated: its template and the deadline after issuance."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="evaluation_setup")
    template = models.ForeignKey(EvaluationTemplate, on_delete=models.PROTECT, related_name="+")
    deadline_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Days attendees have to submit the evaluation after it is issued.",
    )

    def __str__(self) -> str:
        return f"Evaluation of {self.event}"


class Evaluation(models.Model):
    """One eligible registrant's evaluation. Questions are copied in when it is issued, so
    later edits to the template never change what the attendee saw or answered."""

    ISSUED = "issued"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    STATUS_CHOICES = [
        (ISSUED, "Incomplete"),
        (SUBMITTED, "Complete"),
        (WITHDRAWN, "Withdrawn (no longer eligible)"),
    ]

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="evaluation"
    )
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="evaluations")
    template = models.ForeignKey(
        EvaluationTemplate, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    questions = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=ISSUED)
    issued_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    attested = models.BooleanField(default=False)
    assigned_license = models.ForeignKey(
        UserLicense, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_category = models.ForeignKey(
        CECategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # One "sent" mark per message, cleared when the state it announces happens again (a re-issue,
    # a new withdrawal, a new reopening), so a task run twice never sends a second copy.
    issue_email_sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_email_sent_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Evaluation of {self.event} by {self.registration.name}"

    def is_closed(self, now: dt.datetime | None = None) -> bool:
        return self.status == self.ISSUED and (now or timezone.now()) >= self.deadline

    @property
    def display_status(self) -> str:
        """What the attendee sees: incomplete, complete, closed or withdrawn."""
        if self.status == self.ISSUED:
            return "closed" if self.is_closed() else "incomplete"
        return "complete" if self.status == self.SUBMITTED else "withdrawn"


class Answer(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=80)  # the snapshot question's key
    code = models.SlugField(max_length=60)  # the template question's code
    presenter_name = models.CharField(max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "key"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.rating or self.choices or self.text[:40]}"


class ReminderLog(models.Model):
    """A deadline reminder that went out (so a task run twice sends one email)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind", "deadline"], name="evaluation_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.evaluation_id}"
