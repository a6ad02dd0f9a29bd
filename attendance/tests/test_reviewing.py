"""Every decision can be closed: staff resolve a review with a reason, the decision becomes final
and is recomputed the same way later, and no resolution credits time that was not attended."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from attendance.models import Connection, Decision, PhoneClaim, ReviewResolution
from attendance.receipt import receipt_for
from attendance.services.claims import claim_phone, place_claim
from attendance.services.deciding import decide_event
from attendance.services.resolving import assign_connection, unassign_connection
from attendance.services.reviewing import (
    REVIEW_FLAGS,
    confirm_attended_alone,
    mark_not_eligible,
    resolutions_for,
)
from attendance.tests.view_helpers import AFTER, at, connect, finished_event, register
from core.errors import DomainError
from core.models import AuditEntry
from credit.eligibility import RULE_VERSION
from credit.intervals import Interval
from credit.review import decide_reviewed, from_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def current(registration):
    return Decision.objects.get(registration=registration, is_current=True)


def shared(event, dana, sam_staff, own=("09:58:00", "13:00:00")):
    """Dana's own connection, and a second device staff assigned to her: under review."""
    registration = register(event, dana)
    connect(event, *own, registration=registration)
    ipad = connect(event, "10:30:00", "11:45:00", name="iPad")
    assign_connection(ipad, registration, actor=sam_staff, reason="Dana's own iPad, she says")
    assert current(registration).outcome == Decision.NEEDS_REVIEW
    assert "possible_shared_connection" in current(registration).reasons
    return registration


def test_every_flag_deciding_raises_has_a_resolution():
    assert set(REVIEW_FLAGS) == {"possible_shared_connection", "unmatched_dial_in"}
    assert all(
        ReviewResolution.NOT_ELIGIBLE in resolutions for resolutions in REVIEW_FLAGS.values()
    )


def test_confirming_they_attended_alone_makes_the_decision_final(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)

    decision = confirm_attended_alone(
        registration, actor=sam_staff, reason="Called Dana: the iPad is hers, she was alone"
    )

    assert decision.outcome == Decision.ELIGIBLE
    assert decision.credited_hours == Decimal("3")
    assert decision.reasons == []
    review = decision.inputs["review"]
    assert review["kind"] == "attended_alone"
    assert review["flags"] == ["possible_shared_connection"]
    assert review["reason"] == "Called Dana: the iPad is hers, she was alone"
    assert decision.inputs["review_flags"] == ["possible_shared_connection"]


def test_confirming_they_attended_alone_never_credits_time_not_attended(event, dana, sam_staff):
    # Her own device left at 12:30; the iPad covered only 10:30–11:45.
    registration = shared(event, dana, sam_staff, own=("09:58:00", "12:30:00"))
    before = current(registration)

    decision = confirm_attended_alone(registration, actor=sam_staff, reason="Alone, confirmed")

    assert decision.outcome == Decision.NOT_ELIGIBLE
    assert decision.credited_hours == 0
    assert decision.reasons == ["left_early"]
    assert decision.attended_seconds == before.attended_seconds
    assert decision.missed == [
        {"start": at("12:30:00").isoformat(), "end": at("13:00:00").isoformat()}
    ]


def test_marking_not_eligible_withholds_credit_with_the_reason(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)

    decision = mark_not_eligible(
        registration, actor=sam_staff, reason="Her colleague watched on the iPad at the clinic"
    )

    assert decision.outcome == Decision.NOT_ELIGIBLE
    assert decision.credited_hours == 0
    assert decision.reasons == ["marked_not_eligible_by_staff"]
    assert decision.inputs["review"]["kind"] == "not_eligible"


def test_reassigning_the_connection_closes_the_review(event, dana, omar, sam_staff):
    registration = shared(event, dana, sam_staff)
    omar_registration = register(event, omar)
    ipad = Connection.objects.get(name="iPad")

    assign_connection(ipad, omar_registration, actor=sam_staff, reason="Omar's iPad after all")

    assert current(registration).outcome == Decision.ELIGIBLE
    assert current(registration).reasons == []
    ipad.refresh_from_db()
    assert ipad.registration == omar_registration


@pytest.mark.parametrize("resolve", [confirm_attended_alone, mark_not_eligible])
def test_a_resolution_needs_a_reason(event, dana, sam_staff, resolve):
    registration = shared(event, dana, sam_staff)
    with pytest.raises(DomainError) as error:
        resolve(registration, actor=sam_staff, reason="   ")
    assert error.value.code == "reason_required" and error.value.field == "reason"
    assert not ReviewResolution.objects.exists()
    assert current(registration).outcome == Decision.NEEDS_REVIEW


@pytest.mark.parametrize("resolve", [confirm_attended_alone, mark_not_eligible])
def test_each_resolution_is_audited(event, dana, sam_staff, resolve):
    registration = shared(event, dana, sam_staff)
    version = current(registration).version

    resolve(registration, actor=sam_staff, reason="Checked with Dana by phone")

    entry = AuditEntry.objects.get(action="attendance.review_resolved")
    assert entry.actor == sam_staff and entry.reason == "Checked with Dana by phone"
    assert entry.target_id == str(registration.pk)
    assert entry.data["flags"] == ["possible_shared_connection"]
    assert entry.data["decision_version"] == version
    assert len(entry.data["connections"]) == 2


def test_only_a_decision_under_review_can_be_resolved(event, dana, sam_staff):
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    decide_event(event)
    with pytest.raises(DomainError) as error:
        mark_not_eligible(registration, actor=sam_staff, reason="Just because")
    assert error.value.code == "not_under_review"
    assert current(registration).outcome == Decision.ELIGIBLE


def test_confirming_attended_alone_does_not_answer_a_dial_in_review(event, dana, sam_staff):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim_phone(registration, "0188", actor=dana)
    assert current(registration).reasons == ["no_connection", "unmatched_dial_in"]
    assert resolutions_for(current(registration)) == ["not_eligible"]

    with pytest.raises(DomainError) as error:
        confirm_attended_alone(registration, actor=sam_staff, reason="She was alone")

    assert error.value.code == "resolution_not_applicable"


def test_marking_a_dial_in_review_not_eligible_declines_the_waiting_claim(event, dana, sam_staff):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)

    decision = mark_not_eligible(registration, actor=sam_staff, reason="No call of hers found")

    claim.refresh_from_db()
    assert claim.declined and claim.declined_reason == "No call of hers found"
    assert decision.outcome == Decision.NOT_ELIGIBLE
    assert not PhoneClaim.objects.filter(resolved=False).exists()


def test_a_resolution_made_on_an_older_version_is_refused(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    seen = current(registration).version
    connect(event, "12:00:00", "12:10:00", name="Phone browser", registration=registration)
    decide_event(event)

    with pytest.raises(DomainError) as error:
        confirm_attended_alone(registration, actor=sam_staff, reason="Alone", version=seen)

    assert error.value.code == "decision_changed"


def test_new_connections_after_a_resolution_are_reviewed_again(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    confirm_attended_alone(registration, actor=sam_staff, reason="Alone, confirmed")
    assert current(registration).outcome == Decision.ELIGIBLE

    connect(event, "11:00:00", "11:30:00", name="Jordan Lee", registration=registration)
    decide_event(event)

    decision = current(registration)
    assert decision.outcome == Decision.NEEDS_REVIEW
    assert "review" not in decision.inputs


def test_undoing_the_change_reviewed_brings_the_resolution_back(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    confirm_attended_alone(registration, actor=sam_staff, reason="Alone, confirmed")
    extra = connect(event, "11:00:00", "11:30:00", name="Jordan Lee", registration=registration)
    decide_event(event)
    assert current(registration).outcome == Decision.NEEDS_REVIEW

    unassign_connection(extra, actor=sam_staff, reason="Jordan's, not Dana's")

    assert current(registration).outcome == Decision.ELIGIBLE


def test_deciding_again_reproduces_a_resolved_decision(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    resolved = mark_not_eligible(registration, actor=sam_staff, reason="Shared screen")

    assert decide_event(event) == []

    assert current(registration).pk == resolved.pk


def test_a_resolved_decision_is_recomputed_from_its_inputs_alone(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff, own=("09:58:00", "12:30:00"))
    decision = confirm_attended_alone(registration, actor=sam_staff, reason="Alone")
    inputs = decision.inputs

    def interval(pair):
        return Interval(dt.datetime.fromisoformat(pair[0]), dt.datetime.fromisoformat(pair[1]))

    again = decide_reviewed(
        [interval((c["join"], c["leave"])) for c in inputs["connections"]],
        interval(inputs["window"]),
        [interval(b) for b in inputs["breaks"]],
        Decimal(inputs["advertised_hours"]),
        tolerance_seconds=inputs["tolerance_seconds"],
        review_flags=inputs["review_flags"],
        resolution=from_inputs(inputs),
    )

    assert inputs["rule_version"] == RULE_VERSION
    assert again.outcome == decision.outcome == Decision.NOT_ELIGIBLE
    assert again.attended_seconds == decision.attended_seconds
    assert list(again.reasons) == decision.reasons


def test_the_receipt_says_in_words_how_the_review_was_closed(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    confirm_attended_alone(registration, actor=sam_staff, reason="The iPad is her own")

    receipt = receipt_for(registration, zoneinfo.ZoneInfo("UTC"))

    assert receipt.headline == "You attended the entire event: 3 CE hours."
    assert receipt.review == (
        "On Dec 8, 2026 staff reviewed the connections that looked shared and confirmed they "
        "were yours alone; your time then counted as everyone's does: only the time you were "
        "connected. Their note: “The iPad is her own”"
    )


def test_the_receipt_of_a_withheld_decision_says_why(event, dana, sam_staff):
    registration = shared(event, dana, sam_staff)
    mark_not_eligible(registration, actor=sam_staff, reason="A colleague used her link")

    receipt = receipt_for(registration, zoneinfo.ZoneInfo("UTC"))

    assert receipt.headline == (
        "Not eligible: staff reviewed your attendance and decided it cannot be credited."
    )
    assert receipt.review.endswith(
        "decided it cannot be credited. Their note: “A colleague used her link”"
    )


def test_staff_placing_the_call_closes_a_dial_in_review(event, dana, sam_staff):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)
    assert current(registration).outcome == Decision.NEEDS_REVIEW

    place_claim(claim, call, actor=sam_staff, reason="Her office line")

    assert current(registration).outcome == Decision.ELIGIBLE
