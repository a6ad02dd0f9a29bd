# The "no attendance data" alert is about attendance, so its model now lives in that app. The
# table is renamed in place: no row is copied or lost.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_default_template"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="staffalert", table="attendance_staffalert"),
            ],
            state_operations=[
                migrations.DeleteModel(name="StaffAlert"),
            ],
        ),
    ]
