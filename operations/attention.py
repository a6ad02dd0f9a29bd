"""What needs a member of staff: the one queue behind the dashboard's "Needs your attention"
list and the count beside "Staff area" in the header.

Each item is work only a person can do, with the page where it is done: connections the data
could not place, decisions set aside for review, dial-in claims, name corrections, certificates
whose attendance decision changed after issue, events with no attendance data, and background
work that failed. It reads every app, so it lives with the rest of operations at the top.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from attendance.models import Connection, Decision, PhoneClaim, StaffAlert
from certificates.models import Certificate, NameCorrectionRequest
from events.models import Event
from operations.machinery import problem_count


@dataclass(frozen=True)
class AttentionItem:
    """One kind of waiting work, for one event where it belongs to one."""

    title: str  # what is waiting, counted: "3 unplaced connections"
    detail: str  # what to do about it, in a sentence
    action: str  # the link's text
    url: str
    count: int
    event: Event | None = None


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _per_event(counts: Iterable[dict[str, int]]) -> dict[int, int]:
    return {row["event"]: row["n"] for row in counts}


def _event_items() -> list[AttentionItem]:
    unplaced = _per_event(
        Connection.objects.unplaced()
        .filter(event__end__lte=timezone.now())
        .values("event")
        .annotate(n=Count("pk"))
    )
    reviews = _per_event(
        Decision.objects.filter(is_current=True, outcome=Decision.NEEDS_REVIEW)
        .values(event=F("registration__event"))
        .annotate(n=Count("pk"))
    )
    claims = _per_event(
        PhoneClaim.objects.filter(resolved=False)
        .values(event=F("registration__event"))
        .annotate(n=Count("pk"))
    )
    alerts = {
        alert.event_id: alert for alert in StaffAlert.objects.filter(resolved_at__isnull=True)
    }
    ids = set(unplaced) | set(reviews) | set(claims) | set(alerts)
    events = Event.objects.in_bulk(ids)
    # Per kind: the counts, how one and many are named, what to do and where on the page.
    kinds = [
        (
            reviews,
            ("attendance decision to review", "attendance decisions to review"),
            "The data alone could not decide: look at the connections and decide.",
            "Review",
            "#reviews-heading",
        ),
        (
            claims,
            ("dial-in claim to check", "dial-in claims to check"),
            "Attendees said they joined by phone; place the call or decline.",
            "Check the claims",
            "#claims-heading",
        ),
        (
            unplaced,
            ("unplaced connection", "unplaced connections"),
            "Connections no registrant could be matched to: place each one on its registrant, "
            "or set aside hosts and presenters.",
            "Place the connections",
            "#queue-heading",
        ),
    ]
    items: list[AttentionItem] = []
    for event_id in sorted(ids, key=lambda pk: events[pk].end):
        event = events[event_id]
        page = reverse("attendance:staff_page", args=[event.slug])
        if event_id in alerts:
            items.append(
                AttentionItem(
                    title="No attendance data yet",
                    detail="Import its attendance so that everyone who attended in full gets "
                    "the evaluation within 24 hours of the end.",
                    action="Import attendance",
                    url=page + "#import-heading",
                    count=1,
                    event=event,
                )
            )
        for counts, (one, many), detail, action, anchor in kinds:
            if count := counts.get(event_id, 0):
                items.append(
                    AttentionItem(
                        title=_plural(count, one, many),
                        detail=detail,
                        action=action,
                        url=page + anchor,
                        count=count,
                        event=event,
                    )
                )
    return items


def _certificate_items() -> list[AttentionItem]:
    items = []
    corrections = NameCorrectionRequest.objects.filter(status=NameCorrectionRequest.PENDING).count()
    if corrections:
        items.append(
            AttentionItem(
                title=_plural(corrections, "name correction request", "name correction requests"),
                detail="Attendees asked for their certificate in another name: approve or "
                "decline each request.",
                action="Decide the requests",
                url=reverse("certificate_corrections:staff_list"),
                count=corrections,
            )
        )
    changed = Certificate.objects.filter(
        status=Certificate.VALID, decision__is_current=False
    ).count()
    if changed:
        items.append(
            AttentionItem(
                title=_plural(changed, "certificate", "certificates")
                + " issued before the attendance decision changed",
                detail="Correct or revoke each one: an issued certificate never changes by itself.",
                action="Review the certificates",
                url=reverse("certificate_corrections:staff_list"),
                count=changed,
            )
        )
    return items


def _background_items() -> list[AttentionItem]:
    problems = problem_count()
    if not problems:
        return []
    return [
        AttentionItem(
            title=_plural(problems, "background problem", "background problems"),
            detail="Failed tasks, tasks waiting to retry or emails not delivered.",
            action="See the errors and retry",
            url=reverse("staff:background"),
            count=problems,
        )
    ]


def needs_attention() -> list[AttentionItem]:
    """Everything waiting for staff: per-event work oldest event first, then the rest."""
    return [*_event_items(), *_certificate_items(), *_background_items()]


def attention_count() -> int:
    """How many things are waiting, for the header badge."""
    return sum(item.count for item in needs_attention())
