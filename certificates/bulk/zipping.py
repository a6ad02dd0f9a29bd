"""A ZIP of certificate PDFs, "<number>.pdf" each. Each entry is dated with its document's own
date (a certificate's issue time), so archive tools show real dates and the same certificates
always give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from certificates.images import pdf_bytes
from certificates.models import Certificate

# ZIP cannot store dates before 1980 (and keeps no zone: entries are dated in UTC).
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def entry_date(moment: dt.datetime | dt.date) -> tuple[int, int, int, int, int, int]:
    """A ZIP entry's date for a document made at `moment` (a date counts from its midnight)."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    moment = max(moment.astimezone(dt.UTC), EARLIEST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def zip_entry(name: str, made: dt.datetime | dt.date) -> zipfile.ZipInfo:
    """An archive entry dated when its document was made, with ordinary file permissions."""
    info = zipfile.ZipInfo(name, date_time=entry_date(made))
    info.external_attr = 0o644 << 16
    return info


def zip_certificates(certificates: Iterable[Certificate]) -> bytes:
    buffer = io.BytesIO()
    # The PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in sorted(certificates, key=lambda c: c.number):
            archive.writestr(
                zip_entry(f"{certificate.number}.pdf", certificate.issued_at),
                pdf_bytes(certificate.snapshot),
            )
    return buffer.getvalue()
