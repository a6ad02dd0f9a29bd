from django.db import migrations, models


def backfill(apps, schema_editor):
    """Numbers already saved: the last audited change (the profile page and the API record
    each one), else the account's creation, the best time known for a number an administrator
    or a command set."""
    User = apps.get_model("accounts", "User")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for user in User.objects.exclude(phone="").only("pk", "date_joined"):
        changed_at = user.date_joined
        entries = AuditEntry.objects.filter(
            action="account.profile_updated", target_type="accounts.user", target_id=str(user.pk)
        ).order_by("-created_at", "-pk")
        for entry in entries:
            if "phone" in (entry.data or {}).get("changed", []):
                changed_at = entry.created_at
                break
        User.objects.filter(pk=user.pk).update(phone_changed_at=changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_legal_name_limits"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="phone_changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="phone number last changed"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
