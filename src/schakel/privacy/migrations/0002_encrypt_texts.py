# SPDX-License-Identifier: EUPL-1.2
"""Encrypt personal data at rest (issue 4): the columns become text holding Fernet tokens, and
values already stored are encrypted in place."""

import schakel.core.fields
from django.db import migrations

from schakel.core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='description',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=200, verbose_name='omschrijving'),
        ),
        migrations.AlterField(
            model_name='attachment',
            name='original_name',
            field=schakel.core.fields.EncryptedCharField(max_length=120, verbose_name='bestandsnaam'),
        ),
        migrations.AlterField(
            model_name='attachment',
            name='removal_reason',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=300, verbose_name='reden verwijderen'),
        ),
        migrations.AlterField(
            model_name='legalhold',
            name='reason',
            field=schakel.core.fields.EncryptedCharField(max_length=300, verbose_name='reden'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='birth_year',
            field=schakel.core.fields.EncryptedIntegerField(blank=True, null=True, verbose_name='geboortejaar'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='bsn',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=9, verbose_name='BSN'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='confirmation_note',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='toelichting bevestiging'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='decision_reason',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='motivering'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='given_names',
            field=schakel.core.fields.EncryptedCharField(max_length=100, verbose_name='voornamen'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='requester',
            field=schakel.core.fields.EncryptedCharField(help_text='De betrokkene zelf, of wie namens hem of haar vraagt (met machtiging).', max_length=150, verbose_name='verzoeker'),
        ),
        migrations.AlterField(
            model_name='subjectrequest',
            name='surname',
            field=schakel.core.fields.EncryptedCharField(max_length=120, verbose_name='achternaam (met tussenvoegsel)'),
        ),
        migrations.RunPython(*encrypt_columns("privacy_attachment", ["description", "original_name", "removal_reason"])),
        migrations.RunPython(*encrypt_columns("privacy_legalhold", ["reason"])),
        migrations.RunPython(*encrypt_columns("privacy_subjectrequest", ["birth_year", "bsn", "confirmation_note", "decision_reason", "given_names", "requester", "surname"])),
    ]
