"""`python manage.py zoom_check`: can FullCredit work with the configured Zoom account?"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.providers import ProviderError
from meetings.zoom.client import ZoomClient, ZoomError

# Each need is met by its classic scope, or on accounts with granular scopes by one of that
# family (e.g. report:read:list_webinar_participants:admin). Granular names are matched by
# family because Zoom splits them differently per endpoint.
NEEDS = [
    ("create, change and delete webinars", "webinar:write:admin", ("webinar:write:",)),
    (
        "add and cancel registrants",
        "webinar:write:admin",
        ("webinar:write:", "webinar:update:"),
    ),
    ("list a webinar's past instances", "webinar:read:admin", ("webinar:read:",)),
    ("read participant reports", "report:read:admin", ("report:read:",)),
]


def missing_scopes(scopes: frozenset[str]) -> list[str]:
    """What the app cannot do with these scopes, in words and with the scope to add."""
    problems = []
    for need, classic, families in NEEDS:
        if classic in scopes:
            continue
        if any(scope.startswith(family) for scope in scopes for family in families):
            continue
        granular = " or ".join(f"{family}…" for family in families)
        problems.append(f"cannot {need} (add {classic}, or the granular {granular} scopes)")
    return problems


class Command(BaseCommand):
    help = "Check the Zoom credentials, the app's scopes and the webinar host."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MEETING_PROVIDER != "zoom":
            self.stdout.write(
                f"Note: MEETING_PROVIDER is {settings.MEETING_PROVIDER!r}; new events will not "
                "use Zoom until it is set to 'zoom'."
            )
        client = ZoomClient()
        try:
            token = client.token()
        except ProviderError as exc:
            raise CommandError(f"Zoom sign-in failed: {exc}") from exc
        self.stdout.write("Credentials: accepted by Zoom.")
        problems = missing_scopes(token.scopes)
        if problems:
            raise CommandError(
                "The Server-to-Server OAuth app is missing scopes; it "
                + "; it ".join(problems)
                + ". Add them in the Zoom Marketplace (Scopes page) and activate the app again."
            )
        self.stdout.write("Scopes: everything FullCredit needs is granted.")
        host = settings.ZOOM_WEBINAR_HOST
        try:
            client.request(
                "GET", f"/users/{quote(host, safe='@')}/webinars", params={"page_size": 1}
            )
        except ZoomError as exc:
            raise CommandError(
                f"The webinar host {host!r} (ZOOM_WEBINAR_HOST) cannot list webinars: {exc}. "
                "The host must be a user on the account with a Zoom Webinars license."
            ) from exc
        except ProviderError as exc:
            raise CommandError(f"Zoom could not be reached: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Webinar host {host!r}: can host webinars. Zoom is ready.")
        )
