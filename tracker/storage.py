"""Private file storage: a folder outside MEDIA_ROOT that has no URL.

The location is read from settings on every use (not frozen at import), so a test can point
it at a temporary folder.
"""

from __future__ import annotations

import contextlib
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        # No URL at all: `url()` raises, so a template can never link to a private file.
        return None


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage


def remove_files(names: list[str], folder: str) -> None:
    """Delete the named files, then whatever else is left in `folder`, then the folder."""
    storage = private_storage()
    for name in names:
        storage.delete(name)
    if not storage.exists(folder):
        return
    directories, files = storage.listdir(folder)
    for name in files:
        storage.delete(f"{folder}/{name}")
    if not directories:
        with contextlib.suppress(OSError):
            os.rmdir(storage.path(folder))
