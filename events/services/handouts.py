"""Adding and removing an event's handouts (files for registrants, shown in the Main Hall)."""

from __future__ import annotations

import math
import os

from django.core.files import File
from django.db import transaction

from accounts.models import User
from core import audit
from events.errors import FILE_TOO_LARGE, EventCode
from events.models import Event, Handout

# Formats every attendee can open without special software. No archives (which can hide
# anything), no SVG or HTML (which can carry script).
ACCEPTED_EXTENSIONS = (".pdf", ".docx", ".pptx", ".png", ".jpg", ".jpeg", ".gif", ".webp")
ACCEPTED_DESCRIPTION = "PDF, Word (DOCX), PowerPoint (PPTX) or an image (PNG, JPG, GIF, WebP)"
MAX_HANDOUT_MB = 20
MAX_HANDOUT_BYTES = MAX_HANDOUT_MB * 1024 * 1024


def check_handout_file(name: str, size: int) -> None:
    """Refuse a file by its name's extension and its size, with a message saying what is wrong."""
    extension = os.path.splitext(name)[1].lower()
    if extension not in ACCEPTED_EXTENSIONS:
        found = f"{extension} files are" if extension else "files without an extension are"
        raise EventCode.HANDOUT_TYPE_REFUSED.error(
            field="file", name=os.path.basename(name), found=found, accepted=ACCEPTED_DESCRIPTION
        )
    if size > MAX_HANDOUT_BYTES:
        # Rounded up, so a file just over the limit never reads as "20.0 MB" next to "at most 20".
        megabytes = math.ceil(size * 10 / 1024 / 1024) / 10
        raise FILE_TOO_LARGE.error(
            f"“{os.path.basename(name)}” is {megabytes:.1f} MB; handouts may be at most "
            f"{MAX_HANDOUT_MB} MB. Compress it or split it into parts.",
            field="file",
        )


@transaction.atomic
def add_handout(event: Event, title: str, file: File, actor: User) -> Handout:
    title = " ".join(title.split())
    if not title:
        raise EventCode.HANDOUT_TITLE_REQUIRED.error(field="title")
    if event.is_cancelled:
        raise EventCode.EVENT_CANCELLED.error("A cancelled event can no longer get handouts.")
    check_handout_file(file.name or "", file.size)
    handout = Handout.objects.create(event=event, title=title, file=file)
    audit.record(actor, "handout.added", handout, event=event.slug, file=handout.file.name)
    return handout


@transaction.atomic
def remove_handout(handout: Handout, actor: User) -> None:
    name = handout.file.name
    storage = handout.file.storage
    audit.record(actor, "handout.removed", handout, event=handout.event.slug, file=name)
    handout.delete()
    # A duplicated event shares its source's files, so the file goes only with its last handout,
    # and only once the removal is committed.
    if not Handout.objects.filter(file=name).exists():
        transaction.on_commit(lambda: storage.delete(name))
