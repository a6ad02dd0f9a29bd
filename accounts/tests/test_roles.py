from django.contrib.auth.models import Group

from accounts.roles import CLINICAL_STAFF_GROUP, CLINICAL_STAFF_PERMISSIONS


def test_the_clinical_staff_group_holds_exactly_its_listed_permissions(db):
    group = Group.objects.get(name=CLINICAL_STAFF_GROUP)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert held == set(CLINICAL_STAFF_PERMISSIONS)


def test_attendees_have_no_staff_permission(dana):
    assert not dana.is_clinical_staff


def test_clinical_staff_have_the_staff_permission(sam_staff):
    assert sam_staff.is_clinical_staff
    assert not sam_staff.is_superuser
