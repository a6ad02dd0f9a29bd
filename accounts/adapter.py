"""allauth's hooks for FullCredit accounts."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.shortcuts import resolve_url

from core.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # The same address the app's own rate limits count by. allauth's reading of
        # ALLAUTH_TRUSTED_PROXY_COUNT agrees on well-formed headers but raises
        # ImproperlyConfigured (a 500 on the login page) when a request carries fewer
        # X-Forwarded-For entries than there are proxies.
        return client_address(request)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Staff start where their queue is; everyone else at their own next steps. A `next`
        # the login page was sent with still wins (allauth asks this only without one).
        user = request.user
        if user.is_authenticated and user.has_perm("accounts.access_staff_area"):
            return resolve_url("staff:dashboard")
        return super().get_login_redirect_url(request)
