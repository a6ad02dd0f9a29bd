"""Account settings → API tokens (create, list, revoke), and the API's documentation page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from api.api import api
from api.forms import TokenForm
from api.models import AccessToken
from api.tokens import create_token, revoke_token
from core.errors import DomainError


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = create_token(
                request.user,
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
                read_only=form.cleaned_data["read_only"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # Rendered rather than redirected: the secret is not stored, so this response is
            # the only place it can ever appear.
            return render(
                request,
                "api/token_created.html",
                {"token": token, "secret": secret, "section": "api_tokens"},
            )
    tokens = AccessToken.objects.filter(user=request.user)
    return render(
        request, "api/tokens.html", {"form": form, "tokens": tokens, "section": "api_tokens"}
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    try:
        revoke_token(token, actor=request.user)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, f"The token “{token.name}” was revoked; it no longer works.")
    return redirect("api_tokens")


def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from ninja's bundled copies of its script and style (no CDN).

    ninja's page loads only same-origin files and keeps its settings in a JSON data block, so
    the site's Content-Security-Policy needs no exception for it. The CSRF token is always
    handed to the page (ninja only does so for an API-wide session auth), so "Try it out"
    works for a signed-in visitor as well as with a bearer token.
    """
    settings = {**api.docs.settings, "url": reverse("api-v1:openapi-json")}
    context = {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": True}
    return render(request, "ninja/swagger.html", context)
