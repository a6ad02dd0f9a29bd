import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0002_stagedupload_stagedfile"),
        ("certificates", "0004_correction_name_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="attendance.decision",
            ),
        ),
    ]
