"""CE Wallet bulk actions: filters, ZIP of selected certificates, transcript, print view."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.tests.conftest import make_event
from licensing.models import UserLicense

WALLET = "/wallet/certificates/"


def _edit(certificate: Certificate, **changes: object) -> Certificate:
    snapshot = {**certificate.snapshot}
    event = {**snapshot["event"]}
    for key in ("start", "end", "title"):
        if key in changes:
            event[key] = changes.pop(key)
    snapshot["event"] = event
    if "ce_hours" in changes:  # the printed hours and the number they print
        changes["credit_hours"] = changes["ce_hours"]
    snapshot.update(changes)
    Certificate.objects.filter(pk=certificate.pk).update(snapshot=snapshot)
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def wallet(event, dana, omar, submit, run_tasks):
    """Dana: three valid certificates (2024, 2025, 2026) and a revoked one; Omar: one."""
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    for title in ["Ethics for Supervisors", "Suicide Risk Assessment", "Revoked Talk"]:
        submit(make_event(title=title), dana)
    omars = make_event(title="Omar's Event")
    submit(omars, omar)
    run_tasks()
    by_title = {c.snapshot["event"]["title"]: c for c in Certificate.objects.all()}
    trauma = _edit(
        by_title["Trauma-Informed Care in Telehealth"], categories=["Clinical", "Telehealth"]
    )
    ethics = _edit(
        by_title["Ethics for Supervisors"],
        categories=["Ethics"],
        start="2025-03-01T17:00:00+00:00",
        end="2025-03-01T20:00:00+00:00",
        ce_hours="3",
    )
    # 2024-12-31 at 23:30 in New York is already January 1 in UTC: the event's day counts.
    suicide = _edit(
        by_title["Suicide Risk Assessment"],
        categories=["Clinical"],
        start="2025-01-01T04:30:00+00:00",
        end="2025-01-01T06:00:00+00:00",
        ce_hours="1.5",
        license={"type": "NY LMSW", "type_name": "Social Worker", "state": "NY", "number": "9"},
    )
    revoked = by_title["Revoked Talk"]
    Certificate.objects.filter(pk=revoked.pk).update(status=Certificate.REVOKED)
    return {
        "trauma": trauma,
        "ethics": ethics,
        "suicide": suicide,
        "revoked": revoked,
        "omar": by_title["Omar's Event"],
    }


def _listed(client, **params) -> str:
    return client.get(WALLET, params).content.decode()


def test_filters_by_license_year_and_category(wallet, dana, client):
    client.force_login(dana)
    titles = ["Trauma-Informed Care", "Ethics for Supervisors", "Suicide Risk", "Revoked Talk"]

    def shown(**params) -> set[str]:
        page = _listed(client, **params)
        return {t for t in titles if f">{t}" in page}

    assert shown() == set(titles)
    assert shown(license="NY LMSW") == {"Suicide Risk"}
    assert shown(year="2025") == {"Ethics for Supervisors"}
    assert shown(year="2024") == {"Suicide Risk"}
    assert shown(category="Clinical") == {"Trauma-Informed Care", "Suicide Risk"}
    assert shown(category="Clinical", year="2026") == {"Trauma-Informed Care"}
    assert "No certificates match" in _listed(client, category="Ethics", year="2024")


def test_the_list_offers_selection_transcript_and_print(wallet, dana, client):
    client.force_login(dana)
    page = _listed(client)

    assert f'name="numbers" value="{wallet["trauma"].number}"' in page
    assert f'value="{wallet["revoked"].number}"' not in page  # revoked: not selectable
    assert "/wallet/certificates/download.zip" in page
    assert "/wallet/certificates/transcript/" in page
    assert f"/wallet/certificates/{wallet['trauma'].number}/print.pdf" in page


def test_the_zip_holds_exactly_the_selected_own_valid_certificates(wallet, dana, client):
    client.force_login(dana)
    chosen = [wallet["trauma"].number, wallet["ethics"].number]
    others = [wallet["omar"].number, wallet["revoked"].number, "FC-NOPE"]

    response = client.post("/wallet/certificates/download.zip", {"numbers": chosen + others})

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{n}.pdf" for n in chosen)
    for number in chosen:
        text = PdfReader(io.BytesIO(archive.read(f"{number}.pdf"))).pages[0].extract_text()
        assert number in text
    # Each entry carries its certificate's issue time (UTC), not a placeholder date.
    for key in ("trauma", "ethics"):
        issued = wallet[key].issued_at.astimezone(dt.UTC)
        entry = archive.getinfo(f"{wallet[key].number}.pdf")
        assert entry.date_time == (
            issued.year,
            issued.month,
            issued.day,
            issued.hour,
            issued.minute,
            issued.second,
        )


def test_only_someone_elses_numbers_is_not_found(wallet, dana, client):
    client.force_login(dana)

    response = client.post(
        "/wallet/certificates/download.zip", {"numbers": [wallet["omar"].number]}
    )

    assert response.status_code == 404
    assert client.post("/wallet/certificates/download.zip").status_code == 404
    assert client.get("/wallet/certificates/download.zip").status_code == 405


def test_the_transcript_pdf_lists_rows_and_totals_by_category(wallet, dana, client):
    client.force_login(dana)

    response = client.get(
        "/wallet/certificates/transcript.pdf", {"start": "2024-01-01", "end": "2026-12-31"}
    )

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for key in ["trauma", "ethics", "suicide"]:
        assert wallet[key].number in text
    assert wallet["revoked"].number not in text
    assert wallet["omar"].number not in text
    assert "Dana Whitfield" in text
    assert "Totals by category" in text
    trauma_hours = wallet["trauma"].snapshot["ce_hours"]
    clinical = float(trauma_hours) + 1.5
    assert f"Clinical {clinical:g} h" in text
    assert "Ethics 3 h" in text
    assert f"Telehealth {trauma_hours} h" in text


def test_the_transcript_csv_has_the_columns_rows_and_totals(wallet, dana, client):
    client.force_login(dana)
    _edit(wallet["ethics"], title="=HYPERLINK(evil)")

    response = client.get(
        "/wallet/certificates/transcript.csv", {"start": "2024-12-31", "end": "2025-12-31"}
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["number", "event", "date", "hours", "categories", "approvals", "license"]
    suicide, ethics = rows[1], rows[2]
    assert suicide[:5] == [
        wallet["suicide"].number,
        "Suicide Risk Assessment",
        "2024-12-31",
        "1.5",
        "Clinical",
    ]
    assert suicide[6] == "NY LMSW #9"
    assert ethics[1] == "'=HYPERLINK(evil)"
    assert ethics[2:5] == ["2025-03-01", "3", "Ethics"]
    assert rows[3] == []
    assert rows[4:] == [
        ["category", "hours"],
        ["Clinical", "1.5"],
        ["Ethics", "3"],
        ["Total CE hours", "4.5"],
    ]


def test_the_date_range_includes_both_boundary_days(wallet, dana, client):
    client.force_login(dana)

    def numbers(start: str, end: str) -> list[str]:
        response = client.get("/wallet/certificates/transcript.csv", {"start": start, "end": end})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return [row[0] for row in rows[1 : rows.index([])]]

    suicide, ethics = wallet["suicide"].number, wallet["ethics"].number
    assert numbers("2024-12-31", "2024-12-31") == [suicide]
    assert numbers("2025-01-01", "2025-03-01") == [ethics]
    assert numbers("2025-01-01", "2025-02-28") == []
    assert numbers("2025-03-02", "2025-12-31") == []


def test_the_transcript_defaults_to_the_last_24_months_and_rejects_bad_ranges(wallet, dana, client):
    client.force_login(dana)

    page = client.get("/wallet/certificates/transcript/").content.decode()
    assert 'value="2024-12-02"' in page or 'value="2024-12-01"' in page  # two years back
    response = client.get("/wallet/certificates/transcript.csv")
    text = response.content.decode("utf-8-sig")
    assert wallet["trauma"].number in text and wallet["ethics"].number in text
    bad = client.get(
        "/wallet/certificates/transcript.pdf", {"start": "2025-02-01", "end": "2025-01-01"}
    )
    assert bad.status_code == 400


def test_the_print_view_is_the_owners_only(wallet, dana, omar, client):
    number = wallet["trauma"].number
    client.force_login(dana)

    page = client.get(f"/wallet/certificates/{number}/print/").content.decode()

    assert "Trauma-Informed Care in Telehealth" in page
    assert "css/print.css" in page and 'media="print"' in page
    client.force_login(omar)
    assert client.get(f"/wallet/certificates/{number}/print/").status_code == 404
    client.logout()
    assert client.get(f"/wallet/certificates/{number}/print/").status_code == 302
