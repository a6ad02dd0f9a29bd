"""What the staff attendance page posts to set aside a connection of the unplaced queue that
is not an attendee's, and to put it back. A refusal is said in plain words on the page; a form
with errors is shown again in the queue."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from accounts.models import User
from attendance.forms import SetAsideForm
from attendance.models import Connection
from attendance.services.setting_aside import put_back_connection, set_aside_connection
from attendance.staff.views import back_to_page, event_for, render_page
from core.errors import DomainError
from core.permissions import permission_required
from events.models import Event

CHANGE_CONNECTIONS = "attendance.change_connection"
NOT_FOUND = "Nothing changed: that connection is not part of this event's attendance."


def _connection(event: Event, pk: int) -> Connection | None:
    return Connection.objects.filter(pk=pk, event=event).select_related("registration").first()


def _staff(request: HttpRequest) -> User:
    # permission_required lets only a signed-in member of staff this far.
    return cast(User, request.user)


def _label(connection: Connection) -> str:
    if connection.is_phone:
        ending = f" from …{connection.phone_last4}" if connection.phone_last4 else ""
        return f"The phone call{ending}"
    return f"“{connection.name}”" if connection.name else "The unnamed connection"


@require_POST
@permission_required(CHANGE_CONNECTIONS)
def set_aside(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    connection = _connection(event, pk)
    if connection is None:
        messages.error(request, NOT_FOUND)
        return back_to_page(event)
    form = SetAsideForm(request.POST, connection=connection)
    if form.is_valid():
        try:
            set_aside_connection(
                connection,
                event=event,
                set_aside_as=form.cleaned_data["set_aside_as"],
                actor=_staff(request),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            if exc.field not in form.fields:
                messages.error(request, f"Nothing changed: {exc.message}")
                return back_to_page(event)
            form.show_domain_error(exc)
        else:
            messages.success(
                request,
                f"{_label(connection)} is set aside as not an attendee: it credits nobody. "
                "Put it back from “Set aside” below if that was a mistake.",
            )
            return back_to_page(event)
    if not Connection.objects.unplaced().filter(pk=connection.pk).exists():
        messages.error(request, "Nothing changed: that connection is not in the unplaced queue.")
        return back_to_page(event)
    messages.error(request, "The connection was not set aside: see the queue below.")
    bound: dict[str, forms.Form] = {f"set-aside-{connection.pk}": form}
    return render_page(request, event, bound_forms=bound)


@require_POST
@permission_required(CHANGE_CONNECTIONS)
def put_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    connection = _connection(event, pk)
    if connection is None:
        messages.error(request, NOT_FOUND)
        return back_to_page(event)
    try:
        put_back_connection(connection, event=event, actor=_staff(request))
    except DomainError as exc:
        messages.error(request, f"Nothing changed: {exc.message}")
    else:
        messages.success(
            request, f"{_label(connection)} is back in the unplaced queue, to be placed."
        )
    return back_to_page(event)
