"""The repeating parts of the event form: breaks, presenters and approvals.

Each row is an ordinary form; blank extra rows are ignored, and a row ticked "Remove" is
dropped. Break times stay wall-clock times here: only the event form knows the zone.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from core.forms import BreakForm, LiveRowsFormSet
from events.models import Presenter
from licensing.models import ApprovalBody, Profession

BREAK_ROWS_EXTRA = 3
PRESENTER_ROWS_EXTRA = 2
APPROVAL_ROWS_EXTRA = 2
YES, NO = "yes", "no"


class PresenterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Presenter) -> str:
        events = ", ".join(sorted({ep.event.title for ep in obj.appearances.all()})[:3])
        return f"{obj} — {events}" if events else f"{obj} — no events yet"


class PresenterForm(forms.Form):
    existing = PresenterChoiceField(
        label="Existing presenter",
        queryset=Presenter.objects.prefetch_related("appearances__event").order_by("name", "pk"),
        required=False,
        empty_label="New presenter: fill in below",
        help_text="Choose someone already on record, or leave this and type a new presenter.",
    )
    name = forms.CharField(max_length=150, required=False, label="New presenter’s name")
    credentials = forms.CharField(max_length=100, required=False, help_text="e.g. PhD, LCSW")
    bio = forms.CharField(
        label="Short bio", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("existing") and not cleaned.get("name") and self.has_changed():
            raise ValidationError("Choose an existing presenter or type a new presenter’s name.")
        return cleaned


class ApprovalBodyField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ApprovalBody) -> str:
        return f"{obj.name} ({obj.label})"


class ApprovalForm(forms.Form):
    body = ApprovalBodyField(
        label="Accrediting body",
        queryset=ApprovalBody.objects.order_by("name"),
        to_field_name="code",
        empty_label="Choose a body",
    )
    approved = forms.TypedChoiceField(
        label="Is this event approved by this body?",
        choices=[(YES, "Approved"), (NO, "Not approved")],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        initial=YES,
    )
    approval_number = forms.CharField(
        label="Provider's approval number", max_length=80, required=False
    )
    period_start = forms.DateField(
        label="Approval period starts",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label="Approval period ends",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    professions = forms.ModelMultipleChoiceField(
        label="Professions covered",
        queryset=Profession.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    statement = forms.CharField(
        label="Statement to print",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Approved: the approval statement printed on certificates. Not approved: the "
        "explanation shown to attendees. Leave empty for the body's standard wording.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The approval period must end after it starts.")
        return cleaned


class ApprovalRowsFormSet(LiveRowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.live_forms():
            body = form.cleaned_data.get("body")
            if body is None:
                continue
            if body.code in seen:
                raise ValidationError(
                    f"{body.name} is listed twice: keep one row per accrediting body."
                )
            seen.add(body.code)


BreakFormSet = forms.formset_factory(
    BreakForm, formset=LiveRowsFormSet, extra=BREAK_ROWS_EXTRA, can_delete=True
)
PresenterFormSet = forms.formset_factory(
    PresenterForm, formset=LiveRowsFormSet, extra=PRESENTER_ROWS_EXTRA, can_delete=True
)
ApprovalsFormSet = forms.formset_factory(
    ApprovalForm, formset=ApprovalRowsFormSet, extra=APPROVAL_ROWS_EXTRA, can_delete=True
)
