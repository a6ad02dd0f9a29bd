"""Template helpers for pages outside the certificates app (the staff dashboard)."""

from __future__ import annotations

from django import template

from certificates.models import NameCorrectionRequest

register = template.Library()


@register.simple_tag
def pending_correction_count() -> int:
    return NameCorrectionRequest.objects.filter(status=NameCorrectionRequest.PENDING).count()
