"""The count of waiting staff work beside "Staff area" in every page's header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from operations.attention import attention_count


def staff_attention(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("accounts.access_staff_area"):
        return {}
    # Counted only when a template shows it (pages without the header pay nothing).
    return {"staff_attention_count": SimpleLazyObject(attention_count)}
