"""A ZIP of certificate PDFs, "<number>.pdf" each, with fixed entry dates so the same
certificates always give the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from certificates.images import pdf_bytes
from certificates.models import Certificate

# ZIP cannot store dates before 1980; any fixed date keeps the archive deterministic.
ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


def zip_entry(name: str) -> zipfile.ZipInfo:
    """An archive entry with the fixed date and ordinary file permissions."""
    info = zipfile.ZipInfo(name, date_time=ENTRY_DATE)
    info.external_attr = 0o644 << 16
    return info


def zip_certificates(certificates: Iterable[Certificate]) -> bytes:
    buffer = io.BytesIO()
    # The PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in sorted(certificates, key=lambda c: c.number):
            archive.writestr(
                zip_entry(f"{certificate.number}.pdf"), pdf_bytes(certificate.snapshot)
            )
    return buffer.getvalue()
