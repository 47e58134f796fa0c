# SPDX-License-Identifier: EUPL-1.2
"""Nationality as Schakel records it (free Dutch text, "Pools", "Eritrese") → ISO 3166-1
alpha-2 (what HTCDS ``prs_Nationality`` expects) → region of the world (the generalisation
used by the de-identified export). Pure Python.

Why a table and not a library: the input is Dutch adjectives and country names typed by staff,
which no country library knows, and the regions follow the monitoring reports (Netherlands,
rest of the EU, rest of Europe, other continents; reporting-interop.md §1.2), not the UN M49
sub-regions. A value that is not in the table maps to "" and is reported as unmapped, never
guessed.
"""

from __future__ import annotations

import unicodedata

REGIONS: dict[str, tuple[str, ...]] = {
    "NL": ("NL",),
    "EU": ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
           "IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK"),
    "Europe (non-EU)": ("AL", "AM", "AZ", "BA", "BY", "CH", "GB", "GE", "IS", "LI", "MD", "ME",
                        "MK", "NO", "RS", "RU", "TR", "UA", "XK"),
    "Africa": ("AO", "BF", "BI", "BJ", "CD", "CG", "CI", "CM", "DZ", "EG", "ER", "ET", "GH",
               "GM", "GN", "KE", "LR", "LY", "MA", "ML", "MR", "NE", "NG", "RW", "SD", "SL",
               "SN", "SO", "SS", "TD", "TG", "TN", "TZ", "UG", "ZA", "ZW", "CV"),
    "Asia": ("AF", "BD", "CN", "HK", "ID", "IN", "IQ", "IR", "JO", "JP", "KH", "KR", "KZ",
             "LB", "LK", "MM", "MN", "MY", "NP", "PH", "PK", "PS", "SA", "SY", "TH", "TJ",
             "TM", "UZ", "VN", "YE", "KG", "LA", "AE", "IL"),
    "Americas": ("AR", "BO", "BR", "CA", "CL", "CO", "CU", "DO", "EC", "GT", "HN", "HT", "JM",
                 "MX", "NI", "PE", "PY", "SR", "SV", "US", "UY", "VE", "AW", "CW", "SX", "BQ"),
    "Oceania": ("AU", "NZ", "FJ", "PG"),
}
REGION_OF: dict[str, str] = {code: region for region, codes in REGIONS.items() for code in codes}

# Dutch adjectives (both forms: "Pools"/"Poolse") and country names, plus English names.
_NAMES: dict[str, tuple[str, ...]] = {
    "NL": ("nederlands", "nederlandse", "nederland", "dutch", "netherlands"),
    "PL": ("pools", "poolse", "polen", "polish", "poland"),
    "RO": ("roemeens", "roemeense", "roemenie", "romanian", "romania"),
    "BG": ("bulgaars", "bulgaarse", "bulgarije", "bulgarian", "bulgaria"),
    "HU": ("hongaars", "hongaarse", "hongarije", "hungarian", "hungary"),
    "LT": ("litouws", "litouwse", "litouwen", "lithuanian", "lithuania"),
    "LV": ("lets", "letse", "letland", "latvian", "latvia"),
    "EE": ("ests", "estse", "estland", "estonian", "estonia"),
    "SK": ("slowaaks", "slowaakse", "slowakije", "slovak", "slovakia"),
    "CZ": ("tsjechisch", "tsjechische", "tsjechie", "czech", "czechia"),
    "DE": ("duits", "duitse", "duitsland", "german", "germany"),
    "BE": ("belgisch", "belgische", "belgie", "belgian", "belgium"),
    "FR": ("frans", "franse", "frankrijk", "french", "france"),
    "ES": ("spaans", "spaanse", "spanje", "spanish", "spain"),
    "PT": ("portugees", "portugese", "portugal", "portuguese"),
    "IT": ("italiaans", "italiaanse", "italie", "italian", "italy"),
    "GR": ("grieks", "griekse", "griekenland", "greek", "greece"),
    "HR": ("kroatisch", "kroatische", "kroatie", "croatian", "croatia"),
    "UA": ("oekraiens", "oekraiense", "oekraine", "ukrainian", "ukraine"),
    "MD": ("moldavisch", "moldavische", "moldavie", "moldovan", "moldova"),
    "RU": ("russisch", "russische", "rusland", "russian", "russia"),
    "BY": ("wit-russisch", "wit-russische", "belarus", "belarusian"),
    "AL": ("albanees", "albanese", "albanie", "albanian", "albania"),
    "RS": ("servisch", "servische", "servie", "serbian", "serbia"),
    "TR": ("turks", "turkse", "turkije", "turkish", "turkey"),
    "GB": ("brits", "britse", "verenigd koninkrijk", "british", "united kingdom"),
    "MA": ("marokkaans", "marokkaanse", "marokko", "moroccan", "morocco"),
    "NG": ("nigeriaans", "nigeriaanse", "nigeria", "nigerian"),
    "ER": ("eritrees", "eritrese", "eritrea", "eritrean"),
    "ET": ("ethiopisch", "ethiopische", "ethiopie", "ethiopian", "ethiopia"),
    "SO": ("somalisch", "somalische", "somalie", "somali", "somalia"),
    "SD": ("soedanees", "soedanese", "soedan", "sudanese", "sudan"),
    "GH": ("ghanees", "ghanese", "ghana", "ghanaian"),
    "UG": ("oegandees", "oegandese", "oeganda", "ugandan", "uganda"),
    "GN": ("guineeer", "guinees", "guinese", "guinea", "guinean"),
    "SL": ("sierra leoons", "sierra leoonse", "sierra leone"),
    "CM": ("kameroens", "kameroense", "kameroen", "cameroonian", "cameroon"),
    "EG": ("egyptisch", "egyptische", "egypte", "egyptian", "egypt"),
    "DZ": ("algerijns", "algerijnse", "algerije", "algerian", "algeria"),
    "TN": ("tunesisch", "tunesische", "tunesie", "tunisian", "tunisia"),
    "LY": ("libisch", "libische", "libie", "libyan", "libya"),
    "VN": ("vietnamees", "vietnamese", "vietnam"),
    "CN": ("chinees", "chinese", "china"),
    "PH": ("filipijns", "filipijnse", "filipijnen", "filipino", "philippines"),
    "TH": ("thais", "thaise", "thailand"),
    "IN": ("indiaas", "indiase", "india", "indian"),
    "ID": ("indonesisch", "indonesische", "indonesie", "indonesian", "indonesia"),
    "PK": ("pakistaans", "pakistaanse", "pakistan", "pakistani"),
    "BD": ("bengaals", "bengaalse", "bangladesh", "bangladeshi"),
    "AF": ("afghaans", "afghaanse", "afghanistan", "afghan"),
    "SY": ("syrisch", "syrische", "syrie", "syrian", "syria"),
    "IQ": ("iraaks", "iraakse", "irak", "iraqi", "iraq"),
    "IR": ("iraans", "iraanse", "iran", "iranian"),
    "BR": ("braziliaans", "braziliaanse", "brazilie", "brazilian", "brazil"),
    "CO": ("colombiaans", "colombiaanse", "colombia", "colombian"),
    "DO": ("dominicaans", "dominicaanse", "dominicaanse republiek", "dominican"),
    "VE": ("venezolaans", "venezolaanse", "venezuela", "venezuelan"),
    "SR": ("surinaams", "surinaamse", "suriname", "surinamese"),
    "US": ("amerikaans", "amerikaanse", "verenigde staten", "american", "united states"),
}


def _normalise(text: str) -> str:
    """Lower case, accents removed ("Oekraïens" → "oekraiens"), single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


_LOOKUP: dict[str, str] = {_normalise(name): code for code, names in _NAMES.items()
                           for name in names}


def iso_code(nationality: str) -> str:
    """The ISO 3166-1 alpha-2 code for free-text nationality, or "" when not recognised.

    >>> iso_code("Oekraïens"), iso_code(" poolse "), iso_code("PL"), iso_code("onbekend")
    ('UA', 'PL', 'PL', '')
    """
    if not nationality or not nationality.strip():
        return ""
    text = _normalise(nationality)
    if len(text) == 2 and text.upper() in REGION_OF:
        return text.upper()
    return _LOOKUP.get(text, "")


def region(code: str) -> str:
    """The region of the world of an ISO alpha-2 code ("unknown" when not in the table)."""
    return REGION_OF.get((code or "").upper(), "unknown")
