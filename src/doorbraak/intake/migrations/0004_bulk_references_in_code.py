"""The references of the intake's bulk tables (row results, file parts, staged records) to
their batch and partner are kept by Django, no longer checked by the database row by row: on
PostgreSQL each written row queued a check that ran at COMMIT, about 4 µs of server CPU per
reference, 13 µs a row of a new delivery (ADR 0015)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0003_file_parts'),
        ('partners', '0004_key_generations'),
    ]

    operations = [
        migrations.AlterField(
            model_name='batchfilepart',
            name='batch',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='intake.importbatch'),
        ),
        migrations.AlterField(
            model_name='rowresult',
            name='batch',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='intake.importbatch'),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='batch',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='intake.importbatch'),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='partner',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partners.partner'),
        ),
    ]
