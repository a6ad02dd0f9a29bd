"""Request bodies read with the bounded JSON loader, so their shape can never crash a request.

ninja turns any exception from `parse_body` into a 400 whose cause is that exception;
`api.errors` answers a BodyUnreadable cause with its code and message.
"""

from __future__ import annotations

import json
from typing import cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny

from core.safejson import JSONTooComplex, loads_bounded


class BodyUnreadable(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class BoundedJSONParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        try:
            return cast(DictStrAny, loads_bounded(request.body))
        except JSONTooComplex as exc:
            raise BodyUnreadable(exc.code, exc.message) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BodyUnreadable("invalid_json", "The request body is not valid JSON.") from exc
