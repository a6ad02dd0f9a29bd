"""The certificate reads as an official document: names in any script, human text only, a
signature line, readable approval statements."""

from __future__ import annotations

import copy
import io
import unicodedata
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from certificates.formatting import approval_heading, provider_number
from certificates.pdf import render_certificate
from certificates.pdfkit import _FALLBACK_FILES, _FONT_FILES, FONTS_DIR, SERIF_BOLD, font_runs
from certificates.tests.test_pdf import snapshot, text_of

__all__ = ["snapshot"]  # the base snapshot fixture, shared

NAMES = {
    "latin": "Zoë Ångström-Núñez",
    "greek": "Αικατερίνη Παπαδοπούλου",
    "cyrillic": "Анастасия Кузнецова",
    "chinese": "王秀英",
    "japanese": "山田 はるか",
    "korean": "김민준",
    "arabic": "فاطمة الزهراء",
    "hebrew": "שרה לוי",
}


@pytest.fixture
def official(snapshot) -> dict[str, Any]:
    snapshot = copy.deepcopy(snapshot)
    snapshot["approvals"].append(
        {
            "body_name": "Association of Social Work Boards Approved Continuing Education (ACE) "
            "program",
            "body_code": "ASWB_ACE",
            "approval_number": "1234",
            "statement": "Northwest, provider #1234, is approved to offer social work continuing "
            "education by the ASWB ACE program.",
        }
    )
    return snapshot


def _cmap(font: str) -> set[int]:
    files = {**_FONT_FILES, **_FALLBACK_FILES}
    return set(TTFont(FONTS_DIR / files[font], lazy=True).getBestCmap())


@pytest.mark.parametrize("script", NAMES)
def test_a_legal_name_in_any_script_is_printed_in_a_font_that_has_its_glyphs(official, script):
    name = NAMES[script]
    official["holder_name"] = name

    text = unicodedata.normalize("NFKC", text_of(render_certificate(official)))

    # pypdf gives right-to-left text back in logical order; Arabic comes out as presentation
    # forms, which NFKC folds back to the letters typed.
    assert name in text
    runs = font_runs(name, SERIF_BOLD)
    assert "".join(part for _, part in runs) == name
    for font, part in runs:
        cmap = _cmap(font)
        assert [char for char in part if ord(char) not in cmap] == [], font


def test_right_to_left_names_are_shaped_and_drawn_in_their_own_fonts():
    [(arabic_font, _)] = font_runs(NAMES["arabic"], SERIF_BOLD)
    [(hebrew_font, _)] = font_runs(NAMES["hebrew"], SERIF_BOLD)
    assert (arabic_font, hebrew_font) == ("FCArabic-Bold", "FCHebrew-Bold")


def test_a_mixed_script_name_keeps_every_letter(official):
    official["holder_name"] = "Maria 王 Иванова"

    runs = font_runs(official["holder_name"], SERIF_BOLD)

    assert [font for font, _ in runs] == [SERIF_BOLD, "FCCJK-Bold", SERIF_BOLD]
    assert "Maria 王 Иванова" in text_of(render_certificate(official))


def test_emoji_no_font_has_are_left_out_and_the_name_still_prints(official):
    official["holder_name"] = "Sam 😀 Rivera"

    text = text_of(render_certificate(official))

    assert "Sam Rivera" in text
    assert "😀" not in text and "\ufffd" not in text


def test_only_human_text_no_slugs_or_body_codes(official):
    text = text_of(render_certificate(official))

    assert "trauma-telehealth" not in text
    assert "[APA]" not in text and "ASWB_ACE" not in text and "[" not in text
    assert "American Psychological Association, Provider No. 123" in text
    assert (
        "Association of Social Work Boards Approved Continuing Education (ACE) program, "
        "Provider No. 1234" in text
    )
    assert "provider #1234, is approved" in text


@pytest.mark.parametrize("number", ["1234", "#1234", "No. 1234", " no 1234 "])
def test_a_provider_number_prints_with_one_sign(number):
    assert provider_number(number) == "1234"
    heading = approval_heading({"body_name": "ASWB ACE", "approval_number": number})
    assert heading == "ASWB ACE, Provider No. 1234"


def test_an_approval_without_a_number_prints_the_body_name_alone():
    assert approval_heading({"body_name": "APA", "approval_number": ""}) == "APA"


def test_without_a_signature_image_the_line_says_signature_on_file(official):
    text = text_of(render_certificate(official))

    assert "Signature on file Jordan Ellis, PsyD Director of Continuing Education" in text


def test_without_a_signatory_the_provider_signs(official):
    official["signatory"] = {"name": "", "title": ""}

    text = text_of(render_certificate(official))

    assert "Signature on file Northwest Behavioral Health Education" in text


def _text_runs(pdf: bytes) -> list[tuple[float, tuple[float, ...], str]]:
    """(font size, fill colour, text) for each piece of text drawn on the first page."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    runs: list[tuple[float, tuple[float, ...], str]] = []
    colour: list[tuple[float, ...]] = [(0.0,)]

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((font_size * tm[0], colour[0], text.strip()))

    def operators(operator, args, cm, tm):
        if operator == b"rg":
            colour[0] = tuple(float(a) for a in args)

    page.extract_text(visitor_text=visit, visitor_operand_before=operators)
    return runs


def test_approval_statements_are_readable_dark_type(official):
    statement = official["approvals"][0]["statement"]

    runs = [run for run in _text_runs(render_certificate(official)) if run[2] in statement]

    assert runs
    for size, colour, _ in runs:
        assert size >= 8.5
        assert max(colour) < 0.25  # the document's ink, not grey


def test_many_long_approvals_continue_on_a_second_page_instead_of_shrinking(official):
    long = official["approvals"][1]["statement"] * 6
    official["approvals"] = [dict(official["approvals"][1], statement=long) for _ in range(3)]

    reader = PdfReader(io.BytesIO(render_certificate(official)))

    assert len(reader.pages) == 2
    assert "Approvals (continued)" in reader.pages[1].extract_text()
