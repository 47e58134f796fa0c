# SPDX-License-Identifier: EUPL-1.2
"""Encryption at rest: a dump of the database holds none of the demo's names or texts.

The dump is what leaks in practice (a backup copy, a support export, a stolen disk image): on
PostgreSQL the test runs the real ``pg_dump``; on SQLite it writes the same SQL text a
``.dump`` gives. The expected secrets are read back through the ORM (which decrypts), so the
test covers every encrypted field the demo fills, and new ones automatically.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from django.db import connection

from schakel.core import crypto
from schakel.core.demo import build_demo
from schakel.core.fields import encrypted_fields
from schakel.core.rotation import encrypted_models
from schakel.signals.models import Signal, SignalSubject

pytestmark = pytest.mark.django_db(transaction=True)

MIN_TEXT = 12      # shorter texts ("ja", "Pools") say nothing about a person on their own
MIN_NAME = 4


def dump_database() -> str:
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        pg_dump = shutil.which("pg_dump")
        assert pg_dump, "pg_dump is required for this test on PostgreSQL"
        env = dict(os.environ, PGPASSWORD=settings.get("PASSWORD") or "")
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
            [pg_dump, "--data-only", "--no-owner", "-h", settings.get("HOST") or "127.0.0.1",
             "-p", str(settings.get("PORT") or 5432), "-U", settings.get("USER") or "postgres",
             settings["NAME"]],
            capture_output=True, text=True, env=env, check=True, timeout=300)
        return result.stdout
    return "\n".join(connection.connection.iterdump())


# Reference data and staff accounts are plaintext on purpose: the catalogue's texts and the
# barrier models are public, and staff names are how colleagues find each other. A demo
# subject may share a first name with a staff member, or a text may quote the catalogue.
PUBLIC_TABLES = ("catalog_", "policy_", "accounts_", "auth_")
_COPY = re.compile(r"^COPY (?:public\.)?\"?(\w+)\"? ")
_INSERT = re.compile(r'^INSERT INTO "?(\w+)"? ')


def case_data(dump: str, public: tuple[str, ...] = PUBLIC_TABLES) -> str:
    """The dump without the lines of public reference tables and staff accounts."""
    kept, table = [], ""
    for line in dump.splitlines():
        match = _COPY.match(line) or _INSERT.match(line)
        if match:
            table = match.group(1)
        if not table.startswith(public):
            kept.append(line)
        if line == "\\.":
            table = ""
    return "\n".join(kept)


def plaintexts() -> set[str]:
    """Every value the demo put in an encrypted field, as the application reads it."""
    found: set[str] = set()
    for model, fields in encrypted_models():
        for row in model.objects.values_list(*(f.name for f in fields)):
            for value in row:
                found |= _strings(value)
    # single words are field codes inside JSON ("licence_plate") or catalogue terms
    return {text for text in found
            if len(text) >= MIN_TEXT and " " in text}


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value.strip()}
    if isinstance(value, dict):
        return set().union(set(), *(_strings(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(_strings(v) for v in value))
    return set()


def person_names() -> set[str]:
    names: set[str] = set()
    for subject in SignalSubject.objects.filter(kind=SignalSubject.Kind.PERSON):
        names |= {n for n in (subject.given_names, subject.surname) if len(n) >= MIN_NAME}
        if subject.given_names and subject.surname:
            names.add(f"{subject.given_names} {subject.surname}")
    return names


@pytest.fixture
def demo():
    build_demo(seed=7, signal_count=60)


def test_a_database_dump_holds_no_names_or_texts(demo):
    names, texts = person_names(), plaintexts()
    assert len(names) > 30 and len(texts) > 200  # the demo really filled these fields
    dump = case_data(dump_database())
    assert len(dump) > 100_000 and "signals_signal" in dump
    leaked_names = sorted(name for name in names if re.search(rf"\b{re.escape(name)}\b", dump))
    leaked_texts = sorted(text[:60] for text in texts if text[:40] in dump)
    assert leaked_names == [] and leaked_texts == []


def test_a_database_dump_holds_no_phone_numbers_plates_or_kvk_numbers(demo):
    subjects = SignalSubject.objects.all()
    identifiers = {value for s in subjects for value in (s.phone, s.licence_plate, s.kvk_number)
                   if value}
    assert len(identifiers) > 10
    # register-scan hits may name a business's KvK number from the public trade register
    dump = case_data(dump_database(), public=(*PUBLIC_TABLES, "scans_"))
    assert sorted(value for value in identifiers if value in dump) == []


def test_encrypted_values_are_tokens_and_decrypt_with_the_key(demo):
    signal = Signal.objects.exclude(description="").order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM signals_signal WHERE id = %s", [signal.pk])
        (stored,) = cursor.fetchone()
    assert stored != signal.description and signal.description not in stored
    assert crypto.decrypt_text(stored.encode()) == signal.description


def test_every_personal_text_field_is_encrypted():
    """The list an auditor checks: free text, names, birth years, BSN, notes, minutes,
    feedback. A new field holding such data must be added here and encrypted."""
    expected = {
        "signals.Signal": {"description", "observed_period", "location_description",
                           "postcode", "house_number", "house_number_suffix"},
        "signals.SignalSubject": {"given_names", "surname_prefix", "surname", "birth_year",
                                  "nationality", "name", "description", "kvk_number",
                                  "licence_plate", "phone"},
        "signals.SignalNote": {"text"},
        "signals.SignalStatusChange": {"explanation"},
        "signals.SignalSuggestion": {"evidence", "identifiers"},
        "cases.Case": {"title", "closing_summary"},
        "cases.CaseEvent": {"text"},
        "cases.Assessment": {"act_note", "means_note", "purpose_note"},
        "cases.Referral": {"reason", "response_reason", "feedback"},
        "cases.ReferralEvent": {"text"},
        "cases.Intervention": {"description", "outcome"},
        "cases.Conference": {"minutes"},
        "cases.Decision": {"text"},
        "privacy.SubjectRequest": {"requester", "given_names", "surname", "birth_year", "bsn",
                                   "decision_reason", "confirmation_note"},
        "privacy.Attachment": {"original_name", "description", "removal_reason"},
        "privacy.LegalHold": {"reason"},
        "exports.ConsentRecord": {"explanation"},
        "linking.Entity": {"label"},
        "linking.Mention": {"label", "record"},
        "linking.Proposal": {"explanation"},
        "linking.LinkEvent": {"reason"},
        "policy.CaseBarrierFinding": {"note"},
        "accounts.TOTPSecret": {"secret"},
    }
    actual = {model._meta.label: {f.name for f in encrypted_fields(model)}
              for model, _fields in encrypted_models()}
    for label, names in expected.items():
        assert names <= actual.get(label, set()), label


def test_keys_rotate_reaches_every_encrypted_value(demo, settings, capsys):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    before = plaintexts()
    new_key = Fernet.generate_key().decode()
    settings.SCHAKEL_FERNET_KEYS = [new_key, *settings.SCHAKEL_FERNET_KEYS]
    call_command("keys", "rotate")
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Gegevens:") and "mislukt 0" in first
    settings.SCHAKEL_FERNET_KEYS = [new_key]  # the old keys are retired
    assert plaintexts() == before  # every value still decrypts, to the same text
    call_command("keys", "rotate")
    assert "opnieuw versleuteld 0," in capsys.readouterr().out.splitlines()[0]


def test_a_database_from_before_encryption_is_encrypted_by_the_migration(demo):
    from schakel.core.encryption_migration import encrypt_columns

    signal = Signal.objects.exclude(description="").order_by("pk").first()
    with connection.cursor() as cursor:  # as an older release stored it
        cursor.execute("UPDATE signals_signal SET description = %s WHERE id = %s",
                       ["Oude tekst in klare taal", signal.pk])
    forwards, backwards = encrypt_columns("signals_signal", ["description"])

    class Editor:
        connection = connection

    forwards(None, Editor())
    signal.refresh_from_db()
    assert signal.description == "Oude tekst in klare taal"
    assert "Oude tekst in klare taal" not in case_data(dump_database())
    forwards(None, Editor())  # running twice does not encrypt twice
    signal.refresh_from_db()
    assert signal.description == "Oude tekst in klare taal"
