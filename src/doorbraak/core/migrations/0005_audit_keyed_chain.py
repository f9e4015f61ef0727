"""The keyed audit chain (ADR 0013): a gap-free sequence number and the key's id on every line.

Lines written before this migration keep their plain SHA-256 hashes and get an empty key id;
they are numbered in the order they were written. Their last line is anchored outside the
database (the anchor file, with the audit key), and the keyed chain starts on it: whoever
recomputes those old lines later breaks that anchor, and any unkeyed line after it is reported.
"""

import logging

import django.utils.timezone
from django.db import migrations, models

log = logging.getLogger("doorbraak.audit")


def number_lines(apps, schema_editor):
    event = apps.get_model("core", "AuditEvent")
    ids = list(event.objects.order_by("id").values_list("id", flat=True))
    for seq, pk in enumerate(ids, start=1):
        event.objects.filter(pk=pk).update(seq=seq)


def anchor_unkeyed_end(apps, schema_editor):
    """Anchor the last line from before the key; without a usable key the operator does it
    later with `doorbraak audit anchor` (verify says so)."""
    last = apps.get_model("core", "AuditEvent").objects.order_by("-seq").first()
    if last is None:
        return
    from doorbraak.core.audit_anchors import anchor_write
    from doorbraak.core.audit_keys import audit_key_current
    from doorbraak.core.errors import UserError

    try:
        anchor_write(seq=last.seq, hash_=last.hash, keyed=False, key=audit_key_current())
    except (UserError, OSError):
        log.exception("anchor of the unkeyed audit lines NOT written; run doorbraak audit anchor")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_partner_keys_stewards"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16, verbose_name="sleutel"),
            preserve_default=False,
        ),
        migrations.RunPython(number_lines, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="volgnummer"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="tijdstip"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(max_length=60, verbose_name="handeling"),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": ["seq"],
                "verbose_name": "auditregel",
                "verbose_name_plural": "auditlog",
            },
        ),
        migrations.RunPython(anchor_unkeyed_end, migrations.RunPython.noop),
    ]
