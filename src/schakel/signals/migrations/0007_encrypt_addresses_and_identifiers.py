# SPDX-License-Identifier: EUPL-1.2
"""Addresses of signals and the identifiers of subjects (KvK number, licence plate, phone) are
encrypted too; keyed hashes keep them findable by exact match."""

import schakel.core.fields
from django.db import migrations

from schakel.core.encryption_migration import encrypt_columns, read_decrypted


def backfill_hashes(apps, schema_editor):
    from schakel.signals.models import address_hash, identifier_hash

    Signal = apps.get_model("signals", "Signal")
    for pk, postcode, number in read_decrypted(
            schema_editor, "SELECT id, postcode, house_number FROM signals_signal"):
        if postcode and number:
            Signal.objects.filter(pk=pk).update(address_hash=address_hash(postcode, int(number)))
    Subject = apps.get_model("signals", "SignalSubject")
    for pk, kvk, plate, phone in read_decrypted(
            schema_editor, "SELECT id, kvk_number, licence_plate, phone FROM signals_signalsubject"):
        Subject.objects.filter(pk=pk).update(
            kvk_hash=identifier_hash("kvk_number", kvk or ""),
            plate_hash=identifier_hash("licence_plate", plate or ""),
            phone_hash=identifier_hash("phone", phone or ""))


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0006_encrypt_texts_and_blind_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='signal',
            name='address_hash',
            field=schakel.core.fields.KeyedHashField(purpose='address', source='address_material'),
        ),
        migrations.AddField(
            model_name='signalsubject',
            name='kvk_hash',
            field=schakel.core.fields.KeyedHashField(source='kvk_number'),
        ),
        migrations.AddField(
            model_name='signalsubject',
            name='phone_hash',
            field=schakel.core.fields.KeyedHashField(source='phone'),
        ),
        migrations.AddField(
            model_name='signalsubject',
            name='plate_hash',
            field=schakel.core.fields.KeyedHashField(source='licence_plate'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='house_number',
            field=schakel.core.fields.EncryptedIntegerField(blank=True, null=True, verbose_name='huisnummer'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='house_number_suffix',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=10, verbose_name='toevoeging'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='postcode',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=6, verbose_name='postcode'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='kvk_number',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=8, verbose_name='KvK-nummer'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='licence_plate',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=8, verbose_name='kenteken'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='phone',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=20, verbose_name='telefoonnummer'),
        ),
        migrations.RunPython(*encrypt_columns("signals_signal", ["house_number", "house_number_suffix", "postcode"])),
        migrations.RunPython(*encrypt_columns("signals_signalsubject", ["kvk_number", "licence_plate", "phone"])),
        migrations.RunPython(backfill_hashes, migrations.RunPython.noop),
    ]
