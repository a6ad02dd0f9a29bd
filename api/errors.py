"""One error shape for every refusal: {"code", "message", "details"?}.

Domain errors keep the stable code their service gave them; the status says what kind of
refusal it is. Validation problems (ninja's and the services' field errors) are 422 with one
detail per field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.codes import ApiCode
from api.parser import BodyUnreadable
from attendance.errors import AttendanceCode
from certificates.errors import CertificateCode
from core.errors import DomainError
from evaluations.errors import EvaluationCode
from events.errors import EventCode


class FieldProblem(Schema):
    field: str
    code: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    details: list[FieldProblem] | None = None


ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)

# Codes whose refusal means "this is not yours to see": answered like a missing object.
NOT_FOUND_CODES = {
    EventCode.EVENT_NOT_FOUND,
    EvaluationCode.NOT_YOURS,
    CertificateCode.NOT_CERTIFICATE_OWNER,
    AttendanceCode.WRONG_EVENT,
}
FORBIDDEN_CODES = {CertificateCode.NOT_ALLOWED}


class FormInvalid(DomainError):
    """A Django form's errors (the web page's own checks), one problem per message."""

    def __init__(self, form: Form, message: str) -> None:
        super().__init__(ApiCode.VALIDATION_ERROR, message, field="request")
        self.problems = [
            ApiCode.INVALID.error(str(text), field=name)
            for name, texts in form.errors.items()
            for text in texts
        ]


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many requests.")
        self.retry_after = retry_after


def errors(**responses: Any) -> dict[int, Any]:
    """An operation's documented responses: its own, plus every error in the common shape."""
    documented: dict[int, Any] = dict.fromkeys(ERROR_STATUSES, ErrorOut)
    for status, schema in responses.items():
        documented[int(status.removeprefix("s"))] = schema
    return documented


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, str]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, body, status=status)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "payload", "breaks", 0, "start") -> "breaks.0.start": the request part and
    # ninja's parameter name say nothing to the caller.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:]
        if parts and parts[0] in {"payload", "filters", "data", "upload"}:
            parts = parts[1:]
    return ".".join(parts) or "request"


def domain_status(exc: DomainError) -> int:
    # A service's own limit (e.g. dial-in claims) says when to try again.
    if getattr(exc, "retry_after", None) is not None:
        return 429
    if exc.code in NOT_FOUND_CODES:
        return 404
    if exc.code in FORBIDDEN_CODES:
        return 403
    # A problem with a named field is a validation problem; otherwise the state refuses it.
    return 422 if exc.field else 409


def body_problem(exc: HttpError) -> tuple[str, str] | None:
    """Code and message for a JSON body the parser could not read, else None."""
    cause = exc.__cause__
    if isinstance(cause, BodyUnreadable):
        return cause.code, cause.message
    return None


def install(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {
                "field": _location(error.get("loc", ())),
                "code": str(error.get("type", "invalid")),
                "message": str(error.get("msg", "Invalid value.")),
            }
            for error in exc.errors
        ]
        return error_response(
            api, request, 422, "validation_error", "The request is not valid.", details
        )

    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        problems = getattr(exc, "problems", None)
        details = None
        if problems:
            details = [
                {"field": p.field or "request", "code": p.code, "message": p.message}
                for p in problems
            ]
        elif exc.field:
            details = [{"field": exc.field, "code": exc.code, "message": exc.message}]
        response = error_response(api, request, domain_status(exc), exc.code, exc.message, details)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            api,
            request,
            401,
            "not_authenticated",
            "Send a valid token: Authorization: Bearer <token>.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        unreadable = body_problem(exc)
        if unreadable is not None:
            return error_response(api, request, 400, *unreadable)
        codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "not_allowed"}
        return error_response(
            api, request, exc.status_code, codes.get(exc.status_code, "error"), exc.message
        )

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "not_found", "Not found.")

    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "You are not allowed to do this."
        return error_response(api, request, 403, "forbidden", message)

    def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = error_response(
            api, request, 429, "rate_limited", "Too many requests; try again shortly."
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(DomainError, on_domain)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(RateLimited, on_rate_limited)
