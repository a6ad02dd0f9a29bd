from django.db import migrations


def create_default_template(apps, schema_editor):
    from evaluations.defaults import create_default_template as create

    create(apps.get_model("evaluations", "EvaluationTemplate"), apps.get_model("evaluations", "TemplateQuestion"))


class Migration(migrations.Migration):

    dependencies = [
        ("evaluations", "0002_evaluation_email_marks"),
    ]

    operations = [
        migrations.RunPython(create_default_template, migrations.RunPython.noop),
    ]
