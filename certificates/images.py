"""Loading and storing the images certificates name by content hash."""

from __future__ import annotations

import hashlib
from typing import Any

from certificates.models import BrandImage
from certificates.pdf import render_certificate


def images_for(snapshot: dict[str, Any]) -> dict[str, bytes]:
    hashes = list(snapshot.get("images", {}).values())
    return {
        image.sha256: bytes(image.content) for image in BrandImage.objects.filter(sha256__in=hashes)
    }


def pdf_bytes(snapshot: dict[str, Any]) -> bytes:
    return render_certificate(snapshot, images_for(snapshot))


def store_image(content: bytes, content_type: str) -> BrandImage:
    digest = hashlib.sha256(content).hexdigest()
    image, _ = BrandImage.objects.get_or_create(
        sha256=digest, defaults={"content": content, "content_type": content_type}
    )
    return image
