"""API tokens hashed, scoped to a role, with an expiry (ADR 0014).

Tokens of DRF's `authtoken` (the key stored as is) move over: hashed, for the user's role, and
valid for DOORBRAAK_API_TOKEN_DAYS from now, so tools keep working; the clear keys are deleted.
"""

import datetime as dt
import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def clear_tokens_hash(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("api", "ApiToken")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    until = timezone.now() + dt.timedelta(days=int(settings.API_TOKEN_DAYS))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {OLD_TABLE}")  # noqa: S608 (a fixed name)
        rows = cursor.fetchall()
        for key, user_id in rows:
            user = User.objects.filter(pk=user_id).first()
            if user is not None:
                ApiToken.objects.create(
                    user=user,
                    role=user.role,
                    prefix=key[:8],
                    digest=hashlib.sha256(key.encode()).hexdigest(),
                    expires_at=until,
                )
        cursor.execute(f"DELETE FROM {OLD_TABLE}")  # noqa: S608


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(max_length=30, verbose_name='rol')),
                ('prefix', models.CharField(max_length=12, verbose_name='begint met')),
                ('digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uitgegeven op')),
                ('expires_at', models.DateTimeField(verbose_name='verloopt op')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='ingetrokken op')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
            ],
            options={
                'verbose_name': 'API-token',
                'verbose_name_plural': 'API-tokens',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.RunPython(clear_tokens_hash, migrations.RunPython.noop),
    ]
