"""allauth's hooks for FullCredit accounts."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from core.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # The same address the app's own rate limits count by. allauth's reading of
        # ALLAUTH_TRUSTED_PROXY_COUNT agrees on well-formed headers but raises
        # ImproperlyConfigured (a 500 on the login page) when a request carries fewer
        # X-Forwarded-For entries than there are proxies.
        return client_address(request)
