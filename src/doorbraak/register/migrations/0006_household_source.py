"""A household says where its composition comes from (docs/adr/0019): `brp` (people
registered together in a gemeente's BRP extract) or `koppeling` (records that linkage put
together); empty for households loaded from elsewhere (the synthetic truth, casework)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0005_signal_reported_by")]

    operations = [
        migrations.AddField(
            model_name="household",
            name="source",
            field=models.CharField(
                blank=True,
                choices=[
                    ("brp", "BRP (samen ingeschreven)"),
                    ("koppeling", "koppeling van aanleveringen"),
                ],
                max_length=10,
                verbose_name="bron",
            ),
        ),
    ]
