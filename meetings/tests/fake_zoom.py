"""A local stand-in for Zoom's OAuth and REST API, served over real HTTP on the loopback.

It speaks the request and response shapes FullCredit relies on (Server-to-Server OAuth,
webinars, registrants, past instances, paginated participant reports) and can be told to
misbehave the way Zoom does: 429 with and without Retry-After, the daily limit, 5xx, expired
access tokens and page tokens, and reports that are not ready yet.
"""

from __future__ import annotations

import base64
import itertools
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

ACCOUNT_ID = "acct-fullcredit"
CLIENT_ID = "client-id-123"
CLIENT_SECRET = "client-secret-456"
ALL_SCOPES = "webinar:read:admin webinar:write:admin report:read:admin"


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    method: str
    raw_path: str
    query: dict[str, str]
    body: Any
    authorization: str


class FakeZoom:
    def __init__(self) -> None:
        self.scopes = ALL_SCOPES
        self.valid_tokens: set[str] = set()
        self.token_requests: list[Seen] = []
        self.requests: list[Seen] = []
        self.webinars: dict[str, dict[str, Any]] = {}
        self.registrants: dict[str, dict[str, dict[str, Any]]] = {}
        self.instances: dict[str, list[dict[str, str]]] = {}
        self.reports: dict[str, list[dict[str, Any]]] = {}
        self.not_ready: set[str] = set()
        self.scripted: list[Reply] = []
        self.expire_next_page_token = False
        self.page_tokens: dict[str, tuple[str, int]] = {}
        self._ids = itertools.count(81234567890)
        self.lock = threading.Lock()
        self.base_url = ""
        self.oauth_url = ""
        # What the client under test would have slept, in seconds (tests never really wait).
        self.sleeps: list[float] = []

    # --- Controls used by tests -------------------------------------------------------------
    def fail_next(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        """The next API call (after authentication) gets this answer instead."""
        self.scripted.append(Reply(status, body, headers or {}))

    def expire_tokens(self) -> None:
        self.valid_tokens.clear()

    def add_instance(self, webinar_id: str, uuid: str, start_time: str, rows: list[dict]):
        self.instances.setdefault(webinar_id, []).append({"uuid": uuid, "start_time": start_time})
        self.reports[uuid] = rows

    def api_requests(self, method: str, path_start: str) -> list[Seen]:
        return [
            r for r in self.requests if r.method == method and r.raw_path.startswith(path_start)
        ]

    # --- OAuth ------------------------------------------------------------------------------
    def token(self, seen: Seen) -> Reply:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if seen.authorization != expected:
            return Reply(
                401, {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}
            )
        if seen.query.get("grant_type") != "account_credentials":
            return Reply(
                400, {"reason": "Unsupported grant type", "error": "unsupported_grant_type"}
            )
        if seen.query.get("account_id") != ACCOUNT_ID:
            return Reply(400, {"reason": "Invalid account_id", "error": "invalid_request"})
        token = "tok-" + secrets.token_hex(8)
        self.valid_tokens.add(token)
        return Reply(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": 3599,
                "scope": self.scopes,
            },
        )

    # --- REST API ---------------------------------------------------------------------------
    def api(self, seen: Seen, segments: list[str]) -> Reply:
        if seen.authorization.removeprefix("Bearer ") not in self.valid_tokens:
            return Reply(401, {"code": 124, "message": "Invalid access token."})
        if self.scripted:
            return self.scripted.pop(0)
        routes = [
            ("POST", "users/*/webinars", self.create_webinar),
            ("GET", "users/*/webinars", self.list_webinars),
            ("PATCH", "webinars/*", self.update_webinar),
            ("DELETE", "webinars/*", self.delete_webinar),
            ("POST", "webinars/*/registrants", self.add_registrant),
            ("PUT", "webinars/*/registrants/status", self.registrant_status),
            ("GET", "past_webinars/*/instances", self.past_instances),
            ("GET", "report/webinars/*/participants", self.report),
        ]
        for method, pattern, handler in routes:
            parts = pattern.split("/")
            same_shape = method == seen.method and len(parts) == len(segments)
            if same_shape and all(p in ("*", s) for p, s in zip(parts, segments, strict=True)):
                return handler(seen, segments)
        return Reply(404, {"code": 404, "message": "No such API."})

    def _webinar(self, webinar_id: str) -> dict[str, Any] | None:
        return self.webinars.get(webinar_id)

    def create_webinar(self, seen: Seen, segments: list[str]) -> Reply:
        webinar_id = str(next(self._ids))
        body = seen.body
        webinar = {
            **body,
            "id": int(webinar_id),
            "uuid": base64.b64encode(secrets.token_bytes(16)).decode(),
            "host_id": "host-" + segments[1],
            "join_url": f"https://zoom.example/w/{webinar_id}",
            "registration_url": f"https://zoom.example/webinar/register/{webinar_id}",
            "start_url": f"https://zoom.example/s/{webinar_id}?zak=secret",
        }
        self.webinars[webinar_id] = webinar
        self.registrants[webinar_id] = {}
        return Reply(201, webinar)

    def list_webinars(self, seen: Seen, segments: list[str]) -> Reply:
        return Reply(200, {"page_size": 1, "total_records": 0, "webinars": []})

    def update_webinar(self, seen: Seen, segments: list[str]) -> Reply:
        webinar = self._webinar(segments[1])
        if webinar is None:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        webinar.update(seen.body)
        return Reply(204)

    def delete_webinar(self, seen: Seen, segments: list[str]) -> Reply:
        if self.webinars.pop(segments[1], None) is None:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        return Reply(204)

    def add_registrant(self, seen: Seen, segments: list[str]) -> Reply:
        webinar = self._webinar(segments[1])
        if webinar is None:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        body = seen.body
        if not body.get("email") or not body.get("first_name"):
            return Reply(400, {"code": 300, "message": "Validation Failed."})
        registrant_id = "reg" + secrets.token_hex(6)
        token = secrets.token_urlsafe(12)
        registrant = {
            **body,
            "id": registrant_id,
            "status": "approved",
            "join_url": f"https://zoom.example/w/{webinar['id']}?tk={token}",
        }
        self.registrants[segments[1]][registrant_id] = registrant
        return Reply(
            201,
            {
                "id": webinar["id"],
                "join_url": registrant["join_url"],
                "registrant_id": registrant_id,
                "start_time": webinar.get("start_time"),
                "topic": webinar.get("topic"),
            },
        )

    def registrant_status(self, seen: Seen, segments: list[str]) -> Reply:
        registrants = self.registrants.get(segments[1])
        if registrants is None:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        action = seen.body.get("action")
        if action not in {"approve", "deny", "cancel"}:
            return Reply(400, {"code": 300, "message": "Invalid action."})
        for entry in seen.body.get("registrants", []):
            if entry.get("id") in registrants:
                registrants[entry["id"]]["status"] = {
                    "approve": "approved",
                    "deny": "denied",
                    "cancel": "cancelled",
                }[action]
        return Reply(204)

    def past_instances(self, seen: Seen, segments: list[str]) -> Reply:
        if segments[1] not in self.instances:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        return Reply(200, {"webinars": self.instances[segments[1]]})

    def report(self, seen: Seen, segments: list[str]) -> Reply:
        uuid = segments[2]
        if "%" in uuid:  # double-encoded: Zoom decodes the segment once more
            uuid = unquote(uuid)
        if uuid in self.not_ready or uuid not in self.reports:
            return Reply(404, {"code": 3001, "message": "Webinar does not exist."})
        page_size = min(int(seen.query.get("page_size", "30")), 300)
        offset = 0
        page_token = seen.query.get("next_page_token", "")
        if page_token:
            if self.expire_next_page_token:
                self.expire_next_page_token = False
                return Reply(
                    400, {"code": 300, "message": "The next page token is invalid or has expired."}
                )
            token_uuid, offset = self.page_tokens[page_token]
            assert token_uuid == uuid
        rows = self.reports[uuid]
        if seen.query.get("include_fields") != "registrant_id":
            rows = [{k: v for k, v in row.items() if k != "registrant_id"} for row in rows]
        chunk = rows[offset : offset + page_size]
        next_token = ""
        if offset + page_size < len(rows):
            next_token = secrets.token_urlsafe(16)
            self.page_tokens[next_token] = (uuid, offset + page_size)
        return Reply(
            200,
            {
                "page_count": -(-len(rows) // page_size),
                "page_size": page_size,
                "total_records": len(rows),
                "next_page_token": next_token,
                "participants": chunk,
            },
        )


def make_handler(fake: FakeZoom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests assert on `fake.requests` instead."""

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = (
                json.loads(raw) if raw and "json" in self.headers.get("Content-Type", "") else None
            )
            seen = Seen(
                method=self.command,
                raw_path=parts.path,
                query={k: v[0] for k, v in parse_qs(parts.query).items()},
                body=body,
                authorization=self.headers.get("Authorization", ""),
            )
            with fake.lock:
                if parts.path == "/oauth/token":
                    fake.token_requests.append(seen)
                    reply = fake.token(seen)
                elif parts.path.startswith("/v2/"):
                    fake.requests.append(seen)
                    # Like Zoom, decode the whole path once before splitting it into segments,
                    # which is why a UUID with "/" in it has to be encoded twice.
                    segments = unquote(parts.path.removeprefix("/v2/")).split("/")
                    reply = fake.api(seen, segments)
                else:
                    reply = Reply(404, {"message": "Not found"})
            payload = b"" if reply.body is None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if payload:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    return Handler


class FakeZoomServer:
    def __init__(self) -> None:
        self.fake = FakeZoom()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.fake))
        host, port = self.server.server_address[:2]
        self.fake.base_url = f"http://{host}:{port}/v2"
        self.fake.oauth_url = f"http://{host}:{port}/oauth/token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeZoom:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
