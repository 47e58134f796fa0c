# SPDX-License-Identifier: EUPL-1.2
"""Encrypt personal data at rest (issue 4): the columns become text holding Fernet tokens, and
values already stored are encrypted in place."""

import schakel.core.fields
from django.db import migrations

from schakel.core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('exports', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='consentrecord',
            name='explanation',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=300, verbose_name='toelichting'),
        ),
        migrations.RunPython(*encrypt_columns("exports_consentrecord", ["explanation"])),
    ]
