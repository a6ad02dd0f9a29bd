"""The attendee's evaluations (CE Wallet → Evaluations): the list, and each evaluation as a form
to complete, or read-only once submitted, closed or withdrawn.

An evaluation is personal: only the person registered sees it, and someone else's evaluation
shows neither the form nor its questions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError
from core.next_steps import links_for
from evaluations.forms import EvaluationForm
from evaluations.models import Evaluation
from evaluations.reading import answered_questions
from evaluations.services import submit_evaluation
from evaluations.status import COMPLETE, INCOMPLETE, STATUS_LABELS, STATUS_ORDER

SUBMITTED_MESSAGE = (
    "Thank you: your evaluation of “{title}” is submitted. Your certificate will be issued now, "
    "in your legal name."
)


def _own_evaluations(request: HttpRequest) -> list[Evaluation]:
    evaluations = Evaluation.objects.filter(registration__user=request.user).select_related("event")

    def order(evaluation: Evaluation) -> tuple[int, float]:
        status = evaluation.display_status
        # The soonest deadline first among those still to do; the latest event first after.
        moment = evaluation.deadline if status == INCOMPLETE else evaluation.event.start
        timestamp = moment.timestamp()
        return STATUS_ORDER[status], timestamp if status == INCOMPLETE else -timestamp

    return sorted(evaluations, key=order)


@login_required
@require_GET
def evaluation_list(request: HttpRequest) -> HttpResponse:
    rows = [
        (evaluation, evaluation.display_status, STATUS_LABELS[evaluation.display_status])
        for evaluation in _own_evaluations(request)
    ]
    return render(request, "evaluations/list.html", {"rows": rows})


def _evaluation(pk: int) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.select_related(
            "event", "registration__user", "assigned_license__license_type", "assigned_category"
        ),
        pk=pk,
    )


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/refused.html", status=403)


def _render(
    request: HttpRequest, evaluation: Evaluation, form: EvaluationForm | None
) -> HttpResponse:
    status = evaluation.display_status
    if status == INCOMPLETE and form is None:
        form = EvaluationForm(evaluation=evaluation)
    context = {
        "evaluation": evaluation,
        "event": evaluation.event,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "form": form if status == INCOMPLETE else None,
        "answered": answered_questions(evaluation) if status == COMPLETE else [],
        # The certificate, once issued, without this app reaching up into certificates.
        "record_links": (
            links_for(request.user, [evaluation.event_id]).get(evaluation.event_id, [])
            if status == COMPLETE
            else []
        ),
    }
    return render(request, "evaluations/detail.html", context)


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(pk)
    if evaluation.registration.user_id != request.user.pk:
        return _refused(request)
    return _render(request, evaluation, None)


@require_POST
@login_required
def evaluation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(pk)
    if evaluation.registration.user_id != request.user.pk:
        return _refused(request)
    if evaluation.display_status != INCOMPLETE:
        # Submitted in another tab, closed or withdrawn meanwhile: the page says which.
        return redirect("evaluations:detail", evaluation.pk)
    form = EvaluationForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            submit_evaluation(
                evaluation,
                user=request.user,
                answers=form.answers(),
                attested=form.cleaned_data["attested"],
                license=form.cleaned_data["license"],
                category=form.cleaned_data["category"],
            )
        except DomainError as exc:
            if not form.show_domain_error(exc):
                messages.error(request, f"Not submitted: {exc.message}")
                return redirect("evaluations:detail", evaluation.pk)
        else:
            messages.success(request, SUBMITTED_MESSAGE.format(title=evaluation.event.title))
            return redirect("evaluations:detail", evaluation.pk)
    messages.error(request, "Nothing was submitted: see the questions marked below.")
    return _render(request, evaluation, form)
