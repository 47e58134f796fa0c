# SPDX-License-Identifier: EUPL-1.2
"""Authenticator-app secrets move out of django-otp's plaintext column into an encrypted one;
the old column keeps a random decoy (accounts.models.TOTPSecret)."""

import django.db.models.deletion
import schakel.core.fields
from django.db import migrations, models


def move_secrets(apps, schema_editor):
    from django_otp.util import random_hex

    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    TOTPSecret = apps.get_model("accounts", "TOTPSecret")
    for device in TOTPDevice.objects.filter(schakel_secret__isnull=True):
        TOTPSecret.objects.create(device=device, secret=device.key)
        device.key = random_hex(20)
        device.save(update_fields=["key"])


def restore_secrets(apps, schema_editor):
    TOTPSecret = apps.get_model("accounts", "TOTPSecret")
    for secret in TOTPSecret.objects.select_related("device"):
        secret.device.key = secret.secret
        secret.device.save(update_fields=["key"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_hash_recovery_codes'),
        ('otp_totp', '0003_add_timestamps'),
    ]

    operations = [
        migrations.CreateModel(
            name='SecureTOTPDevice',
            fields=[
            ],
            options={
                'verbose_name': 'TOTP device (encrypted secret)',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('otp_totp.totpdevice',),
        ),
        migrations.CreateModel(
            name='TOTPSecret',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('secret', schakel.core.fields.EncryptedCharField(max_length=80)),
                ('device', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='schakel_secret', to='otp_totp.totpdevice')),
            ],
        ),
        migrations.RunPython(move_secrets, restore_secrets),
    ]
