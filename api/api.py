"""The versioned JSON API: one NinjaAPI, its routers, and the common error handling."""

from __future__ import annotations

from ninja import NinjaAPI

from api import errors
from api.parser import BoundedJSONParser
from api.routers import (
    me,
    public,
    records,
    staff_attendance,
    staff_events,
    staff_imports,
    staff_people,
    staff_records,
)

DESCRIPTION = """\
FullCredit's JSON API: the public catalog and certificate verification, an attendee's own
records, and the clinical staff's automation.

Authenticate with a personal access token (Account settings → API tokens):
`Authorization: Bearer fc_…`. A token acts with its owner's permissions; read-only tokens may
only make GET requests. The site's own pages may use the session cookie (unsafe methods then
need the CSRF token in `X-CSRFToken`).

Errors share one shape: `{"code", "message", "details"?}`. Lists are paginated with `limit`
and `cursor`; pass a page's `next_cursor` back as `cursor` for the next page. Times are ISO 8601
with their offset.
"""

api = NinjaAPI(
    title="FullCredit API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # The docs page is served at /api/docs by api.views (see there for why).
    docs_url=None,
    parser=BoundedJSONParser(),
)
errors.install(api)

api.add_router("/", public.router)
api.add_router("/me", me.router)
api.add_router("/me", records.router)
api.add_router("/staff", staff_events.router)
api.add_router("/staff", staff_people.router)
api.add_router("/staff", staff_attendance.router)
api.add_router("/staff", staff_imports.router)
api.add_router("/staff", staff_records.router)
