# SPDX-License-Identifier: EUPL-1.2
"""Encrypt personal data at rest (issue 4): the columns become text holding Fernet tokens, and
values already stored are encrypted in place."""

import schakel.core.fields
from django.db import migrations

from schakel.core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('linking', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='entity',
            name='label',
            field=schakel.core.fields.EncryptedCharField(max_length=200, verbose_name='omschrijving'),
        ),
        migrations.AlterField(
            model_name='linkevent',
            name='reason',
            field=schakel.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='mention',
            name='label',
            field=schakel.core.fields.EncryptedCharField(max_length=200),
        ),
        migrations.AlterField(
            model_name='mention',
            name='record',
            field=schakel.core.fields.EncryptedJSONField(default=dict),
        ),
        migrations.AlterField(
            model_name='proposal',
            name='explanation',
            field=schakel.core.fields.EncryptedJSONField(default=dict),
        ),
        migrations.RunPython(*encrypt_columns("linking_entity", ["label"])),
        migrations.RunPython(*encrypt_columns("linking_linkevent", ["reason"])),
        migrations.RunPython(*encrypt_columns("linking_mention", ["label", "record"])),
        migrations.RunPython(*encrypt_columns("linking_proposal", ["explanation"])),
    ]
