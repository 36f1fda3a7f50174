"""The peer data version: one row, moved by every change to the peer counts."""

from typing import Any

from django.db import migrations, models


def create_row(apps: Any, schema_editor: Any) -> None:
    apps.get_model("benchmarks", "PeerDataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PeerDataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
