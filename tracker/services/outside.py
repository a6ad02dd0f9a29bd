"""Outside credit: CE earned from other providers, with the certificate the person uploads.

The upload is checked by its content, not by its name or the browser's claimed type: a PDF
starts with ``%PDF-``, and an image must open in Pillow as a PNG or a JPEG of a sane size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.images import ImageTooLarge, identify
from tracker.errors import FILE_TOO_LARGE, TrackerCode
from tracker.models import OutsideCredit
from tracker.services.assignments import drop_invalid_outside_assignments

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
FIELDS = [
    "title",
    "provider",
    "approval_body",
    "approval_body_other",
    "completed_on",
    "hours",
    "format",
]


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    content_type: str
    size: int


def check_upload(upload: UploadedFile | None) -> CheckedUpload:
    """Refuse anything but a PDF, PNG or JPEG of at most 10 MB, judged by its bytes."""
    if upload is None:
        raise TrackerCode.FILE_REQUIRED.error(field="file")
    size = upload.size or 0
    if size == 0:
        raise TrackerCode.FILE_EMPTY.error(field="file")
    if size > MAX_UPLOAD_BYTES:
        raise FILE_TOO_LARGE.error(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is 10 MB. Try a smaller scan "
            "or a PDF.",
            field="file",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return CheckedUpload(upload, "application/pdf", size)
    try:
        kind = identify(upload.read())
    except ImageTooLarge as exc:
        raise TrackerCode.IMAGE_TOO_LARGE.error(exc.message, field="file") from None
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise TrackerCode.FILE_TYPE_NOT_ALLOWED.error(field="file")
    return CheckedUpload(upload, IMAGE_TYPES[kind], size)


def _store(credit: OutsideCredit, checked: CheckedUpload) -> None:
    name = checked.upload.name or "certificate"
    credit.original_filename = name[-255:]
    credit.content_type = checked.content_type
    credit.size = checked.size
    # The stored name gets the extension of what the file really is.
    credit.file.save(f"certificate.{EXTENSIONS[checked.content_type]}", checked.upload, save=False)


def _apply(credit: OutsideCredit, fields: dict[str, Any]) -> None:
    for name in FIELDS:
        setattr(credit, name, fields[name])
    if credit.approval_body is not None:
        credit.approval_body_other = ""


@transaction.atomic
def add_outside_credit(
    user: Any, fields: dict[str, Any], upload: UploadedFile | None
) -> OutsideCredit:
    """`fields`: a cleaned outside-credit form (FIELDS plus `categories`)."""
    checked = check_upload(upload)
    credit = OutsideCredit(user=user)
    _apply(credit, fields)
    _store(credit, checked)
    # A file already written must not outlive a failed insert.
    try:
        credit.save()
    except Exception:
        credit.file.delete(save=False)
        raise
    credit.categories.set(fields.get("categories") or [])
    return credit


@transaction.atomic
def update_outside_credit(
    credit: OutsideCredit, user: Any, fields: dict[str, Any], upload: UploadedFile | None
) -> int:
    """Save an edit (a new file replaces the old one). Returns how many assignments were
    removed because the record no longer supports them."""
    credit = OutsideCredit.objects.select_for_update().get(pk=credit.pk)
    if credit.user_id != user.pk:
        raise TrackerCode.OUTSIDE_CREDIT_NOT_YOURS.error()
    checked = check_upload(upload) if upload is not None else None
    old_name = credit.file.name
    _apply(credit, fields)
    if checked is not None:
        _store(credit, checked)
    credit.save()
    credit.categories.set(fields.get("categories") or [])
    if checked is not None and old_name:
        storage = credit.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return drop_invalid_outside_assignments(credit)


@transaction.atomic
def delete_outside_credit(credit: OutsideCredit, user: Any) -> None:
    """Delete the record, its assignments and (once committed) its file."""
    credit = OutsideCredit.objects.select_for_update().get(pk=credit.pk)
    if credit.user_id != user.pk:
        raise TrackerCode.OUTSIDE_CREDIT_NOT_YOURS.error()
    name, storage = credit.file.name, credit.file.storage
    credit.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
