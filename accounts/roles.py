"""Roles. Everyone is an attendee; clinical staff are a group with explicit permissions;
admins are superusers.

Later capabilities add their permissions to CLINICAL_STAFF_PERMISSIONS, the one list of what
the group may do; `ensure_roles` runs after every migrate and brings the group up to date.
"""

from __future__ import annotations

from typing import Any

CLINICAL_STAFF_GROUP = "Clinical staff"

CLINICAL_STAFF_PERMISSIONS = [
    "accounts.access_staff_area",
    "accounts.view_user",
    "core.view_auditentry",
    "licensing.view_board",
    "licensing.view_licensetype",
    "licensing.view_requirementrule",
    "licensing.view_approvalbody",
    "licensing.view_cecategory",
    "licensing.view_userlicense",
    "events.manage_events",
    "events.view_event",
    "events.view_program",
    "events.view_registration",
    "meetings.view_simulatedconnection",
    "attendance.view_decision",
    "attendance.view_connection",
    "attendance.change_connection",
    "attendance.add_attendanceimport",
    "evaluations.manage_evaluations",
    "evaluations.view_evaluation",
    "evaluations.view_answer",
    "certificates.manage_certificates",
]


def ensure_roles(**_kwargs: Any) -> None:
    # Imported here: the group's name above is read by code that runs before the app
    # registry is ready (the test configuration), and auth's models cannot load before it.
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=CLINICAL_STAFF_GROUP)
    wanted = []
    for dotted in CLINICAL_STAFF_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            wanted.append(permission)
    group.permissions.set(wanted)
