from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "provider_name": settings.PROVIDER_NAME,
        "outbox_enabled": settings.OUTBOX_PAGE_ENABLED,
        "is_clinical_staff": bool(
            user is not None
            and user.is_authenticated
            and user.has_perm("accounts.access_staff_area")
        ),
    }
