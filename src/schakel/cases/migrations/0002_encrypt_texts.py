# SPDX-License-Identifier: EUPL-1.2
"""Encrypt personal data at rest (issue 4): the columns become text holding Fernet tokens, and
values already stored are encrypted in place."""

import schakel.core.fields
from django.db import migrations

from schakel.core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='assessment',
            name='act_note',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='toelichting handeling'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='means_note',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='toelichting middel'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='purpose_note',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='toelichting oogmerk'),
        ),
        migrations.AlterField(
            model_name='case',
            name='closing_summary',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='samenvatting bij sluiten'),
        ),
        migrations.AlterField(
            model_name='case',
            name='title',
            field=schakel.core.fields.EncryptedCharField(help_text="Zonder namen of adressen, bijvoorbeeld 'Overbewoning bedrijfspand Oost'.", max_length=120, verbose_name='titel'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='text',
            field=schakel.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='conference',
            name='minutes',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='verslag'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='text',
            field=schakel.core.fields.EncryptedTextField(verbose_name='besluit'),
        ),
        migrations.AlterField(
            model_name='intervention',
            name='description',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='omschrijving'),
        ),
        migrations.AlterField(
            model_name='intervention',
            name='outcome',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='resultaat'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='feedback',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='terugkoppeling'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='reason',
            field=schakel.core.fields.EncryptedTextField(verbose_name='waarom'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='response_reason',
            field=schakel.core.fields.EncryptedTextField(blank=True, verbose_name='reden afwijzing'),
        ),
        migrations.AlterField(
            model_name='referralevent',
            name='text',
            field=schakel.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(*encrypt_columns("cases_assessment", ["act_note", "means_note", "purpose_note"])),
        migrations.RunPython(*encrypt_columns("cases_case", ["closing_summary", "title"])),
        migrations.RunPython(*encrypt_columns("cases_caseevent", ["text"])),
        migrations.RunPython(*encrypt_columns("cases_conference", ["minutes"])),
        migrations.RunPython(*encrypt_columns("cases_decision", ["text"])),
        migrations.RunPython(*encrypt_columns("cases_intervention", ["description", "outcome"])),
        migrations.RunPython(*encrypt_columns("cases_referral", ["feedback", "reason", "response_reason"])),
        migrations.RunPython(*encrypt_columns("cases_referralevent", ["text"])),
    ]
