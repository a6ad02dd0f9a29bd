"""Uploaded report files waiting between their preview and the staff member's confirmation."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.models import StagedFile, StagedUpload
from attendance.services.importing import ImportSummary
from events.models import Event

# Long enough to read a preview over lunch; short enough that forgotten uploads don't pile up.
LIFETIME = dt.timedelta(days=1)


class StagedUploadGone(Exception):
    """The upload was confirmed, discarded or has expired."""


def _cutoff() -> dt.datetime:
    return timezone.now() - LIFETIME


@transaction.atomic
def stage(
    event: Event,
    user: User,
    files: list[tuple[str, bytes]],
    *,
    time_zone: str,
    summary: ImportSummary,
) -> StagedUpload:
    # Whoever stages next clears out the expired ones: no scheduled job needed.
    StagedUpload.objects.filter(created_at__lt=_cutoff()).delete()
    upload = StagedUpload.objects.create(
        event=event, uploaded_by=user, time_zone=time_zone, summary=summary.as_dict()
    )
    StagedFile.objects.bulk_create(
        StagedFile(upload=upload, position=index, name=name[:255], content=content)
        for index, (name, content) in enumerate(files)
    )
    return upload


def staged(event: Event, token: str, user: User) -> StagedUpload:
    """The live upload behind `token`, for its uploader only."""
    upload = StagedUpload.objects.filter(
        event=event, token=token, created_at__gte=_cutoff()
    ).first()
    if upload is None:
        raise StagedUploadGone
    if upload.uploaded_by_id != user.pk:
        # Confirming stores the files under the confirmer's name: it must be the person who
        # looked at the preview.
        raise PermissionDenied("Only the person who uploaded these files can import them.")
    return upload


def staged_files(upload: StagedUpload) -> list[tuple[str, bytes]]:
    return [(f.name, bytes(f.content)) for f in upload.files.order_by("position")]


def summary_of(upload: StagedUpload) -> ImportSummary:
    # Only the fields ImportSummary still has: a deploy between preview and confirm must not
    # break the preview page.
    known = {f.name for f in dataclasses.fields(ImportSummary)}
    return ImportSummary(**{k: v for k, v in upload.summary.items() if k in known})
