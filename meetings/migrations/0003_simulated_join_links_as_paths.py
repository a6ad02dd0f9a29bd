# The simulated room's join links were stored as SITE_URL + path, with whatever SITE_URL was set
# at registration; they are now stored as the path alone (Registration.join_link adds today's
# SITE_URL). Only links of simulated-room events whose path is the registrant's own room are
# changed, so no Zoom link and nothing ambiguous is touched.

from urllib.parse import urlsplit

from django.db import migrations


def links_to_paths(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    rows = Registration.objects.filter(event__meeting_provider="simulated").exclude(join_url="")
    for registration in rows.exclude(join_url__startswith="/").iterator():
        room = f"/room/{registration.join_token}/"
        if urlsplit(registration.join_url).path == room:
            Registration.objects.filter(pk=registration.pk).update(join_url=room)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_zoom"),
        ("events", "0004_registration_join_url_path"),
    ]

    operations = [migrations.RunPython(links_to_paths, migrations.RunPython.noop)]
