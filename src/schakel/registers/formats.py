# SPDX-License-Identifier: EUPL-1.2
"""The four CSV formats: which columns are read, how each value is checked and what is stored.

A format is data, not code, so that ``docs/registers-formats.md`` and the checks cannot drift
apart: each field lists its checks as a SQL condition (true = wrong) with the Dutch message a
user sees, and the SQL that turns the checked text into the stored value. In every SQL snippet
``{v}`` is the field's text, trimmed, with an empty value turned into NULL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GEBRUIKSDOELEN = (
    "bijeenkomstfunctie",
    "celfunctie",
    "gezondheidszorgfunctie",
    "industriefunctie",
    "kantoorfunctie",
    "logiesfunctie",
    "onderwijsfunctie",
    "overige gebruiksfunctie",
    "sportfunctie",
    "winkelfunctie",
    "woonfunctie",
)
PERMIT_KINDS = ("seksbedrijf", "verhuurvergunning", "kamerverhuur", "logies")

# Column names that hint at origin or ethnicity. They are dropped like any unknown column; the
# import report names them separately so that whoever made the extract can stop delivering them.
SENSITIVE_HINTS = (
    "nationalit",
    "geboorteplaats",
    "geboorteland",
    "land_van",
    "landvan",
    "herkomst",
    "etnic",
    "etnisch",
    "migratie",
    "vestiging_in_nederland",
    "immigratie",
)


@dataclass(frozen=True)
class Check:
    """One way a value can be wrong: ``condition`` is true for a wrong value."""

    condition: str
    message: str


@dataclass(frozen=True)
class Field:
    """A column of an import file."""

    name: str
    checks: tuple[Check, ...] = ()
    required: bool = True  # the value may not be empty
    optional_column: bool = False  # the header may leave the column out
    show_value: bool = True  # echo a wrong value in the report (never for a person's id)
    store: tuple[tuple[str, str], ...] = ()  # (stored column, SQL); default: the value itself
    description: str = ""

    def stored(self) -> tuple[tuple[str, str], ...]:
        return self.store or ((self.name, "{v}"),)


@dataclass(frozen=True)
class RowCheck:
    """A check across fields of one row, reported on ``field``; runs only on rows whose
    fields passed their own checks (``guard``)."""

    field: str
    guard: str
    condition: str
    message: str


@dataclass(frozen=True)
class Format:
    kind: str
    title: str
    fields: tuple[Field, ...]
    row_checks: tuple[RowCheck, ...] = ()
    unique: tuple[str, ...] = ()  # columns whose combination may occur once
    unique_message: str = "komt dubbel voor"
    references_bag: bool = True  # warn about BAG ids that the imported BAG does not know

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


# --- building blocks -----------------------------------------------------------------------


def _digits(count: int, what: str) -> Check:
    return Check(f"NOT regexp_full_match({{v}}, '[0-9]{{{count}}}')", f"{what} ({count} cijfers)")


def bag_id(name: str = "adresseerbaar_object_id", *, required: bool = True) -> Field:
    return Field(
        name,
        (_digits(16, "geen BAG-id van het adresseerbaar object"),),
        required=required,
        description="BAG-id van het adresseerbaar object: 16 cijfers, met voorloopnullen",
    )


def integer(name: str, low: int, high: int, *, required: bool, description: str) -> Field:
    return Field(
        name,
        (
            Check("NOT regexp_full_match({v}, '-?[0-9]+')", "geen geheel getal"),
            Check(
                f"TRY_CAST({{v}} AS BIGINT) NOT BETWEEN {low} AND {high}",
                f"buiten het bereik {low} tot en met {high}",
            ),
        ),
        required=required,
        store=((name, "CAST({v} AS BIGINT)"),),
        description=description,
    )


PARTIAL_DATE_CHECK = Check(
    "NOT schakel_date_valid({v})",
    "geen (gedeeltelijk onbekende) datum; verwacht JJJJ-MM-DD, onbekende delen als 00",
)


def partial_date(name: str, low: str, high: str, *, required: bool, empty_low: str,
                 empty_high: str, optional_column: bool = False, description: str) -> Field:
    """A BRP date that may be partly unknown; stored as delivered plus earliest/latest day."""
    return Field(
        name,
        (PARTIAL_DATE_CHECK,),
        required=required,
        optional_column=optional_column,
        store=(
            (name, "{v}"),
            (low, f"coalesce(schakel_date_from({{v}}), {empty_low})"),
            (high, f"coalesce(schakel_date_until({{v}}), {empty_high})"),
        ),
        description=description,
    )


def calendar_date(name: str, *, required: bool, description: str) -> Field:
    return Field(
        name,
        (
            Check(
                "NOT regexp_full_match({v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') "
                "OR TRY_CAST({v} AS DATE) IS NULL",
                "geen datum; verwacht JJJJ-MM-DD",
            ),
        ),
        required=required,
        store=((name, "CAST({v} AS DATE)"),),
        description=description,
    )


def one_of(name: str, values: tuple[str, ...], *, transform: str, description: str) -> Field:
    listed = ", ".join(f"'{value}'" for value in values)
    return Field(
        name,
        (Check(f"{transform} NOT IN ({listed})", "kies uit " + ", ".join(values)),),
        store=((name, transform),),
        description=description,
    )


def _split(expression: str, item: str) -> str:
    """SQL for a ``;``-separated list: split, trim, drop empty items, apply ``item`` (over x)."""
    return (
        f"list_filter(list_transform(string_split({expression}, ';'), lambda x: {item}), "
        "lambda x: x <> '')"
    )


_GEBRUIKSDOELEN_LIST = _split("{v}", "lower(trim(x))")
_SBI_LIST = _split("{v}", "trim(x)")
_KNOWN_GEBRUIKSDOELEN = "[" + ", ".join(f"'{value}'" for value in GEBRUIKSDOELEN) + "]"

# --- the formats -----------------------------------------------------------------------------

BAG = Format(
    kind="bag",
    title="BAG verblijfsobjecten (en lig- en standplaatsen)",
    fields=(
        bag_id(),
        Field(
            "postcode",
            (
                Check(
                    "NOT regexp_full_match(upper(replace({v}, ' ', '')), '[1-9][0-9]{3}[A-Z]{2}')",
                    "geen postcode zoals 1234AB",
                ),
            ),
            store=(("postcode", "upper(replace({v}, ' ', ''))"),),
            description="postcode, 1234AB (een spatie mag)",
        ),
        integer("huisnummer", 1, 99999, required=True, description="huisnummer, 1 tot 99999"),
        Field(
            "huisletter",
            (Check("NOT regexp_full_match({v}, '[A-Za-z]')", "een huisletter is één letter"),),
            required=False,
            store=(("huisletter", "upper({v})"),),
            description="huisletter, één letter of leeg",
        ),
        Field(
            "huisnummertoevoeging",
            (
                Check(
                    "NOT regexp_full_match({v}, '[A-Za-z0-9]{1,4}')",
                    "een toevoeging is 1 tot 4 letters of cijfers",
                ),
            ),
            required=False,
            store=(("huisnummertoevoeging", "upper({v})"),),
            description="huisnummertoevoeging, 1 tot 4 letters of cijfers, of leeg",
        ),
        Field(
            "woonplaats",
            (Check("length({v}) > 80", "langer dan 80 tekens"),),
            required=False,
            description="woonplaatsnaam (alleen voor weergave)",
        ),
        integer(
            "oppervlakte", 1, 999999, required=False,
            description="gebruiksoppervlakte in m² (NEN 2580), 1 tot 999999; leeg als onbekend",
        ),
        Field(
            "gebruiksdoelen",
            (
                Check(f"len({_GEBRUIKSDOELEN_LIST}) = 0", "geen gebruiksdoel"),
                Check(
                    f"NOT list_has_all({_KNOWN_GEBRUIKSDOELEN}, {_GEBRUIKSDOELEN_LIST})",
                    "onbekend gebruiksdoel; kies uit " + ", ".join(GEBRUIKSDOELEN),
                ),
            ),
            store=(("gebruiksdoelen", f"list_sort(list_distinct({_GEBRUIKSDOELEN_LIST}))"),),
            description="gebruiksdoelen volgens de BAG, gescheiden door ;",
        ),
        integer("bouwjaar", 1000, 2100, required=False, description="oorspronkelijk bouwjaar"),
    ),
    unique=("adresseerbaar_object_id",),
    unique_message="dit BAG-id komt al voor",
    references_bag=False,
)

_CURRENT = "DATE '9999-12-31'"
BRP = Format(
    kind="brp",
    title="BRP adreshoudingen (één regel per inschrijvingsperiode)",
    fields=(
        Field(
            "persoon_id",
            (
                Check("length({v}) > 64", "langer dan 64 tekens"),
                Check(
                    "regexp_full_match({v}, '[0-9]{8,9}') AND schakel_is_bsn({v})",
                    "lijkt een BSN (voldoet aan de 11-proef); lever een pseudoniem aan, nooit het "
                    "BSN",
                ),
            ),
            show_value=False,
            description="pseudoniem van de persoon; nooit een BSN (8 of 9 cijfers die de "
            "11-proef halen worden geweigerd)",
        ),
        bag_id(),
        partial_date(
            "datum_aanvang", "aanvang_vroegst", "aanvang_laatst", required=True,
            empty_low="NULL", empty_high="NULL",
            description="datum aanvang adreshouding; delen mogen onbekend zijn (2019-00-00)",
        ),
        partial_date(
            "datum_einde", "einde_vroegst", "einde_laatst", required=False,
            empty_low=_CURRENT, empty_high=_CURRENT,
            description="datum einde adreshouding; leeg zolang de inschrijving loopt",
        ),
        partial_date(
            "geboortedatum", "geboren_vroegst", "geboren_laatst", required=False,
            empty_low="NULL", empty_high="NULL", optional_column=True,
            description="geboortedatum; optioneel, alleen om het aantal minderjarigen te tonen",
        ),
        one_of(
            "functie_adres", ("W", "B"), transform="upper({v})",
            description="W (woonadres) of B (briefadres)",
        ),
    ),
    row_checks=(
        RowCheck(
            "datum_einde",
            guard="datum_einde IS NOT NULL AND schakel_date_valid(datum_aanvang) "
            "AND schakel_date_valid(datum_einde)",
            condition="schakel_date_until(datum_einde) < schakel_date_from(datum_aanvang)",
            message="ligt voor datum_aanvang",
        ),
    ),
    unique=("persoon_id", "adresseerbaar_object_id", "datum_aanvang"),
    unique_message="dezelfde inschrijving (persoon, object, datum_aanvang) staat er al",
)

KVK = Format(
    kind="kvk",
    title="KvK vestigingen",
    fields=(
        Field("kvk_nummer", (_digits(8, "geen KvK-nummer"),), description="KvK-nummer, 8 cijfers"),
        Field(
            "vestigingsnummer",
            (_digits(12, "geen vestigingsnummer"),),
            description="vestigingsnummer, 12 cijfers",
        ),
        Field(
            "naam",
            (Check("length({v}) > 200", "langer dan 200 tekens"),),
            description="eerste handelsnaam",
        ),
        bag_id(required=False),
        Field(
            "sbi_codes",
            (
                Check(f"len({_SBI_LIST}) = 0", "geen SBI-code"),
                Check(
                    f"len(list_filter({_SBI_LIST}, "
                    "lambda x: NOT regexp_full_match(x, '[0-9]{2,5}'))) > 0",
                    "SBI-codes als 2 tot 5 cijfers zonder punten, gescheiden door ; (7820;4120)",
                ),
            ),
            store=(("sbi_codes", _SBI_LIST),),
            description="SBI-codes, cijfers zonder punten, gescheiden door ;, hoofdactiviteit "
            "eerst",
        ),
    ),
    unique=("vestigingsnummer",),
    unique_message="dit vestigingsnummer komt al voor",
)

PERMITS = Format(
    kind="permits",
    title="Vergunningen",
    fields=(
        bag_id(),
        one_of(
            "soort", PERMIT_KINDS, transform="lower({v})",
            description="seksbedrijf, verhuurvergunning, kamerverhuur of logies",
        ),
        calendar_date("geldig_van", required=True, description="eerste geldige dag"),
        calendar_date("geldig_tot", required=False, description="laatste geldige dag; leeg: "
                      "onbepaald"),
    ),
    row_checks=(
        RowCheck(
            "geldig_tot",
            guard="TRY_CAST(geldig_van AS DATE) IS NOT NULL AND TRY_CAST(geldig_tot AS DATE) "
            "IS NOT NULL",
            condition="CAST(geldig_tot AS DATE) < CAST(geldig_van AS DATE)",
            message="ligt voor geldig_van",
        ),
    ),
)

FORMATS: dict[str, Format] = {fmt.kind: fmt for fmt in (BAG, BRP, KVK, PERMITS)}


@dataclass
class Header:
    """The columns of a file's header row, split into the ones read and the ones dropped."""

    names: list[str]
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def split_header(fmt: Format, names: list[str]) -> Header:
    """Which header columns the format reads; everything else is dropped unread."""
    header = Header(names=names)
    known = set(fmt.columns)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            header.duplicates.append(name)
        seen.add(name)
        (header.kept if name in known else header.dropped).append(name)
    header.kept = list(dict.fromkeys(header.kept))
    header.missing = [f.name for f in fmt.fields if f.name not in seen and not f.optional_column]
    return header


def is_sensitive(column: str) -> bool:
    lowered = column.lower()
    return any(hint in lowered for hint in SENSITIVE_HINTS)
