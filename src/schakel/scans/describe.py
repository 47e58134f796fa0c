# SPDX-License-Identifier: EUPL-1.2
"""Hits and settings in plain Dutch, and the fingerprint of a hit's figures.

Everything a coordinator reads about a hit is generated here from the stored figures, so the
worklist, the signal description and the documentation say the same thing. Nothing here uses
or produces names: the KvK trade name is dropped before a hit is stored, because for a sole
trader it is a person's name and the establishment number is enough to look it up.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schakel.registers.config import RULE_CODES
from schakel.registers.scan import RULE_TITLES

# Figures that are settings, not data about the object: a changed threshold must not bring a
# dismissed address back, a changed count must.
SETTING_KEYS = frozenset({"drempel", "maanden"})
# Context from Schakel itself, not register data: a new signal at a dismissed address reaches
# the inbox on its own, and the signal made from a hit must not make that hit "new" again.
CONTEXT_RULES = frozenset({"known"})


def rule_title(code: str) -> str:
    return RULE_TITLES.get(code, code)


def clean_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures as stored in Schakel: establishment names removed (data minimisation)."""
    cleaned = json.loads(json.dumps(figures))
    for establishment in cleaned.get("risk_business", {}).get("vestigingen", []):
        establishment.pop("naam", None)
    return cleaned


def fingerprint(figures: dict[str, Any]) -> str:
    """SHA-256 over the register figures of the rules that fired, without settings and context.

    Two runs give the same fingerprint for an object exactly when the registers show the same
    situation there, whatever the thresholds were and whether Schakel knew the address.
    """
    data = {
        code: {key: value for key, value in values.items() if key not in SETTING_KEYS}
        for code, values in figures.items() if code not in CONTEXT_RULES
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def nl_number(value: Any) -> str:
    """12 → '12', 7.14 → '7,1': the Dutch decimal comma, one decimal at most."""
    if value is None:
        return "–"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.1f}".replace(".", ",")


# --- sentences per rule --------------------------------------------------------------------


def sentence(code: str, figures: dict[str, Any]) -> str:
    """One factual sentence for a rule that fired, from its figures."""
    writer = _SENTENCES.get(code)
    return writer(figures) if writer else rule_title(code)


def _occupancy(f: dict[str, Any]) -> str:
    text = _("%(area)s m² gebruiksoppervlakte voor %(residents)s ingeschreven bewoners: "
             "%(per)s m² per persoon, onder de norm van %(norm)s m² per persoon.") % {
        "area": nl_number(f.get("oppervlakte_m2")), "residents": nl_number(f.get("bewoners")),
        "per": nl_number(f.get("m2_per_bewoner")), "norm": nl_number(f.get("norm_m2"))}
    if f.get("minderjarigen"):
        text += " " + ngettext("Van hen is %(n)s minderjarig.", "Van hen zijn %(n)s minderjarig.",
                               f["minderjarigen"]) % {"n": f["minderjarigen"]}
    return text + _possible(f.get("mogelijke_bewoners"))


def _churn(f: dict[str, Any]) -> str:
    text = _("%(moves)s verhuisbewegingen in %(months)s maanden tot de peildatum "
             "(%(ins)s inschrijvingen, %(outs)s uitschrijvingen); de drempel is "
             "%(threshold)s.") % {
        "moves": nl_number(f.get("bewegingen")), "months": nl_number(f.get("maanden")),
        "ins": nl_number(f.get("inschrijvingen")), "outs": nl_number(f.get("uitschrijvingen")),
        "threshold": nl_number(f.get("drempel"))}
    if f.get("onzeker"):
        text += " " + _("%(n)s verhuizing(en) met een deels onbekende datum tellen niet mee.") % {
            "n": f["onzeker"]}
    return text


def _non_residential(f: dict[str, Any]) -> str:
    residents = f.get("bewoners") or 0
    text = ngettext(
        "%(n)s persoon ingeschreven met woonadres in een object zonder woonfunctie "
        "(gebruiksdoel: %(uses)s).",
        "%(n)s personen ingeschreven met woonadres in een object zonder woonfunctie "
        "(gebruiksdoel: %(uses)s).", residents,
    ) % {"n": residents, "uses": ", ".join(f.get("gebruiksdoelen") or []) or "–"}
    return text + _possible(f.get("mogelijke_bewoners"))


def _risk_business(f: dict[str, Any]) -> str:
    parts = [_activities(establishment) for establishment in f.get("vestigingen") or []]
    return _("Vestiging in een risicobranche op een adres met woonfunctie: %(list)s.") % {
        "list": "; ".join(parts) or "–"}


def _known(f: dict[str, Any]) -> str:
    return _("Dit adres komt al voor in een melding of open casus in Schakel.")


def _possible(count: Any) -> str:
    if not count:
        return ""
    return " " + _("Daarnaast %(n)s mogelijk ingeschreven (datum deels onbekend, telt niet "
                   "mee).") % {"n": count}


def _activities(establishment: dict[str, Any]) -> str:
    items = []
    for activity in establishment.get("activiteiten") or []:
        text = f"SBI {activity.get('sbi')} {activity.get('omschrijving', '')}".strip()
        if activity.get("hoofdactiviteit"):
            text += " (" + _("hoofdactiviteit") + ")"
        items.append(text)
    return ", ".join(items)


_SENTENCES = {
    "occupancy": _occupancy,
    "churn": _churn,
    "non_residential": _non_residential,
    "risk_business": _risk_business,
    "known": _known,
}


# --- raw figures as label/value rows -------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str


def figure_rows(code: str, f: dict[str, Any]) -> list[FigureRow]:
    """The raw figures behind a rule, labelled in Dutch, for the table under each hit."""
    if code == "occupancy":
        rows = [(_("Gebruiksoppervlakte (m²)"), f.get("oppervlakte_m2")),
                (_("Ingeschreven bewoners (woonadres)"), f.get("bewoners")),
                (_("m² per bewoner"), f.get("m2_per_bewoner")),
                (_("Norm (m² per persoon)"), f.get("norm_m2")),
                (_("Minderjarigen"), f.get("minderjarigen")),
                (_("Mogelijk ingeschreven (datum deels onbekend)"), f.get("mogelijke_bewoners"))]
    elif code == "churn":
        rows = [(_("Verhuisbewegingen in %(n)s maanden") % {"n": nl_number(f.get("maanden"))},
                 f.get("bewegingen")),
                (_("Inschrijvingen"), f.get("inschrijvingen")),
                (_("Uitschrijvingen"), f.get("uitschrijvingen")),
                (_("Niet meegeteld (datum deels onbekend)"), f.get("onzeker")),
                (_("Drempel"), f.get("drempel"))]
    elif code == "non_residential":
        rows = [(_("Bewoners met woonadres"), f.get("bewoners")),
                (_("Gebruiksdoelen (BAG)"), ", ".join(f.get("gebruiksdoelen") or [])),
                (_("Gebruiksoppervlakte (m²)"), f.get("oppervlakte_m2")),
                (_("Mogelijk ingeschreven (datum deels onbekend)"), f.get("mogelijke_bewoners"))]
    elif code == "risk_business":
        rows = [(_("Vestiging %(number)s") % {"number": e.get("vestigingsnummer", "")},
                 _activities(e)) for e in f.get("vestigingen") or []]
    else:
        rows = [(_("Adres in Schakel"), _("ja"))]
    return [FigureRow(label, value if isinstance(value, str) else nl_number(value))
            for label, value in rows]


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingRow:
    code: str
    title: str
    enabled: bool
    weight: str
    standalone: bool
    thresholds: str
    sbi_codes: list[tuple[str, str]]


def settings_rows(config: dict[str, Any]) -> list[SettingRow]:
    """The thresholds and weights of a run (the YAML shape) as rows in plain Dutch."""
    rows = []
    for code in RULE_CODES:
        rule = config.get("rules", {}).get(code, {})
        codes = sorted((rule.get("sbi_codes") or {}).items())
        rows.append(SettingRow(code=code, title=rule_title(code), enabled=bool(rule.get("enabled")),
                               weight=nl_number(rule.get("weight")),
                               standalone=bool(rule.get("standalone")),
                               thresholds=_thresholds(code, rule), sbi_codes=codes))
    return rows


def _thresholds(code: str, r: dict[str, Any]) -> str:
    if code == "occupancy":
        return _occupancy_thresholds(r)
    if code == "churn":
        text = _("%(n)s of meer verhuisbewegingen in %(months)s maanden") % {
            "n": nl_number(r.get("threshold")), "months": nl_number(r.get("months"))}
        if r.get("group_same_day"):
            text += _("; wie op dezelfde dag verhuist telt als één beweging")
        else:
            text += _("; elke in- en uitschrijving telt")
        return text
    if code == "non_residential":
        return _("%(n)s of meer personen met woonadres in een object zonder woonfunctie") % {
            "n": nl_number(r.get("min_persons"))}
    if code == "risk_business":
        return _("%(n)s SBI-codes op de risicolijst, op een adres met woonfunctie") % {
            "n": len(r.get("sbi_codes") or {})}
    return _("adres komt voor in een melding of open casus")


def _occupancy_thresholds(r: dict[str, Any]) -> str:
    """The occupancy settings in words; the options are named only when switched on."""
    text = _("minder dan %(norm)s m² per ingeschreven bewoner; objecten onder %(min)s m² worden "
             "overgeslagen") % {"norm": nl_number(r.get("norm_m2")),
                                 "min": nl_number(r.get("min_area_m2"))}
    kinds = r.get("permits_with_own_norm") or []
    if kinds:
        text += _("; %(permit)s m² bij een geldige vergunning %(kinds)s") % {
            "permit": nl_number(r.get("norm_for_permits_m2")), "kinds": ", ".join(kinds)}
    required = r.get("required_gebruiksdoelen") or []
    if required:
        text += _("; alleen objecten met %(uses)s") % {"uses": ", ".join(required)}
    return text


# --- the signal text -----------------------------------------------------------------------


def signal_description(*, peildatum, score: float, rules: list[str], figures: dict[str, Any],
                       object_id: str, permits: list[str]) -> str:
    """A neutral, factual description of a hit for the signal made from it.

    Only the rules, the figures and the BAG id: no names and nothing about origin (the registers
    part never reads it). It says plainly that this is a lead from the registers, not an
    observation.
    """
    lines = [
        _("Aanknopingspunt uit de registerscan (peildatum %(date)s), door de "
          "aandachtsfunctionaris beoordeeld en als melding ingebracht. De registers wijken hier "
          "af; dat is nog geen bevinding.") % {"date": date_format(peildatum, "j F Y")},
        "",
        _("Regels (score %(score)s):") % {"score": nl_number(score)},
    ]
    lines += [f"- {rule_title(code)}: {sentence(code, figures.get(code) or {})}" for code in rules]
    lines.append("")
    lines.append(_("BAG-object %(id)s.") % {"id": object_id})
    if permits:
        lines.append(_("Geldige vergunningen op de peildatum: %(list)s.") % {
            "list": ", ".join(permits)})
    return "\n".join(lines)
