"""The attendee's evaluation form, built from the questions snapshotted into their evaluation.

The form only collects and checks what was typed; `submit_evaluation` decides. Its refusals
come back as DomainErrors and are shown next to the question or choice they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms

from core.errors import DomainError
from evaluations.models import MULTIPLE, RATING, SINGLE, TEXT, Evaluation
from events.license_fit import event_verdict
from events.models import Event
from licensing.acceptance import UNKNOWN, BodyVerdict
from licensing.models import CECategory, UserLicense

ATTESTATION = (
    "I attended this event in its entirety, under my own name, and did not view it as a group"
)
RATINGS = [(str(value), str(value)) for value in range(1, 6)]
REQUIRED_MESSAGE = "Answer this question: it is required."
# Refusals of the service that belong next to one of the form's own fields, whatever field
# they name; question-level refusals name the question's key.
CODE_FIELDS = {
    "attestation_required": "attested",
    "license_not_yours": "license",
    "category_not_on_event": "category",
}
QUESTION_PREFIX = "q-"


def question_field_name(key: str) -> str:
    # Prefixed, so that no template question code can collide with the form's own fields.
    return f"{QUESTION_PREFIX}{key}"


class LicenseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: UserLicense) -> str:
        return f"{obj.license_type.label} — {obj.license_type.name} (no. {obj.number})"


def _license_verdicts(evaluation: Evaluation) -> list[tuple[UserLicense, BodyVerdict]]:
    """Each of the person's licenses with whether the event's approvals count for it."""
    event = Event.objects.prefetch_related("approvals__body").get(pk=evaluation.event_id)
    licenses = (
        UserLicense.objects.filter(user=evaluation.registration.user)
        .select_related("license_type__board")
        .prefetch_related("license_type__accepted_bodies")
        .order_by("pk")
    )
    return [(license, event_verdict(event, license)) for license in licenses]


def _question_field(question: dict[str, Any]) -> forms.Field:
    required = bool(question.get("required"))
    common = {
        "label": question["text"],
        "help_text": question.get("help_text", ""),
        "required": required,
        "error_messages": {"required": REQUIRED_MESSAGE},
    }
    kind = question["kind"]
    if kind == RATING:
        return forms.TypedChoiceField(
            choices=RATINGS, coerce=int, widget=forms.RadioSelect, **common
        )
    choices = [(choice, choice) for choice in question.get("choices", [])]
    if kind == SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == TEXT:
        return forms.CharField(
            max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), strip=True, **common
        )
    raise ValueError(f"Unknown question kind {kind!r}")


class EvaluationForm(forms.Form):
    """One field per snapshot question (named "q-<key>"), then the attestation and the
    optional assignment of the credit to one of the person's licenses and a category."""

    attested = forms.BooleanField(
        label=ATTESTATION,
        error_messages={
            "required": "Confirm that you attended the entire event under your own name: "
            "the certificate depends on it."
        },
    )

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.evaluation = evaluation
        self.questions: list[dict[str, Any]] = list(evaluation.questions)
        for question in self.questions:
            self.fields[question_field_name(question["key"])] = _question_field(question)
        # The attestation and assignment come after the questions, as on the page.
        self.fields["attested"] = self.fields.pop("attested")
        user = evaluation.registration.user
        judged = _license_verdicts(evaluation)
        # A license the event's approvals do not count for is never offered; choosing it
        # anyway (a crafted form) is refused in clean_license with the board's reason.
        self.refused = {license.pk: answer for license, answer in judged if not answer.recordable}
        license_field = LicenseChoiceField(
            label="Assign these hours to a license",
            queryset=UserLicense.objects.filter(user=user).select_related("license_type"),
            required=False,
            empty_label="Don't assign now",
        )
        license_field.choices = [
            ("", license_field.empty_label),
            *(
                (license.pk, self._license_label(license_field, license, answer))
                for license, answer in judged
                if answer.recordable
            ),
        ]
        if self.refused:
            license_field.help_text = " ".join(
                f"This event does not count for your {answer.reason}"
                for answer in self.refused.values()
            )
        self.fields["license"] = license_field
        self.fields["category"] = forms.ModelChoiceField(
            label="CE category",
            queryset=CECategory.objects.filter(events=evaluation.event),
            required=False,
            empty_label="General / decide later",
            error_messages={
                "invalid_choice": "Choose one of this event's CE categories, or decide later."
            },
        )

    @staticmethod
    def _license_label(field: LicenseChoiceField, license: UserLicense, answer: BodyVerdict) -> str:
        label = field.label_from_instance(license)
        if answer.standing == UNKNOWN:
            return f"{label} — not confirmed, check with your board"
        return label

    def clean_license(self) -> UserLicense | None:
        license = self.cleaned_data.get("license")
        if license is not None and license.pk in self.refused:
            raise forms.ValidationError(self.refused[license.pk].reason)
        return license

    def question_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [
            (question, self[question_field_name(question["key"])]) for question in self.questions
        ]

    def answers(self) -> dict[str, object]:
        """Answers in the service's terms; optional questions left empty are not answers."""
        answers: dict[str, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question["key"]))
            if value in (None, "", []):
                continue
            answers[question["key"]] = list(value) if question["kind"] == MULTIPLE else value
        return answers

    def _field_for(self, problem: DomainError) -> str | None:
        field = CODE_FIELDS.get(problem.code)
        if field is None and problem.field:
            field = question_field_name(problem.field)
        return field if field in self.fields else None

    def show_domain_error(self, exc: DomainError) -> bool:
        """Put each of the service's refusals next to its field (a SubmissionRefused lists them
        all); False when the refusal concerns no field, e.g. the deadline passed."""
        problems = getattr(exc, "problems", None) or [exc]
        placed = [(self._field_for(problem), problem) for problem in problems]
        if any(field is None for field, _ in placed):
            return False
        for field, problem in placed:
            self.add_error(field, problem.message)
        return True
