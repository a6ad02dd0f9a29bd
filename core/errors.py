"""Domain errors: a stable machine code for tests and the API, a plain message for people."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the user can act on. `code` never changes once published; `message` may."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
