"""Identifying uploaded images by their content, refusing ones that claim an enormous size.

A PNG or JPEG header can claim 20,000 × 20,000 pixels in a file of a few dozen bytes; decoding
it (Pillow, ReportLab) would need gigabytes. Pillow raises DecompressionBombError past twice
its MAX_IMAGE_PIXELS and only warns between once and twice; this module refuses both, and
checks the size itself so the limit holds even if something turned Pillow's off.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

# Pillow's own default (about 89 million pixels): a letter-size page scanned at 600 dpi is
# 34 million, a 48-megapixel phone photo 48 million.
MAX_PIXELS = 89_478_485


class ImageTooLarge(Exception):
    def __init__(self, width: int | None = None, height: int | None = None) -> None:
        # Pillow refuses the worst ones while opening, before the size can be read.
        size = f" ({width:,} × {height:,} pixels)" if width and height else ""
        self.message = (
            f"This image is too large{size}; the limit is {MAX_PIXELS // 1_000_000} million "
            "pixels. Upload a smaller scan, or a PDF."
        )
        super().__init__(self.message)


def check_dimensions(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(width, height)


def identify(content: bytes) -> str | None:
    """Pillow's format name ("PNG", "JPEG", …) for an image it can open and verify, None for
    anything that is not an image; ImageTooLarge when the header claims too many pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:
                check_dimensions(*image.size)
                kind = image.format
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageTooLarge() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
    return kind
