"""Forms of the CE tracker: the outside-credit record and the hours grid of an assignment."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import QueryDict

from core.errors import DomainError
from credit.hours import format_hours
from licensing.acceptance import REFUSED, UNKNOWN, BodyVerdict
from licensing.models import ApprovalBody, CECategory, UserLicense
from tracker.models import CreditAssignment, OutsideCredit
from tracker.services.assignments import Row, field_name, parse_hours


class OutsideCreditForm(forms.ModelForm):
    file = forms.FileField(
        label="Certificate file",
        required=False,
        help_text="PDF, PNG or JPEG, at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    class Meta:
        model = OutsideCredit
        fields = [
            "title",
            "provider",
            "approval_body",
            "approval_body_other",
            "completed_on",
            "hours",
            "format",
            "categories",
        ]
        widgets = {
            "completed_on": forms.DateInput(attrs={"type": "date"}),
            "categories": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "approval_body_other": "Only if the body is not in the list above.",
            "hours": "As printed on the certificate.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approval_body = cast(forms.ModelChoiceField, self.fields["approval_body"])
        approval_body.queryset = ApprovalBody.objects.order_by("name")
        approval_body.empty_label = "Choose…"
        categories = cast(forms.ModelMultipleChoiceField, self.fields["categories"])
        categories.queryset = CECategory.objects.all()
        self.fields["hours"].widget.attrs.update({"min": "0.01", "step": "0.01"})
        # A new record needs its certificate; an edit may keep the file it has.
        self.fields["file"].required = not self.instance.pk
        self.fields["file"].error_messages["required"] = (
            "Upload your certificate (PDF, PNG or JPEG)."
        )
        if self.instance.pk:
            self.fields["file"].help_text = (
                f"Leave empty to keep {self.instance.original_filename}. "
                + self.fields["file"].help_text
            )

    def clean_hours(self) -> Decimal:
        hours = self.cleaned_data["hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError("Hours must be more than 0.")
        return hours

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (
            not cleaned.get("approval_body")
            and not (cleaned.get("approval_body_other") or "").strip()
        ):
            self.add_error(
                "approval_body", "Choose the body that approved it, or name it in the next box."
            )
        return cleaned


def hours_phrase(hours: Decimal) -> str:
    """ "1 hour", "1.5 hours"."""
    return f"{format_hours(hours)} hour{'' if hours == 1 else 's'}"


@dataclass
class Cell:
    name: str
    category: CECategory | None
    value: str
    error: str = ""


@dataclass
class LicenseRow:
    license: UserLicense
    cells: list[Cell]
    error: str = ""
    errors: list[str] = field(default_factory=list)
    verdict: BodyVerdict | None = None
    # Hours stored for a license whose board refuses the approval: saving removes them.
    dropped: str = ""

    @property
    def error_id(self) -> str:
        return f"license-{self.license.pk}-error"

    @property
    def note_id(self) -> str:
        return f"license-{self.license.pk}-note"

    @property
    def refused(self) -> bool:
        """The board refuses the credit's approval: the row is shown, never offered."""
        return self.verdict is not None and self.verdict.standing == REFUSED

    @property
    def unconfirmed(self) -> bool:
        """The board's accepted list is not on file: offered, with a warning."""
        return self.verdict is not None and self.verdict.standing == UNKNOWN

    @property
    def note(self) -> str:
        if self.refused and self.verdict is not None:
            # The reason starts with the license's label, which the row already shows.
            reason = self.verdict.reason.removeprefix(f"{self.license.license_type.label}: ")
            return f"Does not count: {reason}"
        if self.unconfirmed:
            return (
                "Not confirmed: this board's accepted approvals are not on file yet; "
                "check with your board before relying on these hours."
            )
        return ""


def grid(
    licenses: list[UserLicense],
    categories: list[CECategory],
    current: list[CreditAssignment] | list[Row],
    data: QueryDict | None = None,
    verdicts: dict[int, BodyVerdict] | None = None,
) -> list[LicenseRow]:
    """One row per license, one hours box for general hours and per allowed category; filled
    from the submitted data, or else from the current (or suggested) assignment.

    A license whose board refuses the credit's approval (``verdicts``) gets empty, disabled
    boxes and its reason; what is stored for it is named, because saving removes it."""
    values: dict[str, str] = {}
    stored: dict[int, Decimal] = {}
    for item in current:
        if isinstance(item, CreditAssignment):
            license, category, hours = item.user_license, item.category, item.hours
        else:
            license, category, hours = item
        values[field_name(license, category)] = format_hours(hours)
        stored[license.pk] = stored.get(license.pk, Decimal(0)) + hours
    verdicts = verdicts or {}
    rows = []
    for license in licenses:
        row = LicenseRow(license, [], verdict=verdicts.get(license.pk))
        for category in [None, *categories]:
            name = field_name(license, category)
            if data is not None:
                value = data.get(name, "")
            else:
                value = "" if row.refused else values.get(name, "")
            row.cells.append(Cell(name, category, value))
        if row.refused and data is None and stored.get(license.pk):
            row.dropped = (
                f"{hours_phrase(stored[license.pk]).capitalize()} assigned here now do not "
                "count; saving removes them."
            )
        rows.append(row)
    return rows


def read_grid(rows: list[LicenseRow]) -> list[Row]:
    """The (license, category, hours) rows typed in; raises DomainError on a non-number."""
    found: list[Row] = []
    for row in rows:
        for cell in row.cells:
            hours = parse_hours(cell.value, field=cell.name)
            if hours is not None:
                found.append((row.license, cell.category, hours))
    return found


def attach_error(rows: list[LicenseRow], error: DomainError) -> bool:
    """Show a refusal next to the box (or license) it is about; False when it is about none."""
    for row in rows:
        if error.field == f"license-{row.license.pk}":
            row.error = error.message
            return True
        for cell in row.cells:
            if cell.name == error.field:
                cell.error = error.message
                return True
    return False
