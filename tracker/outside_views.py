"""Outside credit pages: list, add, edit, delete, and the private download of the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from core.errors import DomainError
from tracker.forms import OutsideCreditForm
from tracker.models import OutsideCredit
from tracker.services.outside import (
    add_outside_credit,
    delete_outside_credit,
    update_outside_credit,
)


def _own(request: HttpRequest, pk: int) -> OutsideCredit:
    return get_object_or_404(OutsideCredit, pk=pk, user=request.user)


@login_required
@require_GET
def outside_list(request: HttpRequest) -> HttpResponse:
    credits = (
        OutsideCredit.objects.filter(user=request.user)
        .select_related("approval_body")
        .prefetch_related("categories", "assignments__user_license__license_type")
    )
    return render(request, "tracker/outside_list.html", {"credits": credits})


def _form_page(
    request: HttpRequest, form: OutsideCreditForm, credit: OutsideCredit | None
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(
        request, "tracker/outside_form.html", {"form": form, "credit": credit}, status=status
    )


@login_required
def outside_add(request: HttpRequest) -> HttpResponse:
    form = OutsideCreditForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit = add_outside_credit(request.user, form.cleaned_data, request.FILES.get("file"))
        except DomainError as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request, "Saved. Now choose the licenses and categories its hours count for."
            )
            return redirect("tracker:assign_outside", credit.pk)
    return _form_page(request, form, None)


@login_required
def outside_edit(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _own(request, pk)
    form = OutsideCreditForm(request.POST or None, request.FILES or None, instance=credit)
    if request.method == "POST" and form.is_valid():
        try:
            removed = update_outside_credit(
                credit, request.user, form.cleaned_data, request.FILES.get("file")
            )
        except DomainError as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if removed:
                messages.warning(
                    request,
                    "Saved. Some of its assignments no longer fit the record and were removed; "
                    "check where its hours count.",
                )
                return redirect("tracker:assign_outside", credit.pk)
            messages.success(request, "Saved.")
            return redirect("tracker:outside_list")
    # An invalid form has already written the submitted values onto the instance.
    return _form_page(request, form, OutsideCredit.objects.get(pk=credit.pk))


@login_required
def outside_delete(request: HttpRequest, pk: int) -> HttpResponse:
    credit = _own(request, pk)
    if request.method == "POST":
        delete_outside_credit(credit, request.user)
        messages.success(request, f"Deleted “{credit.title}” and its file.")
        return redirect("tracker:outside_list")
    return render(request, "tracker/outside_delete.html", {"credit": credit})


@login_required
@require_GET
def outside_file(request: HttpRequest, pk: int) -> FileResponse:
    credit = get_object_or_404(OutsideCredit, pk=pk)
    # Clinical staff may check a record (an audit); anyone else gets the same 404 as for a
    # record that does not exist.
    if credit.user_id != request.user.pk and not request.user.is_clinical_staff:
        raise Http404("No such file.")
    response = FileResponse(
        credit.file.open("rb"),
        as_attachment=True,
        filename=credit.original_filename,
        content_type=credit.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
