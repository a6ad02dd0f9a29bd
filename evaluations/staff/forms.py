"""Staff forms: a template with its questions, an event's evaluation settings, reopening a closed
evaluation, and the date range of the results across events."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from core.forms import LiveRowsFormSet
from evaluations.models import (
    KIND_CHOICES,
    MULTIPLE,
    RATING,
    SINGLE,
    EvaluationTemplate,
    TemplateQuestion,
)

QUESTION_ROWS_EXTRA = 3
DEFAULT_DEADLINE_DAYS = 30
REOPEN_DAYS = 7


def default_deadline_days() -> int:
    return int(getattr(settings, "EVALUATION_DEADLINE_DAYS", DEFAULT_DEADLINE_DAYS))


class TemplateForm(forms.ModelForm):
    make_default = forms.BooleanField(
        label="Make this the default template",
        required=False,
        help_text="The default is used for every event that does not choose a template.",
    )

    class Meta:
        model = EvaluationTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"description": "For staff: when to use this template."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.is_default:
            # The default changes only by making another template the default, so there is
            # always one for events that name none.
            del self.fields["make_default"]


class QuestionForm(forms.Form):
    position = forms.IntegerField(
        min_value=0, required=False, help_text="Questions are asked in this order."
    )
    code = forms.SlugField(
        max_length=60,
        help_text="Stable name for comparing answers across events, e.g. overall-quality.",
    )
    kind = forms.ChoiceField(label="Kind of answer", choices=KIND_CHOICES, initial=RATING)
    text = forms.CharField(
        label="Question", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text = forms.CharField(label="Help text", max_length=300, required=False)
    required = forms.BooleanField(label="An answer is required", required=False, initial=True)
    repeat = forms.ChoiceField(
        label="Asked", choices=TemplateQuestion.REPEAT_CHOICES, initial=TemplateQuestion.ONCE
    )
    choices = forms.CharField(
        label="Choices (one per line)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For single and multiple choice questions.",
    )
    scale_low_label = forms.CharField(
        label="Label of 1", max_length=60, required=False, initial="Strongly disagree"
    )
    scale_high_label = forms.CharField(
        label="Label of 5", max_length=60, required=False, initial="Strongly agree"
    )

    def clean_choices(self) -> list[str]:
        lines = (line.strip() for line in self.cleaned_data["choices"].splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in (SINGLE, MULTIPLE) and len(cleaned.get("choices") or []) < 2:
            self.add_error("choices", "Give at least two choices, one per line.")
        if kind not in (SINGLE, MULTIPLE):
            cleaned["choices"] = []
        return cleaned


class QuestionRowsFormSet(LiveRowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        live = self.live_forms()
        if not live:
            raise ValidationError("A template needs at least one question.")
        seen: set[str] = set()
        for form in live:
            code = form.cleaned_data.get("code")
            if code in seen:
                raise ValidationError(f"The code “{code}” is used twice: each must be unique.")
            seen.add(code)


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=QuestionRowsFormSet, extra=QUESTION_ROWS_EXTRA, can_delete=True
)


class EventSetupForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Evaluation template", queryset=EvaluationTemplate.objects.all(), empty_label=None
    )
    deadline_days = forms.IntegerField(
        label="Days to complete the evaluation",
        min_value=1,
        max_value=365,
        help_text="Counted from when each evaluation is issued.",
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text="Kept in the audit log, e.g. “Emailed on day 31: was in hospital”.",
    )
    days = forms.IntegerField(
        label="Days to complete it", min_value=1, max_value=90, initial=REOPEN_DAYS
    )


class ResultsRangeForm(forms.Form):
    start_from = forms.DateField(
        label="Events starting from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start_to = forms.DateField(
        label="Up to and including",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_to < start_from:
            self.add_error("start_to", "The end of the range must be on or after its start.")
        return cleaned
