# SPDX-License-Identifier: EUPL-1.2
"""``schakel catalog load`` is idempotent, reports changes and never deletes entries."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from schakel.catalog.models import CatalogLoad, Domain, Indicator
from schakel.catalog.services import load_catalog
from schakel.catalog.source import CatalogError, read_catalog


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time(capsys):
    first = load_catalog()
    assert len(first["domains"]["created"]) == 7
    second = load_catalog()
    assert all(not codes for changes in second.values() for codes in changes.values())
    assert CatalogLoad.objects.count() == 1
    call_command("catalog", "load")
    assert "geen wijzigingen" in capsys.readouterr().out


@pytest.mark.django_db
def test_admin_edit_is_reported_and_restored(capsys):
    load_catalog()
    Domain.objects.filter(code="labour").update(name="Iets anders")
    call_command("catalog", "load")
    assert "domains: 1 gewijzigd: labour" in capsys.readouterr().out
    assert Domain.objects.get(code="labour").name == "Arbeidsuitbuiting"


@pytest.mark.django_db
def test_removed_entry_is_deactivated_not_deleted(tmp_path):
    load_catalog()
    source = read_catalog()
    removed = source.sections["indicators"].pop()
    summary = load_catalog(source)
    assert summary["indicators"]["deactivated"] == [removed["code"]]
    assert Indicator.objects.filter(code=removed["code"], active=False).exists()


def test_a_municipality_can_add_entries_from_its_own_folder(tmp_path):
    (tmp_path / "extra.yaml").write_text(
        "indicators:\n  - code: labour-local-extra\n    domain: labour\n    subject: victim\n"
        "    label: Lokaal signaal\n    help_text: Uitleg\n    phrases: [lokaal]\n",
        encoding="utf-8")
    from schakel.catalog.source import DATA_DIR

    source = read_catalog(DATA_DIR, tmp_path)
    assert "labour-local-extra" in source.codes("indicators")


def test_reference_to_an_unknown_domain_is_an_error(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "domains:\n  - code: labour\n    name: A\nindicators:\n  - code: x\n    domain: nope\n",
        encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown domain"):
        read_catalog(tmp_path)
