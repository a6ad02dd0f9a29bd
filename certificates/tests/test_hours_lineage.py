"""One lineage for credit hours: the decision records the hours it credits, the certificate
prints the decision's hours and stores them as a number, the tracker reads that number, and
editing a published event's schedule or hours decides again without touching issued
certificates."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from attendance.models import Decision
from certificates.changed import changed_after_issue
from certificates.models import Certificate
from certificates.tests.conftest import SOON
from evaluations.tests.attendance_helpers import IMPORTED
from events.services.drafting import EventDraft, save_event
from tracker.services.assignments import certificate_hours


def edit_hours(event, hours: str, actor) -> None:
    draft = EventDraft(
        title=event.title,
        summary=event.summary,
        time_zone=event.time_zone,
        start=event.start,
        end=event.end,
        advertised_hours=Decimal(hours),
        approvals=[],
    )
    save_event(draft, actor=actor, event=event)


@pytest.fixture
def certified(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana)
    run_tasks()
    return Certificate.objects.get(user=dana)


def test_the_decision_records_the_hours_it_credits(event, certified):
    decision = Decision.objects.get(registration__event=event, is_current=True)
    assert decision.credited_hours == event.advertised_hours
    assert decision.inputs["advertised_hours"] == str(event.advertised_hours)


def test_the_certificate_prints_and_stores_the_decisions_hours(event, certified):
    decision = Decision.objects.get(registration__event=event, is_current=True)
    assert certified.snapshot["credit_hours"] == str(decision.credited_hours)
    assert certified.snapshot["decision"] == {"id": decision.pk, "version": decision.version}
    assert certified.decision == decision


def test_the_tracker_reads_the_stored_number_not_the_printed_text(certified):
    snapshot = {**certified.snapshot, "ce_hours": "two", "credit_hours": "2.00"}
    Certificate.objects.filter(pk=certified.pk).update(snapshot=snapshot)
    certified.refresh_from_db()
    assert certificate_hours(certified) == Decimal("2.00")


def test_changing_a_published_events_hours_decides_again_and_lists_issued_certificates(
    event, dana, omar, sam_staff, certified, submit, run_tasks, client
):
    printed = dict(certified.snapshot)
    old = Decision.objects.get(registration=certified.evaluation.registration, is_current=True)

    edit_hours(event, "1.5", sam_staff)
    run_tasks()

    new = Decision.objects.get(registration=certified.evaluation.registration, is_current=True)
    assert (new.version, new.credited_hours) == (old.version + 1, Decimal("1.50"))
    certified.refresh_from_db()
    assert certified.snapshot == printed  # never silently changed
    [changed] = changed_after_issue()
    assert changed.certificate == certified
    assert changed.summary == "The decision now credits 1.5 hours."
    client.force_login(sam_staff)
    page = client.get(reverse("certificate_corrections:staff_list")).content.decode()
    assert "Changed after issue" in page and certified.number in page

    # The next person's certificate prints the hours the decision credits now.
    with time_machine.travel(SOON, tick=False):
        submit(event, omar)
        run_tasks()
    assert Certificate.objects.get(user=omar).snapshot["ce_hours"] == "1.5"


def test_an_edit_that_leaves_the_credit_terms_alone_decides_nothing_again(
    event, sam_staff, certified, run_tasks
):
    versions = list(Decision.objects.values_list("pk", "version"))
    event.title = "A new title"
    edit_hours(event, str(event.advertised_hours), sam_staff)
    run_tasks()
    assert list(Decision.objects.values_list("pk", "version")) == versions
    assert changed_after_issue() == []


def test_recompute_decisions_prints_no_difference_for_an_untouched_record(event, certified):
    out = StringIO()
    with time_machine.travel(IMPORTED, tick=False):
        call_command("recompute_decisions", event.slug, stdout=out)
    assert "1 decision recomputed from its stored inputs; none differs." in out.getvalue()


def test_recompute_decisions_names_a_stored_decision_that_its_inputs_do_not_give(event, certified):
    decision = Decision.objects.get(registration__event=event, is_current=True)
    Decision.objects.filter(pk=decision.pk).update(attended_seconds=60)
    out = StringIO()
    call_command("recompute_decisions", str(event.pk), stdout=out)
    text = out.getvalue()
    assert "Dana Whitfield <dana@example.com>, decision v1 differs: attended 60 s stored" in text
    assert "1 differ." in text


def test_deciding_again_twice_writes_one_new_version(event, sam_staff, certified):
    from attendance.tasks import decide_again

    event.advertised_hours = Decimal("1.5")
    event.save()
    assert decide_again.call(event.pk) == "1 new decision(s)"
    assert decide_again.call(event.pk) == "0 new decision(s)"
    assert Decision.objects.filter(registration__event=event).count() == 2
