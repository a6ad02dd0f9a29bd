from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.services import delete_account, update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {field: getattr(user, field) for field in ProfileForm.base_fields}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = update_profile(user, actor=user, **form.cleaned_data)
        messages.success(request, "Your profile was saved." if changed else "Nothing changed.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "section": "profile"})


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        delete_account(user, actor=user)
        messages.success(request, "Your account was deleted. We sent a confirmation by email.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form, "section": "delete"})
