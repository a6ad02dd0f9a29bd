"""Start-up checks: a Zoom setup that cannot work should say so before the first event does."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register

CREDENTIALS = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")


@register()
def zoom_settings(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.MEETING_PROVIDER != "zoom":
        return []
    warnings = []
    missing = [name for name in CREDENTIALS if not getattr(settings, name, "")]
    if missing:
        warnings.append(
            Warning(
                f"MEETING_PROVIDER is 'zoom' but {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not set: webinars cannot be created "
                "and attendees get no join link.",
                hint="Copy them from your Server-to-Server OAuth app in the Zoom Marketplace, "
                "then run `python manage.py zoom_check`.",
                id="meetings.W001",
            )
        )
    if not settings.ZOOM_WEBHOOK_SECRET_TOKEN:
        warnings.append(
            Warning(
                "ZOOM_WEBHOOK_SECRET_TOKEN is not set: Zoom's event notifications are refused, "
                "so there is no live room view and reports are pulled only on schedule.",
                hint="Copy the Secret Token from the app's Feature page in the Zoom Marketplace.",
                id="meetings.W002",
            )
        )
    return warnings
