# SPDX-License-Identifier: EUPL-1.2
"""Turn person records (objects, dicts or a DataFrame) into a frame of normalised features.

One row per record, one column per feature the comparisons and blocking keys read. Every
normaliser runs once per distinct raw value, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from schakel.matching import normalise as nz
from schakel.matching.names import (
    ParsedName,
    canonical_given,
    dutch_phonetic,
    metaphone,
    parse_name,
)
from schakel.matching.records import COLUMN_ALIASES, PersonRecord

RAW_FIELDS: tuple[str, ...] = (
    "record_id", "source", "given_names", "surname_prefix", "surname", "full_name",
    "birth_date", "birth_year", "estimated_age", "reference_date", "sex", "postcode",
    "house_number", "house_number_suffix", "street", "city", "email", "phone", "bsn", "iban",
    "licence_plate",
)

# Uncertainty, in years, of a birth year derived from an estimated age ("about 25").
AGE_ESTIMATE_TOLERANCE = 3


def raw_frame(data: pd.DataFrame | Iterable[PersonRecord | Mapping[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly the canonical raw columns (missing ones all None)."""
    if isinstance(data, pd.DataFrame):
        frame = _rename(data)
    else:
        rows = [r.as_row() if isinstance(r, PersonRecord) else _rename_row(r) for r in data]
        frame = pd.DataFrame(rows)
    for column in RAW_FIELDS:
        if column not in frame.columns:
            frame[column] = None
    if frame["record_id"].isna().all():
        frame["record_id"] = [str(i) for i in range(len(frame))]
    return frame[list(RAW_FIELDS)].reset_index(drop=True)


def _rename(frame: pd.DataFrame) -> pd.DataFrame:
    mapping: dict[str, str] = {}
    for column in frame.columns:
        target = COLUMN_ALIASES.get(str(column).strip().lower())
        if target and target not in mapping.values():
            mapping[column] = target
    return frame[list(mapping)].rename(columns=mapping)


def _rename_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        target = COLUMN_ALIASES.get(str(key).strip().lower(), str(key))
        out.setdefault(target, value)
    return out


def map_unique(series: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """Apply ``func`` to each distinct non-missing value once; missing stays None."""
    values = series.astype(object)
    mask = values.notna()
    result = pd.Series([None] * len(values), index=values.index, dtype=object)
    if mask.any():
        present = values[mask]
        table = {value: func(value) for value in pd.unique(present)}
        result[mask] = present.map(table).astype(object)
    return result


def person_frame(data: pd.DataFrame | Iterable[PersonRecord | Mapping[str, Any]]) -> pd.DataFrame:
    """Normalised features of every record, in input order."""
    raw = raw_frame(data)
    out = pd.DataFrame({"record_id": raw["record_id"].astype(str).to_numpy(dtype=object)})
    out["source"] = map_unique(raw["source"], nz.text_or_none).to_numpy(dtype=object)
    _add_names(out, raw)
    _add_birth(out, raw)
    out["sex"] = map_unique(raw["sex"], nz.normalise_sex).to_numpy(dtype=object)
    _add_address(out, raw)
    out["email"] = map_unique(raw["email"], nz.normalise_email).to_numpy(dtype=object)
    out["email_local"] = map_unique(out["email"], lambda v: v.split("@", 1)[0]).to_numpy(
        dtype=object
    )
    out["phone"] = map_unique(raw["phone"], nz.normalise_phone).to_numpy(dtype=object)
    out["bsn"] = map_unique(raw["bsn"], nz.normalise_bsn).to_numpy(dtype=object)
    out["iban"] = map_unique(raw["iban"], nz.normalise_iban).to_numpy(dtype=object)
    out["licence_plate"] = map_unique(raw["licence_plate"], nz.normalise_code).to_numpy(
        dtype=object
    )
    return out


def _text(series: pd.Series) -> pd.Series:
    return map_unique(series, nz.text_or_none).fillna("").astype(str)


def _add_names(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    sep = "\x1f"
    key = (
        _text(raw["given_names"]) + sep + _text(raw["surname_prefix"]) + sep
        + _text(raw["surname"]) + sep + _text(raw["full_name"])
    )
    parsed = map_unique(key, _parse_key)
    out["given"] = _part(parsed, lambda p: p.given)
    out["given1"] = _part(parsed, lambda p: p.first_given)
    out["given_canon"] = map_unique(out["given1"], canonical_given).to_numpy(dtype=object)
    out["given_ph"] = map_unique(out["given1"], dutch_phonetic).to_numpy(dtype=object)
    out["given_mp"] = map_unique(out["given1"], metaphone).to_numpy(dtype=object)
    out["initials"] = _part(parsed, lambda p: p.initials)
    out["prefix"] = _part(parsed, lambda p: p.prefix)
    out["surname"] = _part(parsed, lambda p: p.surname)
    out["surname_full"] = _part(parsed, lambda p: p.full_surname)
    out["surname_ph"] = map_unique(out["surname"], dutch_phonetic).to_numpy(dtype=object)
    out["surname_mp"] = map_unique(out["surname"], metaphone).to_numpy(dtype=object)
    out["given_multi"] = np.array([isinstance(v, str) and " " in v for v in out["given"]])
    out["surname_multi"] = np.array([isinstance(v, str) and " " in v for v in out["surname"]])


def _parse_key(key: str) -> ParsedName:
    given, prefix, surname, full = key.split("\x1f")
    return parse_name(given or None, surname or None, prefix or None, full or None)


def _part(parsed: pd.Series, getter: Callable[[ParsedName], str]) -> np.ndarray:
    values = [getter(p) if p is not None else "" for p in parsed]
    return np.array([v or None for v in values], dtype=object)


def _add_birth(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    parsed = map_unique(raw["birth_date"], nz.parse_birth_date)
    dob = np.array([p[0] if p else None for p in parsed], dtype=object)
    year = np.array([p[1] if p and p[1] else np.nan for p in parsed], dtype=float)
    tol = np.where(np.isnan(year), np.nan, 0.0)
    listed_year = pd.to_numeric(map_unique(raw["birth_year"], _int_or_none), errors="coerce")
    use = np.isnan(year) & listed_year.notna().to_numpy()
    year[use] = listed_year.to_numpy(dtype=float)[use]
    tol[use] = 0.0
    estimated = _estimated_years(raw)
    use = np.isnan(year) & ~np.isnan(estimated)
    year[use] = estimated[use]
    tol[use] = AGE_ESTIMATE_TOLERANCE
    out["dob"] = dob
    out["dob_int"] = np.array([float(d) if d else np.nan for d in dob], dtype=float)
    out["dob_ord"] = np.array([nz.date_ordinal(d) or np.nan for d in dob], dtype=float)
    out["byear"] = year
    out["byear_tol"] = tol


def _int_or_none(value: object) -> int | None:
    text = nz.text_or_none(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _estimated_years(raw: pd.DataFrame) -> np.ndarray:
    """Birth year from an estimated age and the date it was estimated (default today)."""
    ages = pd.to_numeric(map_unique(raw["estimated_age"], _int_or_none), errors="coerce")
    today = date.today().year
    refs = [
        (r.year if isinstance(r, date) else (nz.parse_birth_date(r)[1] or today))
        if r is not None and r == r else today
        for r in raw["reference_date"]
    ]
    return np.asarray(refs, dtype=float) - ages.to_numpy(dtype=float)


def _add_address(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    split = map_unique(raw["street"], nz.split_street_number)
    street_raw = pd.Series([s[0] if s else None for s in split], dtype=object)
    number_in_street = pd.Series([s[1] if s else None for s in split], dtype=object)
    suffix = _text(raw["house_number_suffix"])
    number = _text(raw["house_number"]) + "\x1f" + suffix
    hnr = map_unique(number, _house_number)
    hnr = hnr.where(hnr.notna(), number_in_street)
    out["postcode"] = map_unique(raw["postcode"], nz.normalise_postcode).to_numpy(dtype=object)
    out["hnr"] = hnr.to_numpy(dtype=object)
    out["hnr_digits"] = map_unique(hnr, nz.house_number_digits).to_numpy(dtype=object)
    street = map_unique(street_raw, nz.normalise_street)
    # spaces carry no evidence ("kerk straat", "pridhamstreet"); compare without them
    out["street"] = map_unique(street, lambda v: v.replace(" ", "")).to_numpy(dtype=object)
    out["city"] = map_unique(raw["city"], nz.normalise_city).to_numpy(dtype=object)


def _house_number(key: str) -> str | None:
    number, suffix = key.split("\x1f")
    return nz.normalise_house_number(number or None, suffix or None)
