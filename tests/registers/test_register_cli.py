# SPDX-License-Identifier: EUPL-1.2
"""The ``schakel registers`` command: JSON shape, table, exit codes, demo, settings."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml

from schakel.registers.cli import main

SAMPLES = Path(str(resources.files("schakel.registers").joinpath("samples")))
HIT_KEYS = {"adresseerbaar_object_id", "score", "rules", "figures", "explanations", "address",
            "permits"}


def _db(municipality) -> list[str]:
    return ["--db", str(municipality.db)]


def test_scan_json_has_the_documented_shape(municipality, capsys):
    peildatum = municipality.truth["peildatum"]
    assert main([*_db(municipality), "scan", "--json", "--peildatum", peildatum]) == 0
    output = json.loads(capsys.readouterr().out)
    assert {"peildatum", "objects_scanned", "seconds", "hits"} <= set(output)
    assert output["peildatum"] == peildatum
    assert output["objects_scanned"] == municipality.truth["counts"]["objects"]
    assert isinstance(output["seconds"], float)
    assert output["hits"] and all(set(hit) == HIT_KEYS for hit in output["hits"])
    first = output["hits"][0]
    assert isinstance(first["score"], int) and isinstance(first["rules"], list)
    assert set(first["figures"]) == set(first["rules"])
    assert output["config"]["rules"]["occupancy"]["norm_m2"] == 12


def test_scan_prints_a_ranked_table(municipality, capsys):
    assert main([*_db(municipality), "scan", "--peildatum", municipality.truth["peildatum"],
                 "--limit", "3"]) == 0
    text = capsys.readouterr().out
    assert "objecten gescand" in text and "geen bevinding" in text
    ranks = [line.split()[0] for line in text.splitlines() if line[:4].strip().isdigit()]
    assert ranks == ["1", "2", "3"]
    listed = len({i for ids in municipality.truth["rules"].values() for i in ids})
    assert f"en nog {listed - 3} adressen" in text
    assert "m² per persoon" in text or "verhuisbewegingen" in text


def test_scan_records_the_actor(municipality, capsys):
    main([*_db(municipality), "scan", "--json", "--actor", "aandachtsfunctionaris",
          "--peildatum", municipality.truth["peildatum"]])
    capsys.readouterr()
    main([*_db(municipality), "status"])
    assert "aandachtsfunctionaris: peildatum" in capsys.readouterr().out


def test_scan_reads_known_addresses_from_a_file(municipality, tmp_path, capsys):
    known = tmp_path / "known.txt"
    known.write_text("# bekende adressen\n" + "\n".join(municipality.truth["known_addresses"]))
    main([*_db(municipality), "scan", "--json", "--peildatum", municipality.truth["peildatum"],
          "--known", str(known)])
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert {h["adresseerbaar_object_id"] for h in hits if "known" in h["rules"]} == \
        set(municipality.truth["rules"]["known"])


def test_scan_without_data_says_what_is_missing(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "empty.duckdb"), "scan"]) == 1
    assert "nog niet ingelezen: bag, brp" in capsys.readouterr().err


def test_import_exit_codes_and_messages(tmp_path, capsys, rows, write_csv):
    db = ["--db", str(tmp_path / "registers.duckdb")]
    assert main([*db, "import", "bag", str(SAMPLES / "bag.csv")]) == 0
    assert "5 regels ingelezen" in capsys.readouterr().out
    bad = write_csv("bad.csv", rows.BAG_HEADER, [rows.bag(1, area="groot")])
    assert main([*db, "import", "bag", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "regel 2, veld oppervlakte: geen geheel getal (waarde: 'groot')" in err


def test_the_data_directory_comes_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SCHAKEL_DATA_DIR", str(tmp_path / "data"))
    assert main(["import", "kvk", str(SAMPLES / "kvk.csv")]) == 0
    assert (tmp_path / "data" / "registers.duckdb").exists()


def test_demo_writes_the_registers_and_the_ground_truth(tmp_path, capsys):
    out = tmp_path / "demo"
    db = tmp_path / "registers.duckdb"
    assert main(["--db", str(db), "demo", "--scale", "municipality", "--seed", "3", "--out",
                 str(out), "--import"]) == 0
    for name in ("bag.csv", "brp.csv", "kvk.csv", "permits.csv", "ground_truth.json",
                 "known_addresses.txt"):
        assert (out / name).exists(), name
    truth = json.loads((out / "ground_truth.json").read_text())
    assert set(truth["rules"]) == {"occupancy", "churn", "non_residential", "risk_business",
                                   "known"}
    text = capsys.readouterr().out
    assert "ingelezen uit brp.csv" in text and "schakel registers scan --peildatum" in text


def test_config_prints_the_documented_defaults(capsys):
    assert main(["config"]) == 0
    settings = yaml.safe_load(capsys.readouterr().out)
    assert settings["rules"]["occupancy"]["norm_m2"] == 12
    assert settings["rules"]["churn"]["threshold"] == 8
    assert "7820" in settings["rules"]["risk_business"]["sbi_codes"]


def test_a_bad_settings_file_is_refused(municipality, tmp_path, capsys):
    settings = tmp_path / "scans.yaml"
    settings.write_text("rules:\n  churn:\n    treshold: 5\n")
    assert main([*_db(municipality), "scan", "--config", str(settings)]) == 2
    assert "onbekende instelling" in capsys.readouterr().err
