"""The delivered file moves out of the batch row into pieces (`BatchFilePart`): SQLite built
the whole row in memory to write a 400 MB blob, and every query of batches read it along.
Foreign keys that lead a unique constraint lose their own index (the constraint's serves)."""

import django.db.models.deletion
from django.db import migrations, models

PART_SIZE = 1 << 20


def content_to_parts(apps, schema_editor):  # type: ignore[no-untyped-def]
    batches = apps.get_model("intake", "ImportBatch")
    parts = apps.get_model("intake", "BatchFilePart")
    for pk in batches.objects.exclude(content=b"").values_list("pk", flat=True).iterator():
        content = bytes(batches.objects.filter(pk=pk).values_list("content", flat=True)[0])
        parts.objects.bulk_create(
            parts(batch_id=pk, part=number, data=content[start : start + PART_SIZE])
            for number, start in enumerate(range(0, len(content), PART_SIZE))
        )
        batches.objects.filter(pk=pk).update(content_size=len(content))


def parts_to_content(apps, schema_editor):  # type: ignore[no-untyped-def]
    batches = apps.get_model("intake", "ImportBatch")
    parts = apps.get_model("intake", "BatchFilePart")
    for pk in batches.objects.filter(content_size__gt=0).values_list("pk", flat=True).iterator():
        pieces = parts.objects.filter(batch_id=pk).order_by("part").values_list("data", flat=True)
        batches.objects.filter(pk=pk).update(content=b"".join(bytes(p) for p in pieces))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_row_warning"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="content_size",
            field=models.PositiveBigIntegerField(
                default=0, verbose_name="bewaarde bestandsgrootte"
            ),
        ),
        migrations.CreateModel(
            name="BatchFilePart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("part", models.PositiveIntegerField(verbose_name="deel")),
                ("data", models.BinaryField(verbose_name="inhoud")),
                (
                    "batch",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="intake.importbatch",
                    ),
                ),
            ],
            options={
                "verbose_name": "bestandsdeel",
                "verbose_name_plural": "bestandsdelen",
                "ordering": ["batch", "part"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("batch", "part"), name="intake_file_part_once"
                    )
                ],
            },
        ),
        migrations.RunPython(content_to_parts, parts_to_content),
        migrations.RemoveField(
            model_name="importbatch",
            name="content",
        ),
        migrations.AlterField(
            model_name="rowresult",
            name="batch",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rows",
                to="intake.importbatch",
            ),
        ),
        migrations.AlterField(
            model_name="sourcerecord",
            name="partner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="partners.partner",
            ),
        ),
    ]
