from django.urls import reverse


def test_staff_area_sends_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_staff_area_is_refused_to_attendees_with_403(client, dana):
    client.force_login(dana)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 403
    assert b"You don't have access to this page" in response.content


def test_attendees_do_not_see_the_staff_link(client, dana):
    client.force_login(dana)
    assert b"Staff area" not in client.get("/").content


def test_clinical_staff_open_the_staff_area(client, sam_staff):
    client.force_login(sam_staff)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    assert b"board rules verified" in response.content
    assert b'href="/staff/"' in client.get("/").content


def test_the_license_catalog_page_is_staff_only(client, dana, sam_staff):
    client.force_login(dana)
    assert client.get(reverse("staff:license_catalog")).status_code == 403
    client.force_login(sam_staff)
    response = client.get(reverse("staff:license_catalog"))
    assert response.status_code == 200
    assert b"California Board of Behavioral Sciences" in response.content
