"""The events catalog: filters an attendee can combine, applied in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from events.license_fit import counting_for
from events.models import Event, EventApproval, EventPresenter
from licensing.models import ApprovalBody, CECategory, Profession, UserLicense


class CategoriesField(forms.ModelMultipleChoiceField):
    """One category code or several (callers passing a plain dict give a single string)."""

    def clean(self, value: Any) -> Any:
        return super().clean([value] if isinstance(value, str) else value)


class CatalogFilters(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    # Several categories are allowed (any of them matches): the CE Tracker's "Fill my gaps"
    # asks for every category a license is still short of.
    category = CategoriesField(
        label="CE categories",
        queryset=CECategory.objects.all(),
        required=False,
        to_field_name="code",
        help_text="Any of the selected; none selected means any category.",
    )
    body = forms.ModelChoiceField(
        label="Approved by",
        queryset=ApprovalBody.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="Any approval",
    )
    profession = forms.ModelChoiceField(
        label="Profession",
        queryset=Profession.objects.all(),
        required=False,
        to_field_name="code",
        empty_label="Any profession",
    )
    min_hours = forms.DecimalField(
        label="At least (hours)", required=False, min_value=0, max_digits=5, decimal_places=2
    )
    max_hours = forms.DecimalField(
        label="At most (hours)", required=False, min_value=0, max_digits=5, decimal_places=2
    )
    mine = forms.BooleanField(label="Counts for my licenses", required=False)
    license = forms.TypedChoiceField(
        label="Counts for license", required=False, coerce=int, empty_value=None
    )

    def __init__(
        self, *args: Any, licenses: list[UserLicense] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if licenses:
            self.fields["license"].choices = [("", "Any license")] + [
                (license.pk, f"{license.license_type.label} #{license.number}")
                for license in licenses
            ]
        else:
            del self.fields["license"]
        # Only bodies that actually approve something are worth offering as a filter.
        self.fields["body"].queryset = ApprovalBody.objects.filter(
            pk__in=EventApproval.objects.filter(approved=True).values("body")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("min_hours"), cleaned.get("max_hours")
        if low is not None and high is not None and low > high:
            self.add_error("max_hours", "The maximum must not be less than the minimum.")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must not be before the start date.")
        return cleaned


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(
    events: QuerySet[Event], filters: dict[str, Any], licenses: list[UserLicense]
) -> QuerySet[Event]:
    if text := filters.get("q"):
        presenters = EventPresenter.objects.filter(
            event=OuterRef("pk"), presenter__name__icontains=text
        )
        events = events.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(description__icontains=text)
            | Q(Exists(presenters))
        )
    # Dates are the viewer's calendar days, in the viewer's zone.
    if day := filters.get("date_from"):
        events = events.filter(start__gte=_local_midnight(day))
    if day := filters.get("date_to"):
        events = events.filter(start__lt=_local_midnight(day + dt.timedelta(days=1)))
    if categories := filters.get("category"):
        events = events.filter(
            Exists(
                Event.categories.through.objects.filter(
                    event=OuterRef("pk"), cecategory__in=categories
                )
            )
        )
    if body := filters.get("body"):
        events = events.filter(
            Exists(EventApproval.objects.filter(event=OuterRef("pk"), body=body, approved=True))
        )
    if profession := filters.get("profession"):
        approvals = EventApproval.objects.filter(event=OuterRef("pk"), approved=True).filter(
            Q(professions=profession) | Q(professions__isnull=True)
        )
        events = events.filter(Exists(approvals))
    if (low := filters.get("min_hours")) is not None:
        events = events.filter(advertised_hours__gte=Decimal(low))
    if (high := filters.get("max_hours")) is not None:
        events = events.filter(advertised_hours__lte=Decimal(high))
    # Without licenses on file the box is not offered; a hand-made URL should not empty the list.
    if filters.get("mine") and licenses:
        events = counting_for(events, licenses)
    chosen = [license for license in licenses if license.pk == filters.get("license")]
    if chosen:
        events = counting_for(events, chosen)
    return events
