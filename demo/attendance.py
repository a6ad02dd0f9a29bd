"""Attendance for the demo's past events, as a Zoom meeting participants export would give it:
one attendee in full (with a reconnect), one who left early, a no-show, a second device that
puts an attendee under review, and a phone call from the demo attendee's office line, which is
not the phone on her profile, so her claim of it waits for staff. For one event the demo
attendee has already submitted the evaluation, so a certificate is there to download and
verify.

No call ends in the digits of the dial-in number printed in the Main Hall: those are refused
as a claim anyway (attendance.services.claims)."""

from __future__ import annotations

import datetime as dt

from attendance.services.importing import import_attendance
from certificates.services import issue_certificate
from evaluations.services.issuance import sync_event_evaluations
from evaluations.services.submission import submit_evaluation
from events.models import Event
from licensing.models import CECategory

HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
# The demo attendee's office phone, as Zoom masks it: not the number on her profile.
OFFICE_LINE = "+1 415***7730"


def _stamp(event: Event, minutes: float) -> str:
    moment = (event.start + dt.timedelta(minutes=minutes)).astimezone(event.zone)
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")


def _row(event: Event, name: str, email: str, start: float, end: float) -> str:
    return (
        f"{name},{email},{_stamp(event, start)},{_stamp(event, end)},"
        f"{round(end - start)},{'Yes' if not email else 'No'}\n"
    )


def load() -> None:
    load_completed()
    grief = Event.objects.filter(slug="grief-across-the-lifespan").first()
    if grief is not None and not grief.attendance_imports.exists():
        length = (grief.end - grief.start).total_seconds() / 60
        rows = [
            _row(grief, "Dana Whitfield-Núñez", "attendee@example.com", -4, 61.5),
            _row(grief, "Dana W (Dana Whitfield-Núñez)", "attendee@example.com", 61.2, length + 2),
            _row(grief, "Jordan Lee", "jordan.lee@example.com", -1, length - 12.5),
            _row(grief, "Ana Ruiz", "", -20, length + 5),
        ]
        import_attendance(grief, [("grief-participants.csv", (HEADER + "".join(rows)).encode())])
    boundaries = Event.objects.filter(slug="boundaries-and-dual-relationships").first()
    if boundaries is not None and not boundaries.attendance_imports.exists():
        length = (boundaries.end - boundaries.start).total_seconds() / 60
        rows = [
            _row(boundaries, OFFICE_LINE, "", -2, length + 1),
            _row(boundaries, "Priya Nair", "priya.nair@example.com", 0, length),
            _row(boundaries, "iPad", "priya.nair@example.com", 30, 95),
        ]
        content = (HEADER + "".join(rows)).encode()
        import_attendance(boundaries, [("boundaries-participants.csv", content)])


def _answer(question: dict) -> object:
    if question["kind"] == "rating":
        return 5
    if question["kind"] == "single":
        return question["choices"][0]
    if question["kind"] == "multiple":
        return question["choices"][:1]
    return "Clear, practical and directly useful for my documentation."


def load_completed() -> None:
    """The demo attendee attended "Clinical Documentation" in full and submitted its evaluation."""
    event = Event.objects.filter(slug="documentation-that-protects").first()
    if event is None or event.attendance_imports.exists():
        return
    length = (event.end - event.start).total_seconds() / 60
    rows = [_row(event, "Dana Whitfield-Núñez", "attendee@example.com", -3, length + 1)]
    import_attendance(
        event, [("documentation-participants.csv", (HEADER + "".join(rows)).encode())]
    )
    sync_event_evaluations(event)
    registration = event.registrations.get(email="attendee@example.com")
    evaluation = registration.evaluation
    user = registration.user
    submitted = submit_evaluation(
        evaluation,
        user=user,
        answers={q["key"]: _answer(q) for q in evaluation.questions},
        attested=True,
        license=user.licenses.filter(license_type__state="CA").first(),
        category=CECategory.objects.get(code="law_ethics"),
    )
    issue_certificate(submitted)
