# The table was renamed by evaluations.0004; this only tells Django's state it lives here now.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0004_import_withdrawal"),
        ("evaluations", "0004_staff_alert_moves_to_attendance"),
        ("events", "0002_registration_frozen_licenses"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="StaffAlert",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("no_attendance_data", "No attendance data yet")],
                                max_length=30,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("resolved_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staff_alerts",
                                to="events.event",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("event", "kind"), name="one_alert_per_kind"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
