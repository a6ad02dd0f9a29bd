"""The event form with its breaks, presenters and approvals, as one unit: filled from an event,
turned into an EventDraft for `save_event`, and given back every refusal next to its field."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from accounts.models import User
from core.errors import DomainError
from core.forms import aware_or_error
from core.localtime import to_wall_clock
from credit.schedule import ScheduleProblem
from events.models import Event
from events.services import (
    ApprovalDraft,
    BreakDraft,
    EventDraft,
    PresenterDraft,
    ScheduleInvalid,
    save_event,
)
from events.services.drafting import PROMOTIONAL_FIELDS, check_schedule
from events.staff.forms import EventForm
from events.staff.formsets import NO, YES, ApprovalsFormSet, BreakFormSet, PresenterFormSet

# Form fields that the credit rules name directly; every other problem field is a formset's.
SCHEDULE_FIELDS = {"start", "end", "advertised_hours"}
# Where a service's DomainError.field lands when the form calls it something else.
SERVICE_FIELDS = {"program_code": "program"}


def _initial(event: Event) -> dict[str, Any]:
    zone = event.zone
    form = {
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "learning_objectives": "\n".join(event.learning_objectives),
        "format": event.format,
        "time_zone": event.time_zone,
        "start": to_wall_clock(event.start, zone),
        "end": to_wall_clock(event.end, zone),
        "advertised_hours": event.advertised_hours,
        "categories": [category.code for category in event.categories.all()],
        "capacity": event.capacity,
        "dial_in_instructions": event.dial_in_instructions,
        "program": event.program.code,
        "instructional_level": event.instructional_level,
        "accommodations_contact": event.accommodations_contact,
        "cancellation_policy": event.cancellation_policy,
        "grievance_policy": event.grievance_policy,
    }
    breaks = [
        {"start": to_wall_clock(b.start, zone), "end": to_wall_clock(b.end, zone), "label": b.label}
        for b in event.breaks.all()
    ]
    presenters = [
        {"existing": p.presenter.pk, "name": "", "credentials": "", "bio": p.presenter.bio}
        for p in event.event_presenters.select_related("presenter").order_by("position")
    ]
    approvals = [
        {
            "body": approval.body.code,
            "approved": YES if approval.approved else NO,
            "approval_number": approval.approval_number,
            "period_start": approval.period_start,
            "period_end": approval.period_end,
            "professions": [profession.code for profession in approval.professions.all()],
            "statement": approval.statement,
        }
        for approval in event.approvals.select_related("body").prefetch_related("professions")
    ]
    return {"form": form, "breaks": breaks, "presenters": presenters, "approvals": approvals}


@dataclass
class EventEditor:
    form: EventForm
    breaks: forms.BaseFormSet
    presenters: forms.BaseFormSet
    approvals: forms.BaseFormSet
    event: Event | None = None

    @classmethod
    def build(
        cls, data: QueryDict | None, *, event: Event | None, default_zone: str
    ) -> EventEditor:
        initial = (
            _initial(event)
            if event is not None
            else {
                "form": {"time_zone": default_zone},
                "breaks": [],
                "presenters": [],
                "approvals": [],
            }
        )
        return cls(
            form=EventForm(data, initial=initial["form"], event=event),
            breaks=BreakFormSet(data, initial=initial["breaks"], prefix="breaks"),
            presenters=PresenterFormSet(data, initial=initial["presenters"], prefix="presenters"),
            approvals=ApprovalsFormSet(data, initial=initial["approvals"], prefix="approvals"),
            event=event,
        )

    @property
    def parts(self) -> list[forms.Form | forms.BaseFormSet]:
        return [self.form, self.breaks, self.presenters, self.approvals]

    def is_valid(self) -> bool:
        """Every field valid and the schedule within the credit rules.

        The schedule is checked even when an unrelated field is wrong, so staff see every
        problem on the first submit rather than one round at a time.
        """
        # Every part is validated (no short-circuit) so each shows its own errors.
        results = [part.is_valid() for part in self.parts]
        fields_valid = all(results)
        zone = self.form.zone
        if zone is not None and self.breaks.is_valid():
            self._convert_breaks(zone)
        if self._schedule_complete():
            try:
                check_schedule(self._schedule_draft())
            except ScheduleInvalid as exc:
                self.show_problems(exc.problems)
        return fields_valid and not self.has_errors()

    def has_errors(self) -> bool:
        return any(
            part.errors if isinstance(part, forms.Form) else not part.is_valid()
            for part in self.parts
        )

    def save(self, *, actor: User) -> Event | None:
        """The saved event, or None with the refusal shown on the form (nothing is stored)."""
        try:
            return save_event(self.draft(), actor=actor, event=self.event)
        except ScheduleInvalid as exc:
            self.show_problems(exc.problems)
        except DomainError as exc:
            self.show_domain_error(exc)
        return None

    def _convert_breaks(self, zone: zoneinfo.ZoneInfo) -> None:
        for form in self.breaks.live_forms():
            aware_or_error(form, "start", zone)
            aware_or_error(form, "end", zone)

    def _schedule_complete(self) -> bool:
        cleaned = getattr(self.form, "cleaned_data", {})
        if any(cleaned.get(name) is None for name in SCHEDULE_FIELDS):
            return False
        if self.form.zone is None or not self.breaks.is_valid():
            return False
        return all(
            form.cleaned_data.get("start") is not None and form.cleaned_data.get("end") is not None
            for form in self.breaks.live_forms()
        )

    def _break_drafts(self) -> list[BreakDraft]:
        # The order here is the order of the credit rules' "breaks.<i>" problem fields.
        return [
            BreakDraft(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                label=form.cleaned_data.get("label") or "Break",
            )
            for form in self.breaks.live_forms()
        ]

    def _schedule_draft(self) -> EventDraft:
        cleaned = self.form.cleaned_data
        return EventDraft(
            title=cleaned.get("title", ""),
            summary=cleaned.get("summary", ""),
            time_zone=cleaned["time_zone"],
            start=cleaned["start"],
            end=cleaned["end"],
            advertised_hours=cleaned["advertised_hours"],
            breaks=self._break_drafts(),
        )

    def draft(self) -> EventDraft:
        cleaned = self.form.cleaned_data
        draft = self._schedule_draft()
        draft.description = cleaned["description"]
        draft.learning_objectives = cleaned["learning_objectives"]
        draft.format = cleaned["format"]
        draft.capacity = cleaned["capacity"]
        draft.dial_in_instructions = cleaned["dial_in_instructions"]
        draft.categories = [category.code for category in cleaned["categories"]]
        draft.program_code = cleaned["program"].code if cleaned["program"] else ""
        for name in PROMOTIONAL_FIELDS:
            setattr(draft, name, cleaned[name])
        draft.presenters = [
            PresenterDraft(
                name=form.cleaned_data["name"],
                credentials=form.cleaned_data["credentials"],
                bio=form.cleaned_data["bio"],
                presenter_id=form.cleaned_data["existing"].pk
                if form.cleaned_data["existing"]
                else None,
            )
            for form in self.presenters.live_forms()
        ]
        draft.approvals = [
            ApprovalDraft(
                body_code=form.cleaned_data["body"].code,
                approved=form.cleaned_data["approved"],
                approval_number=form.cleaned_data["approval_number"].strip(),
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                professions=[p.code for p in form.cleaned_data["professions"]],
                statement=form.cleaned_data["statement"].strip(),
            )
            for form in self.approvals.live_forms()
        ]
        return draft

    def show_problems(self, problems: list[ScheduleProblem]) -> None:
        rows = self.breaks.live_forms()
        for problem in problems:
            if problem.field in SCHEDULE_FIELDS:
                self.form.add_error(problem.field, problem.message)
            elif problem.field == "breaks":
                self.breaks.non_form_errors().append(problem.message)
            elif problem.field.startswith("breaks."):
                index = int(problem.field.removeprefix("breaks."))
                rows[index].add_error(None, problem.message)
            else:
                self.form.add_error(None, problem.message)

    def show_domain_error(self, exc: DomainError) -> None:
        field = SERVICE_FIELDS.get(exc.field or "", exc.field)
        formsets = {
            "breaks": self.breaks,
            "presenters": self.presenters,
            "approvals": self.approvals,
        }
        if field in formsets:
            formsets[field].non_form_errors().append(exc.message)
        elif field in self.form.fields:
            self.form.add_error(field, exc.message)
        else:
            self.form.add_error(None, exc.message)
