# SPDX-License-Identifier: EUPL-1.2
"""Turn person records (objects, dicts or a DataFrame) into normalised features.

One row per record, one column per feature that the comparisons and blocking keys read. The
features of a record come from a few group functions (name, birth, address, contact); the
bulk path calls them once per *distinct* combination of raw values, which is what makes a
million records cheap, and the single-record path (the resolver) calls them directly, so
both give the same features by construction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from schakel.matching import normalise as nz
from schakel.matching.names import canonical_given, dutch_phonetic, metaphone, parse_name
from schakel.matching.records import COLUMN_ALIASES, PersonRecord

RAW_FIELDS: tuple[str, ...] = (
    "record_id", "source", "given_names", "surname_prefix", "surname", "full_name",
    "birth_date", "birth_year", "estimated_age", "reference_date", "sex", "postcode",
    "house_number", "house_number_suffix", "street", "city", "email", "phone", "bsn", "iban",
    "licence_plate",
)
NAME_FIELDS = ("given_names", "surname_prefix", "surname", "full_name")
BIRTH_FIELDS = ("birth_date", "birth_year", "estimated_age", "reference_date")
ADDRESS_FIELDS = ("street", "house_number", "house_number_suffix", "postcode", "city")
NUMERIC_FEATURES = ("dob_int", "dob_ord", "byear", "byear_tol")
BOOL_FEATURES = ("given_multi", "surname_multi")

# Uncertainty, in years, of a birth year derived from an estimated age ("about 25").
AGE_ESTIMATE_TOLERANCE = 3
_SEP = "\x1f"

Table = dict[str, np.ndarray]
Features = dict[str, Any]


# --- feature groups: raw values in, features out ---------------------------------------------


def name_features(given: str | None, prefix: str | None, surname: str | None,
                  full: str | None) -> Features:
    """Given names, initials, prefix and surname, with phonetic keys."""
    parsed = parse_name(given, surname, prefix, full)
    given1 = parsed.first_given or None
    core = parsed.surname or None
    return {
        "given": parsed.given or None,
        "given1": given1,
        "given_canon": canonical_given(given1) if given1 else None,
        "given_ph": dutch_phonetic(given1) if given1 else None,
        "given_mp": metaphone(given1) if given1 else None,
        "initials": parsed.initials or None,
        "prefix": parsed.prefix or None,
        "surname": core,
        "surname_full": parsed.full_surname or None,
        "surname_ph": dutch_phonetic(core) if core else None,
        "surname_mp": metaphone(core) if core else None,
        "given_multi": bool(parsed.given) and " " in parsed.given,
        "surname_multi": bool(core) and " " in core,
    }


def birth_features(birth_date: object, birth_year: object, estimated_age: object,
                   reference_date: object) -> Features:
    """Full date as digits and day number; else a birth year, exact or from an age estimate."""
    dob, year = nz.parse_birth_date(birth_date)
    tolerance: float = 0.0
    if year is None:
        year = _int_or_none(birth_year)
    if year is None:
        age = _int_or_none(estimated_age)
        if age is not None:
            year, tolerance = _reference_year(reference_date) - age, AGE_ESTIMATE_TOLERANCE
    ordinal = nz.date_ordinal(dob)
    return {
        "dob": dob,
        "dob_int": float(dob) if dob else np.nan,
        "dob_ord": float(ordinal) if ordinal else np.nan,
        "byear": float(year) if year is not None else np.nan,
        "byear_tol": tolerance if year is not None else np.nan,
    }


def _int_or_none(value: object) -> int | None:
    text = nz.text_or_none(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _reference_year(value: object) -> int:
    if isinstance(value, date):
        return value.year
    return nz.parse_birth_date(value)[1] or date.today().year


def address_features(street: object, number: object, suffix: object, postcode: object,
                     city: object) -> Features:
    """Postcode, house number (with suffix), street without spaces, city."""
    street_raw, number_in_street = nz.split_street_number(street)
    hnr = nz.normalise_house_number(number, suffix) or number_in_street
    street_norm = nz.normalise_street(street_raw)
    return {
        "postcode": nz.normalise_postcode(postcode),
        "hnr": hnr,
        "hnr_digits": nz.house_number_digits(hnr),
        # spaces carry no evidence ("kerk straat", "pridhamstreet"): compare without them
        "street": street_norm.replace(" ", "") if street_norm else None,
        "city": nz.normalise_city(city),
    }


def email_features(email: object) -> Features:
    value = nz.normalise_email(email)
    return {"email": value, "email_local": value.split("@", 1)[0] if value else None}


SINGLE_FIELDS: dict[str, Callable[[object], object]] = {
    "sex": nz.normalise_sex,
    "phone": nz.normalise_phone,
    "bsn": nz.normalise_bsn,
    "iban": nz.normalise_iban,
    "licence_plate": nz.normalise_code,
}


# --- one record ---------------------------------------------------------------------------------


def record_features(record: PersonRecord | Mapping[str, Any]) -> Features:
    """Features of one record as a flat dict (the resolver's fast path, no pandas)."""
    raw = _raw_dict(record)
    out: Features = {"record_id": str(raw.get("record_id") or ""),
                     "source": nz.text_or_none(raw.get("source"))}
    out.update(name_features(*(nz.text_or_none(raw.get(f)) for f in NAME_FIELDS)))
    out.update(birth_features(*(raw.get(f) for f in BIRTH_FIELDS)))
    out.update(address_features(*(raw.get(f) for f in ADDRESS_FIELDS)))
    for field, func in SINGLE_FIELDS.items():
        out[field] = func(raw.get(field))
    out.update(email_features(raw.get("email")))
    return out


def record_table(record: PersonRecord | Mapping[str, Any]) -> Table:
    """One record's features as a one-row table (columns of length one)."""
    features = record_features(record)
    return {key: _column([value], key) for key, value in features.items()}


def _raw_dict(record: PersonRecord | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(record, PersonRecord):
        return record.as_row()
    return _rename_row(record)


def _column(values: list[Any], key: str) -> np.ndarray:
    if key in NUMERIC_FEATURES:
        return np.asarray(values, dtype=float)
    if key in BOOL_FEATURES:
        return np.asarray(values, dtype=bool)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


# --- many records ------------------------------------------------------------------------------


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
    """Recognised columns under their field names; several columns for one field (say
    ``first_name`` and ``given_name``) are combined, the first non-empty value winning."""
    out: dict[str, pd.Series] = {}
    for column in frame.columns:
        target = COLUMN_ALIASES.get(str(column).strip().lower())
        if target is None:
            continue
        values = frame[column].astype(object)
        out[target] = values if target not in out else out[target].where(
            out[target].notna() & (out[target].astype(str).str.strip() != ""), values)
    return pd.DataFrame(out, index=frame.index)


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


def _group(raw: pd.DataFrame, fields: tuple[str, ...],
           func: Callable[..., Features]) -> dict[str, np.ndarray]:
    """Run a feature group once per distinct combination of its raw fields."""
    texts = [map_unique(raw[f], nz.text_or_none).fillna("").astype(str) for f in fields]
    key = texts[0]
    for text in texts[1:]:
        key = key + _SEP + text
    codes, uniques = pd.factorize(key)
    results = [func(*(part or None for part in u.split(_SEP))) for u in uniques]
    columns = results[0].keys() if results else func(*([None] * len(fields))).keys()
    out = {}
    for column in columns:
        values = _column([r[column] for r in results], column)
        out[column] = values[codes] if len(values) else _column([], column)
    return out


def person_frame(data: pd.DataFrame | Iterable[PersonRecord | Mapping[str, Any]]) -> pd.DataFrame:
    """Normalised features of every record, in input order."""
    raw = raw_frame(data)
    out: dict[str, np.ndarray] = {
        "record_id": raw["record_id"].astype(str).to_numpy(dtype=object),
        "source": map_unique(raw["source"], nz.text_or_none).to_numpy(dtype=object),
    }
    out.update(_group(raw, NAME_FIELDS, name_features))
    out.update(_group(raw, BIRTH_FIELDS, birth_features))
    out.update(_group(raw, ADDRESS_FIELDS, address_features))
    for field, func in SINGLE_FIELDS.items():
        out[field] = map_unique(raw[field], func).to_numpy(dtype=object)
    out.update(_group(raw, ("email",), email_features))
    return pd.DataFrame(out)
