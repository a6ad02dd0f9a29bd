"""Staff can see the machinery: failed and retrying tasks with their errors, undelivered mail,
the workers, and retry it; administrators are alerted when work keeps failing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.email import send_email
from core.errors import DomainError
from core.models import AuditEntry, OutgoingEmail
from core.tests.durable_tasks import always_fails
from operations.alerts import check_failing_work
from operations.models import WorkAlert
from operations.services import dismiss_task, retry_email, retry_task
from tests.factories import UserFactory


def failed_task(**fields) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=always_fails.enqueue().id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="FAILED",
        finished_at=timezone.now(),
        worker_ids=["w1"] * 6,
        exception_class_path="builtins.ConnectionError",
        traceback="Traceback (most recent call last):\nConnectionError: the partner is down\n",
        **fields,
    )
    return DBTaskResult.objects.get(pk=result.pk)


@pytest.fixture
def undelivered(settings, db):
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    send_email("account_deleted", ["dana@example.com"], {"name": "Dana"})
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2),
        attempts=4,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    return email


def test_attendees_cannot_see_the_background_page(client, dana):
    client.force_login(dana)
    assert client.get(reverse("staff:background")).status_code == 403
    task = failed_task()
    assert client.post(reverse("staff:task_retry", args=[task.pk])).status_code == 403


def test_staff_see_failed_tasks_and_undelivered_mail_with_their_errors(
    client, sam_staff, undelivered
):
    failed_task()
    client.force_login(sam_staff)
    html = client.get(reverse("staff:background")).content.decode()
    assert "ConnectionError: the partner is down" in html
    assert "6 of 6" in html  # tries used of the policy's maximum
    assert "dana@example.com" in html
    assert "ConnectionRefusedError: [Errno 111] Connection refused" in html
    assert "No worker has been heard from" in html

    dashboard = client.get(reverse("staff:dashboard")).content.decode()
    assert "2 problems" in dashboard


def test_retry_now_queues_a_failed_task_at_once_and_is_audited(client, sam_staff):
    task = failed_task()
    client.force_login(sam_staff)
    response = client.post(reverse("staff:task_retry", args=[task.pk]), follow=True)
    assert "queued to run now" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "READY" and task.run_after <= timezone.now()
    entry = AuditEntry.objects.get(action="task.retried")
    assert entry.actor == sam_staff and entry.data["task"] == task.task_path


def test_dismissing_a_failed_task_needs_a_reason_and_keeps_it_in_the_audit_log(client, sam_staff):
    task = failed_task()
    client.force_login(sam_staff)
    response = client.post(reverse("staff:task_dismiss", args=[task.pk]), follow=True)
    assert "Give a reason" in response.content.decode()
    assert DBTaskResult.objects.filter(pk=task.pk).exists()

    client.post(
        reverse("staff:task_dismiss", args=[task.pk]), {"reason": "Sent by hand on the phone"}
    )
    assert not DBTaskResult.objects.filter(pk=task.pk).exists()
    entry = AuditEntry.objects.get(action="task.dismissed")
    assert entry.reason == "Sent by hand on the phone"
    assert entry.data["error"] == "ConnectionError: the partner is down"


def test_retry_now_queues_an_undelivered_email(client, sam_staff, undelivered, settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(sam_staff)
    client.post(reverse("staff:email_retry", args=[undelivered.pk]))
    assert AuditEntry.objects.filter(action="email.retried").count() == 1
    pending = DBTaskResult.objects.filter(status="READY", task_path="core.outgoing.deliver_email")
    assert pending.count() == 2  # the original try and the one asked for now


def test_a_retry_of_a_task_that_is_gone_says_so_plainly(client, sam_staff):
    client.force_login(sam_staff)
    task_id = failed_task().pk
    DBTaskResult.objects.filter(pk=task_id).delete()
    response = client.post(reverse("staff:task_retry", args=[task_id]), follow=True)
    assert response.status_code == 200
    assert "no longer in the queue" in response.content.decode()


def test_administrators_are_alerted_once_when_work_has_failed_for_too_long(db, settings):
    settings.WORK_FAILING_ALERT_MINUTES = 30
    admin = UserFactory(email="admin@example.com", is_superuser=True, is_staff=True)
    UserFactory(email="not-admin@example.com")
    failed_task()

    assert check_failing_work().startswith("1 background task")  # not failing for long yet
    assert not WorkAlert.objects.exists()

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        assert check_failing_work().startswith("alerted")
        assert check_failing_work().startswith("1 background task")  # once, not every minute
    [message] = mail.outbox
    assert message.to == [admin.email]
    assert "background work has been failing" in message.subject
    assert "1 background task failed or waiting to retry" in message.body

    DBTaskResult.objects.all().delete()
    assert check_failing_work().startswith("resolved")
    assert not WorkAlert.objects.filter(is_open=True).exists()


def test_the_services_refuse_a_task_that_is_gone(sam_staff):
    task_id = failed_task().pk
    DBTaskResult.objects.filter(pk=task_id).delete()
    with pytest.raises(DomainError) as retried:
        retry_task(str(task_id), actor=sam_staff)
    with pytest.raises(DomainError) as dismissed:
        dismiss_task(str(task_id), actor=sam_staff, reason="Done by hand")
    assert retried.value.code == dismissed.value.code == "task_gone"
    assert not DBTaskResult.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="task.").exists()


def test_a_task_that_finished_is_neither_retried_nor_dismissed(sam_staff):
    task = failed_task()
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.SUCCESSFUL)
    run_after = task.run_after
    with pytest.raises(DomainError) as retried:
        retry_task(str(task.pk), actor=sam_staff)
    with pytest.raises(DomainError) as dismissed:
        dismiss_task(str(task.pk), actor=sam_staff, reason="Not needed")
    assert retried.value.code == "task_not_retryable"
    assert dismissed.value.code == "task_not_failed"
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.run_after == run_after
    assert not AuditEntry.objects.filter(action__startswith="task.").exists()


def test_a_delivered_email_is_not_sent_again(sam_staff, undelivered):
    OutgoingEmail.objects.filter(pk=undelivered.pk).update(sent_at=timezone.now())
    queued = DBTaskResult.objects.count()
    with pytest.raises(DomainError) as refused:
        retry_email(undelivered.pk, actor=sam_staff)
    assert refused.value.code == "email_delivered"
    assert DBTaskResult.objects.count() == queued
    assert not AuditEntry.objects.filter(action="email.retried").exists()
