"""Certificate wording shared by the PDF and the pages, so both read the same."""

from __future__ import annotations

from django import template

from certificates.formatting import approval_heading as heading

register = template.Library()


@register.filter
def approval_heading(approval: dict[str, str]) -> str:
    """ "American Psychological Association, Provider No. 123": never the body's code."""
    return heading(approval)
