# SPDX-License-Identifier: EUPL-1.2
"""Encrypt personal data at rest (issue 4): the columns become text holding Fernet tokens, and
values already stored are encrypted in place."""

import django.db.models.deletion
import schakel.core.fields
from django.db import migrations, models

from schakel.core.encryption_migration import encrypt_columns, read_decrypted

TRIGRAM_INDEXES = {
    "signals_signal_descr_trgm": "UPPER(description)",
    "signals_signal_locdescr_trgm": "UPPER(location_description)",
}


def drop_trigram_indexes(apps, schema_editor):
    """The trigram indexes of 0004 searched plaintext; ciphertext cannot be searched."""
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, expression in TRIGRAM_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON signals_signal "
                                  f"USING gin ({expression} gin_trgm_ops)")


def backfill_hashes_and_index(apps, schema_editor):
    """Name hashes and the blind word index for rows stored before this migration."""
    from schakel.core import crypto
    from schakel.signals import search
    from schakel.signals.models import NAME_PURPOSE, person_name_material

    def name_hash(given, surname):
        material = person_name_material(given or "", surname or "")
        return crypto.keyed_hash(NAME_PURPOSE, material) if material else ""

    words = {}
    subjects = read_decrypted(schema_editor, "SELECT id, signal_id, kind, given_names, "
                              "surname_prefix, surname, name, description "
                              "FROM signals_signalsubject")
    Subject = apps.get_model("signals", "SignalSubject")
    for row_id, signal_id, kind, given, prefix, surname, name, description in subjects:
        if kind == "person":
            Subject.objects.filter(pk=row_id).update(
                name_hash=name_hash(given, surname),
                full_name_hash=name_hash(given, f"{prefix or ''} {surname or ''}"))
        for text in (given, prefix, surname, name, description):
            words.setdefault(signal_id, set()).update(search.words(text or ""))
    signals = read_decrypted(schema_editor, "SELECT id, description, location_description, "
                             "observed_period FROM signals_signal")
    Term = apps.get_model("signals", "SignalSearchTerm")
    for signal_id, *texts in signals:
        found = words.setdefault(signal_id, set())
        for text in texts:
            found.update(search.words(text or ""))
    Term.objects.bulk_create(
        [Term(signal_id=signal_id, digest=search.digest(word))
         for signal_id, found in words.items() for word in found], batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0005_signal_signals_signal_mun_source'),
    ]

    operations = [
        migrations.RunPython(drop_trigram_indexes, create_trigram_indexes),
        migrations.AddField(
            model_name='signalsubject',
            name='full_name_hash',
            field=schakel.core.fields.KeyedHashField(purpose='person_name', source='full_name_material'),
        ),
        migrations.AddField(
            model_name='signalsubject',
            name='name_hash',
            field=schakel.core.fields.KeyedHashField(purpose='person_name', source='name_material'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='description',
            field=schakel.core.fields.EncryptedTextField(verbose_name='wat is er gezien'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='location_description',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=300, verbose_name='omschrijving plek'),
        ),
        migrations.AlterField(
            model_name='signal',
            name='observed_period',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=200, verbose_name='periode of tijdstip'),
        ),
        migrations.AlterField(
            model_name='signalnote',
            name='text',
            field=schakel.core.fields.EncryptedTextField(verbose_name='notitie'),
        ),
        migrations.AlterField(
            model_name='signalstatuschange',
            name='explanation',
            field=schakel.core.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='birth_year',
            field=schakel.core.fields.EncryptedIntegerField(blank=True, null=True, verbose_name='geboortejaar'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='description',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=500, verbose_name='omschrijving'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='given_names',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=100, verbose_name='voornamen'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='name',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=150, verbose_name='naam organisatie'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='nationality',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=60, verbose_name='nationaliteit'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='surname',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=100, verbose_name='achternaam'),
        ),
        migrations.AlterField(
            model_name='signalsubject',
            name='surname_prefix',
            field=schakel.core.fields.EncryptedCharField(blank=True, max_length=20, verbose_name='tussenvoegsel'),
        ),
        migrations.AlterField(
            model_name='signalsuggestion',
            name='evidence',
            field=schakel.core.fields.EncryptedJSONField(default=list),
        ),
        migrations.AlterField(
            model_name='signalsuggestion',
            name='identifiers',
            field=schakel.core.fields.EncryptedJSONField(default=list),
        ),
        migrations.CreateModel(
            name='SignalSearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=16)),
                ('signal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_terms', to='signals.signal')),
            ],
            options={
                'indexes': [models.Index(fields=['digest', 'signal'], name='signals_sig_digest_9ebb23_idx')],
            },
        ),
        migrations.RunPython(*encrypt_columns("signals_signal", ["description", "location_description", "observed_period"])),
        migrations.RunPython(*encrypt_columns("signals_signalnote", ["text"])),
        migrations.RunPython(*encrypt_columns("signals_signalstatuschange", ["explanation"])),
        migrations.RunPython(*encrypt_columns("signals_signalsubject", ["birth_year", "description", "given_names", "name", "nationality", "surname", "surname_prefix"])),
        migrations.RunPython(*encrypt_columns("signals_signalsuggestion", ["evidence", "identifiers"])),
            migrations.RunPython(backfill_hashes_and_index, migrations.RunPython.noop),
    ]
