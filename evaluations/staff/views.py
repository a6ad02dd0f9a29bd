"""Staff pages for evaluations: templates and their questions, and each event's evaluation
settings with its list of evaluations (reopening the closed ones). Results are in results_views.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError
from core.permissions import permission_required
from core.templatetags.fc import when
from evaluations.models import Evaluation, EvaluationTemplate, EventEvaluation
from evaluations.services import reopen_evaluation
from evaluations.staff.forms import (
    EventSetupForm,
    QuestionFormSet,
    ReopenForm,
    TemplateForm,
    default_deadline_days,
)
from evaluations.staff.saving import (
    QuestionDraft,
    change_event_setup,
    make_default_template,
    save_template,
)
from evaluations.status import CLOSED, STATUS_LABELS
from events.models import Event

MANAGE_EVALUATIONS = "evaluations.manage_evaluations"


@permission_required(MANAGE_EVALUATIONS)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = EvaluationTemplate.objects.annotate(question_count=Count("questions"))
    return render(request, "evaluations/staff/template_list.html", {"templates": templates})


def _question_initial(template: EvaluationTemplate) -> list[dict[str, Any]]:
    return [
        {
            "position": question.position,
            "code": question.code,
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "repeat": question.repeat,
            "choices": "\n".join(question.choices),
            "scale_low_label": question.scale_low_label,
            "scale_high_label": question.scale_high_label,
        }
        for question in template.questions.all()
    ]


def _drafts(formset: Any) -> list[QuestionDraft]:
    rows = [(index, form.cleaned_data) for index, form in enumerate(formset.live_forms())]
    # An empty position keeps the row where it is on the page.
    rows.sort(key=lambda row: row[1]["position"] if row[1]["position"] is not None else row[0])
    return [
        QuestionDraft(
            code=data["code"],
            kind=data["kind"],
            text=data["text"],
            help_text=data["help_text"],
            required=data["required"],
            repeat=data["repeat"],
            choices=tuple(data["choices"]),
            scale_low_label=data["scale_low_label"],
            scale_high_label=data["scale_high_label"],
        )
        for _, data in rows
    ]


def _edit_template(request: HttpRequest, template: EvaluationTemplate | None) -> HttpResponse:
    instance = template or EvaluationTemplate()
    if request.method == "POST":
        form = TemplateForm(request.POST, instance=instance)
        questions = QuestionFormSet(request.POST, prefix="questions")
        if form.is_valid() and questions.is_valid():
            saved = save_template(
                template,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                questions=_drafts(questions),
                make_default=form.cleaned_data.get("make_default", False),
                actor=request.user,
            )
            messages.success(
                request,
                f"Template “{saved.name}” saved. Evaluations issued from now on use it; those "
                "already issued keep the questions they were issued with.",
            )
            return redirect("evaluations:staff_templates")
        messages.error(request, "Nothing was saved: correct the problems marked below.")
    else:
        form = TemplateForm(instance=instance)
        initial = _question_initial(template) if template is not None else []
        questions = QuestionFormSet(initial=initial, prefix="questions")
    context = {"template": template, "form": form, "questions": questions}
    return render(request, "evaluations/staff/template_form.html", context)


@permission_required(MANAGE_EVALUATIONS)
def template_new(request: HttpRequest) -> HttpResponse:
    return _edit_template(request, None)


@permission_required(MANAGE_EVALUATIONS)
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit_template(request, get_object_or_404(EvaluationTemplate, pk=pk))


@permission_required(MANAGE_EVALUATIONS)
@require_POST
def template_make_default(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(EvaluationTemplate, pk=pk)
    make_default_template(template, actor=request.user)
    messages.success(
        request, f"“{template.name}” is now the default for events that choose no template."
    )
    return redirect("evaluations:staff_templates")


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug)


def _setup_form(event: Event) -> EventSetupForm:
    setup = EventEvaluation.objects.filter(event=event).select_related("template").first()
    if setup is not None:
        initial = {"template": setup.template, "deadline_days": setup.deadline_days}
    else:
        initial = {
            "template": EvaluationTemplate.objects.filter(is_default=True).first(),
            "deadline_days": default_deadline_days(),
        }
    return EventSetupForm(initial=initial)


def render_event_page(
    request: HttpRequest,
    event: Event,
    *,
    setup_form: EventSetupForm | None = None,
    bound_reopen: tuple[int, ReopenForm] | None = None,
) -> HttpResponse:
    """The page; a form that failed validation is passed in bound, so it shows its errors."""
    evaluations = list(
        Evaluation.objects.filter(event=event)
        .select_related("registration")
        .order_by("registration__name", "pk")
    )
    rows = []
    for evaluation in evaluations:
        status = evaluation.display_status
        reopen = None
        if status == CLOSED:
            reopen = (
                bound_reopen[1]
                if bound_reopen and bound_reopen[0] == evaluation.pk
                else ReopenForm(prefix=f"reopen-{evaluation.pk}")
            )
        rows.append((evaluation, status, STATUS_LABELS[status], reopen))
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for _, status, _, _ in rows:
        counts[status] += 1
    context = {
        "event": event,
        "setup": EventEvaluation.objects.filter(event=event).select_related("template").first(),
        "setup_form": setup_form or _setup_form(event),
        "rows": rows,
        "counts": counts,
    }
    return render(request, "evaluations/staff/event_evaluation.html", context)


@permission_required(MANAGE_EVALUATIONS)
@require_GET
def event_evaluation(request: HttpRequest, slug: str) -> HttpResponse:
    return render_event_page(request, _event(slug))


@permission_required(MANAGE_EVALUATIONS)
@require_POST
def event_setup(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = EventSetupForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The settings were not saved: correct the problems below.")
        return render_event_page(request, event, setup_form=form)
    setup = change_event_setup(
        event,
        template=form.cleaned_data["template"],
        deadline_days=form.cleaned_data["deadline_days"],
        actor=request.user,
    )
    messages.success(
        request,
        f"Saved: evaluations issued from now on use “{setup.template.name}” and are due "
        f"{setup.deadline_days} days after they are issued.",
    )
    return redirect("evaluations:staff_event", event.slug)


@permission_required(MANAGE_EVALUATIONS)
@require_POST
def evaluation_reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("registration"), pk=pk, event=event
    )
    form = ReopenForm(request.POST, prefix=f"reopen-{evaluation.pk}")
    if form.is_valid():
        try:
            reopen_evaluation(
                evaluation,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"],
            )
        except DomainError as exc:
            if exc.field not in form.fields:
                messages.error(request, f"Not reopened: {exc.message}")
                return redirect("evaluations:staff_event", event.slug)
            form.add_error(exc.field, exc.message)
        else:
            evaluation.refresh_from_db(fields=["deadline"])
            messages.success(
                request,
                f"{evaluation.registration.name}'s evaluation is open again until "
                f"{when(evaluation.deadline, 'short')}.",
            )
            return redirect("evaluations:staff_event", event.slug)
    messages.error(request, "The evaluation was not reopened: see the form below.")
    return render_event_page(request, event, bound_reopen=(evaluation.pk, form))
