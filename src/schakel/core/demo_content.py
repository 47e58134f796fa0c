# SPDX-License-Identifier: EUPL-1.2
"""Fictional demo signals for Alblasserdam (pure Python, no Django).

The demo must look like real intake: hurried notes from the BRP desk, BOA's, OZHZ inspectors,
Wmo consultants, leerplicht, the housing corporation, CJG, GPs and neighbours. So the texts are
assembled from many fragments per domain with variable names, places and numbers, and a share
of signals reuse an address, licence plate, phone number or company of an earlier one, so that
linking can be shown. Hard negatives (``none``) and smuggling items are included because triage
must be able to say "this is not trafficking".

Everything is fictional: names are drawn from common first names and surnames, companies are
made up, phone numbers use the 06-1 range and plates are random but valid in format. The same
seed always gives the same list; only ``random.Random(seed)`` is used.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

DOMAINS = ("sexual", "labour", "housing", "criminal", "dependency", "smuggling", "none")
# Relative weights: most intake is about work and housing, then sexual exploitation.
DOMAIN_WEIGHTS = {
    "labour": 24, "housing": 20, "sexual": 18, "criminal": 12, "dependency": 8,
    "smuggling": 5, "none": 13,
}
ACUTE_SHARE = 0.05
REPEAT_SHARE = 0.12  # some draws find no matching identifier, so ~10% really share one
# Repeats stay within a group, so a reused plate or number fits the story it lands in.
_REPEAT_GROUPS = {"sexual": "sex", "criminal": "crime", "dependency": "care", "labour": "work",
                  "housing": "work", "smuggling": "work", "none": "work"}

PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"
# Letter groups the RDW does not issue; avoided so the demo never shows one.
_PLATE_BLOCKED = ("SS", "SD", "PKK", "NSB", "KKK", "GVD", "PVV", "SGP", "TBS", "VVD")
_POSTCODE_FIRST = "ABCDEGHJKLMNPRTVWX"
_POSTCODE_SECOND = "ABCDEGHJKLMNPRSTVWXZ"

Subject = dict[str, Any]


@dataclass
class DemoSignal:
    """One fictional signal as a reporter would hand it in."""

    domain: str
    description: str
    reporter_kind: str  # "municipal" or "partner"
    source_hint: str
    acute: bool
    minor_involved: bool | None
    observed_days_ago: int
    location: dict[str, Any] | None
    subjects: list[Subject] = field(default_factory=list)


@dataclass
class _Draft:
    """What a scenario builder returns; ``generate_demo_signals`` adds date and acuteness."""

    lead: list[str]
    details: list[str]  # a random selection of these follows the lead, in order
    source: tuple[str, str]
    subjects: list[Subject] = field(default_factory=list)
    location: dict[str, Any] | None = None
    minor: bool | None = None
    close: str = ""


# --- name material ---------------------------------------------------------------------------
# origin: (nationality, male first names, female first names, surnames as (prefix, surname))
_ORIGINS: dict[str, tuple[str, list[str], list[str], list[tuple[str, str]]]] = {
    "nl": ("Nederlands",
           ["Jeroen", "Bas", "Kevin", "Dennis", "Mark", "Rick", "Thijs", "Jesse", "Sem", "Luuk",
            "Martijn", "Ruud", "Gerrit", "Cor", "Henk", "Mohamed", "Yassin", "Emre", "Bilal"],
           ["Sanne", "Lotte", "Femke", "Anouk", "Noa", "Tess", "Julia", "Demi", "Romy", "Esmee",
            "Jasmijn", "Britt", "Lieke", "Ria", "Truus", "Nora", "Yasmina", "Elif", "Kelly"],
           [("van der", "Linden"), ("de", "Jong"), ("van den", "Berg"), ("", "Bakker"),
            ("van", "Dijk"), ("de", "Graaf"), ("van der", "Giessen"), ("", "Kooijman"),
            ("den", "Hartog"), ("van", "Wijngaarden"), ("", "Verhoef"), ("de", "Bruijn"),
            ("", "Smit"), ("van", "Leeuwen"), ("de", "Boer"), ("in 't", "Veld"), ("", "Visser"),
            ("van der", "Plas"), ("", "Hoogendoorn"), ("", "Brouwer"), ("van den", "Heuvel"),
            ("", "El Idrissi"), ("", "Yıldız"), ("", "Boukhari"), ("ter", "Horst")]),
    "pl": ("Pools",
           ["Piotr", "Tomasz", "Krzysztof", "Marek", "Paweł", "Łukasz", "Michał", "Grzegorz"],
           ["Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Monika", "Natalia"],
           [("", "Kowalski"), ("", "Nowak"), ("", "Wiśniewski"), ("", "Zieliński"),
            ("", "Kamiński"), ("", "Lewandowski"), ("", "Wójcik"), ("", "Dąbrowski")]),
    "ro": ("Roemeens",
           ["Andrei", "Mihai", "Florin", "Ionuț", "Gheorghe", "Cristian", "Adrian", "Marius"],
           ["Elena", "Ioana", "Maria", "Andreea", "Mihaela", "Roxana", "Alina"],
           [("", "Popescu"), ("", "Ionescu"), ("", "Dumitru"), ("", "Stan"), ("", "Constantin"),
            ("", "Marin"), ("", "Rusu"), ("", "Lungu")]),
    "bg": ("Bulgaars",
           ["Georgi", "Ivan", "Dimitar", "Nikolay", "Stoyan", "Plamen"],
           ["Desislava", "Petya", "Gergana", "Maria", "Yordanka", "Tsvetelina"],
           [("", "Petrov"), ("", "Ivanov"), ("", "Georgiev"), ("", "Dimitrov"), ("", "Kolev"),
            ("", "Angelov")]),
    "ua": ("Oekraïens",
           ["Andriy", "Oleksandr", "Serhiy", "Dmytro", "Vasyl"],
           ["Oksana", "Olena", "Iryna", "Natalia", "Yulia"],
           [("", "Shevchenko"), ("", "Kovalenko"), ("", "Bondarenko"), ("", "Melnyk"),
            ("", "Tkachenko")]),
    "er": ("Eritrees",
           ["Yonas", "Tesfay", "Dawit", "Samuel", "Filmon", "Merhawi"],
           ["Senait", "Helen", "Selam", "Luwam", "Saba", "Winta"],
           [("", "Tesfamariam"), ("", "Habte"), ("", "Ghebremedhin"), ("", "Kidane"),
            ("", "Berhane"), ("", "Woldu")]),
    "ng": ("Nigeriaans",
           ["Osaro", "Emeka", "Efosa", "Chinedu"],
           ["Blessing", "Joy", "Precious", "Favour", "Gift", "Osas"],
           [("", "Okafor"), ("", "Eze"), ("", "Osagie"), ("", "Igbinosa"), ("", "Omoregie")]),
    "vn": ("Vietnamees",
           ["Van Minh", "Duc Anh", "Van Hung", "Quoc Bao"],
           ["Thi Lan", "Thi Hoa", "Thi Mai", "Ngoc Anh"],
           [("", "Nguyen"), ("", "Tran"), ("", "Le"), ("", "Pham"), ("", "Hoang")]),
    "br": ("Braziliaans",
           ["Rafael", "Thiago"],
           ["Fernanda", "Camila", "Juliana", "Larissa", "Bianca"],
           [("", "Silva"), ("", "Oliveira"), ("", "Souza"), ("", "Pereira"), ("", "Costa")]),
    "co": ("Colombiaans",
           ["Andrés", "Camilo"],
           ["Valentina", "Daniela", "Carolina", "Paola"],
           [("", "Gómez"), ("", "Rodríguez"), ("", "Martínez"), ("", "Herrera")]),
    "ph": ("Filipijns",
           ["Jomar", "Rodel"],
           ["Maricel", "Jennylyn", "Rowena", "Aileen", "Joy"],
           [("", "Santos"), ("", "Reyes"), ("", "Dela Cruz"), ("", "Bautista"), ("", "Mendoza")]),
    "sy": ("Syrisch",
           ["Ahmad", "Khaled", "Omar", "Yousef", "Rami"],
           ["Rania", "Lina", "Hiba"],
           [("", "Haddad"), ("", "Al-Hassan"), ("", "Khalil"), ("", "Darwish"), ("", "Saleh")]),
    "af": ("Afghaans",
           ["Mohammad", "Farid", "Jawad", "Naveed"],
           ["Mariam", "Zahra"],
           [("", "Rahimi"), ("", "Ahmadzai"), ("", "Karimi"), ("", "Noori")]),
    "hu": ("Hongaars",
           ["László", "Zoltán", "Gábor", "Attila"],
           ["Eszter", "Katalin", "Zsófia"],
           [("", "Nagy"), ("", "Kovács"), ("", "Tóth"), ("", "Szabó"), ("", "Horváth")]),
}
# Plural adjective for hurried notes: "3 Poolse mannen".
_ADJ = {"nl": "Nederlandse", "pl": "Poolse", "ro": "Roemeense", "bg": "Bulgaarse",
        "ua": "Oekraïense", "er": "Eritrese", "ng": "Nigeriaanse", "vn": "Vietnamese",
        "br": "Braziliaanse", "co": "Colombiaanse", "ph": "Filipijnse", "sy": "Syrische",
        "af": "Afghaanse", "hu": "Hongaarse"}
_LABOUR_ORIGINS = ["pl", "pl", "ro", "ro", "bg", "ua", "hu"]

# --- places ------------------------------------------------------------------------------------
_AREAS = ["Kinderdijk", "Oost", "Kortland", "Souburgh", "het centrum", "Hoogendijk",
          "de Vinkenpolder", "Nieuwland"]
_QUARTERS = ["Kinderdijk", "Oost", "Kortland", "Souburgh", "het centrum"]
_NEARBY = ["Papendrecht", "Hendrik-Ido-Ambacht", "Ridderkerk", "Dordrecht", "Sliedrecht",
           "Zwijndrecht", "Rotterdam", "Nieuw-Lekkerland", "Gorinchem"]
_SPOTS = [
    "bedrijventerrein Vinkenpolder, achter de loodsen",
    "parkeerplaats winkelcentrum Souburgh",
    "bij de molens in Kinderdijk, parkeerplaats bezoekers",
    "bushalte bij de rotonde richting A15",
    "kassengebied langs de Hoogendijk",
    "speeltuin in Kortland",
    "haventje bij het centrum",
    "grasveld achter de flats in Oost",
    "carpoolplaats bij de A15",
    "fietstunnel onder de Kortlandweg",
]
_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_DESK_WHEN = ["vanochtend", "gisteren", "vanmiddag", "vorige week", "eergisteren"]
_WHEN = ["vanochtend", "gisteren", "afgelopen weekend", "vorige week", "gisteravond",
         "vanmiddag", "eergisteren"]

# --- reporters: (reporter_kind, source_hint) -------------------------------------------------
BRP = ("municipal", "Publiekszaken/BRP-balie")
BOA = ("municipal", "Handhaving (BOA)")
WMO = ("municipal", "Wmo-consulent")
LEERPLICHT = ("municipal", "Leerplicht")
SOCIALE_DIENST = ("municipal", "Sociale dienst")
VERGUNNINGEN = ("municipal", "Vergunningen")
KCC = ("municipal", "KCC (telefonische melding buurtbewoner)")
OOV = ("municipal", "Team OOV")
BELASTINGEN = ("municipal", "Gemeentelijke belastingen")
WOONKRACHT = ("partner", "Woonkracht10")
CJG = ("partner", "CJG")
OZHZ = ("partner", "OZHZ")
WELZIJN = ("partner", "Welzijn (ouderenwerk)")
HUISARTS = ("partner", "Huisartsenpraktijk")
GGD = ("partner", "GGD")
JONGERENWERK = ("partner", "Jongerenwerk")
SCHOOL = ("partner", "School (vo/mbo)")
WIJKAGENT = ("partner", "Politie (wijkagent)")
WIJKTEAM = ("partner", "Sociaal wijkteam")


class _World:
    """Draws fictional people, companies, places and identifiers for one demo run.

    It also remembers the identifiers it handed out, so that a later signal can reuse one
    (a planted repeat). ``begin`` arms at most one reuse per signal.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._pools: dict[tuple[str, str], list[Any]] = {}
        self._group = "work"
        self._reuse = False
        self.reused = False

    # small helpers
    def pick(self, items: Sequence[Any]) -> Any:
        return self.rng.choice(items)

    def n(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def maybe(self, chance: float) -> bool:
        return self.rng.random() < chance

    def begin(self, domain: str, reuse: bool) -> None:
        self._group, self._reuse, self.reused = _REPEAT_GROUPS[domain], reuse, False

    def _recall(self, kind: str) -> Any | None:
        pool = self._pools.get((self._group, kind))
        if self._reuse and pool:
            self._reuse, self.reused = False, True
            return self.pick(pool)
        return None

    def _remember(self, kind: str, value: Any) -> None:
        self._pools.setdefault((self._group, kind), []).append(value)

    # people
    def person(self, role: str, origin: str = "nl", sex: str | None = None,
               age: tuple[int, int] = (20, 50), description: str = "",
               named: bool = True) -> Subject:
        nationality, males, females, surnames = _ORIGINS[origin]
        sex = sex or self.pick(["male", "female"])
        prefix, surname = self.pick(surnames)
        given = self.pick(males if sex == "male" else females)
        if sex == "female":
            surname = _feminine(origin, surname)
        if not named:
            given, prefix, surname = "", "", ""
        return {"kind": "person", "role": role, "given_names": given, "surname_prefix": prefix,
                "surname": surname, "estimated_age": self.n(*age), "sex": sex,
                "nationality": nationality if named or self.maybe(0.6) else "",
                "description": description}

    def organisation(self, role: str, sector: str) -> Subject:
        recalled = self._recall(f"org:{sector}")
        if recalled is not None:
            return {**recalled, "role": role}
        made = {"kind": "organisation", "role": role, "name": self._company(sector),
                "kvk_number": str(self.n(10_000_000, 99_999_999))}
        self._remember(f"org:{sector}", made)
        return made

    def _company(self, sector: str) -> str:
        first = {
            "agency": ["Flexwerk", "WerkBrug", "EuroHands", "FlexiPlus", "Polderkracht",
                       "Staffing Rivierland", "Vakkracht", "JobLink"],
            "building": ["Bouwbedrijf Dijkzicht", "Renovatie Lekzijde", "Bouwservice Noordoever",
                         "Klusbedrijf De Waard", "Montagebedrijf Rivierzicht"],
            "horeca": ["Snackbar De Molenwiek", "Restaurant Lotus Garden", "Grillroom Anatolia",
                       "Eetcafé 't Dijkhuis", "Wok Palace Drechtstad"],
            "nails": ["Nails & Beauty Kortland", "Perfect Nails", "Lucky Nails",
                      "Beauty Corner Oost", "Nagelstudio Pearl"],
            "massage": ["Thai Massage Sabai", "Wellness Lotus", "Massagepraktijk Orchidee",
                        "Relax Center Oost", "Spa & Massage Jade"],
            "carwash": ["Carwash Vinkenpolder", "Handwash Express", "Clean Car Centrum"],
            "farm": ["Kwekerij Groenrijk", "Fruitbedrijf De Hoogendijk", "Tuinderij Polderzoom",
                     "Plantenkwekerij De Waard"],
            "logistics": ["Logistiek Drechtzicht", "Distributiecentrum Rivierland",
                          "Koeriersdienst Snelpakket", "Transport & Opslag Noordoever"],
            "cleaning": ["Schoonmaakbedrijf Glans", "CleanTeam Drechtsteden", "Poetsploeg Zuid"],
            "housing": ["Woonbeheer Rivierland", "Kamerverhuur Drechtstad", "Vastgoed Oostzijde",
                        "Short Stay Alblas"],
        }[sector]
        suffix = {"agency": ["B.V.", "Drechtsteden B.V.", "Uitzend B.V.", "Personeel B.V."],
                  "housing": ["B.V.", "V.O.F.", "Beheer B.V."]}.get(sector, ["", "", "V.O.F.",
                                                                             "B.V."])
        return " ".join(part for part in (self.pick(first), self.pick(suffix)) if part)

    # identifiers
    def plate(self, van: bool = False) -> str:
        kind = "van" if van else "car"
        recalled = self._recall(kind)
        if recalled is not None:
            return recalled
        made = self._new_plate(van)
        self._remember(kind, made)
        return made

    def _new_plate(self, van: bool) -> str:
        while True:
            letters = "".join(self.pick(PLATE_LETTERS) for _ in range(3))
            plate = _format_plate(letters, self.pick((7, 9, 10, 11)), self)
            if van:  # vans: sidecode 8 with a V in front ("3-VKT-47")
                plate = f"{self.n(1, 9)}-V{letters[1:]}-{self.n(10, 99)}"
            if not any(blocked in plate.replace("-", "") for blocked in _PLATE_BLOCKED):
                return plate

    def phone(self, landline: bool = False) -> str:
        recalled = None if landline else self._recall("phone")
        if recalled is not None:
            return recalled
        if landline:
            return f"078-6{self.n(0, 999_999):06d}"
        made = f"06-1{self.n(0, 9_999_999):07d}"
        self._remember("phone", made)
        return made

    def address(self) -> dict[str, Any]:
        recalled = self._recall("address")
        if recalled is not None:
            return dict(recalled)
        made = {"postcode": self._postcode(), "house_number": self.n(1, 240),
                "house_number_suffix": self.pick(["", "", "", "", "", "", "a", "b", "A", "2"])}
        self._remember("address", made)
        return dict(made)

    def _postcode(self) -> str:
        while True:
            letters = self.pick(_POSTCODE_FIRST) + self.pick(_POSTCODE_SECOND)
            if letters not in ("SA", "SD", "SS"):
                return f"{self.pick(['2951', '2952', '2953', '2954'])} {letters}"

    def spot(self, description: str = "") -> dict[str, Any]:
        return {"description": description or self.pick(_SPOTS)}

    def location(self, address: float = 1.0, spot: float = 0.0,
                 description: str = "") -> dict[str, Any] | None:
        """An address, a described spot or nothing; only the chosen one is drawn."""
        roll = self.rng.random()
        if roll < address:
            return self.address()
        return self.spot(description) if roll < address + spot else None

    # subjects for identifiers
    def vehicle_subject(self, role: str, van: bool = False) -> Subject:
        return {"kind": "vehicle", "role": role, "licence_plate": self.plate(van)}

    def phone_subject(self, role: str, landline: bool = False) -> Subject:
        return {"kind": "phone", "role": role, "number": self.phone(landline)}


def _format_plate(letters: str, sidecode: int, w: _World) -> str:
    """Lay three letters out in one of the current Dutch sidecodes."""
    if sidecode == 7:
        return f"{w.n(10, 99)}-{letters}-{w.n(1, 9)}"
    if sidecode == 9:
        return f"{letters[:2]}-{w.n(100, 999)}-{letters[2]}"
    if sidecode == 10:
        return f"{letters[0]}-{w.n(100, 999)}-{letters[1:]}"
    return f"{letters}-{w.n(10, 99)}-{w.pick(PLATE_LETTERS)}"  # sidecode 11


def _feminine(origin: str, surname: str) -> str:
    """Slavic surnames change with sex (Kowalski/Kowalska, Petrov/Petrova)."""
    if origin == "pl" and surname.endswith(("ski", "cki")):
        return surname[:-1] + "a"
    if origin == "bg" and surname.endswith(("ov", "ev")):
        return surname + "a"
    return surname


def _name(person: Subject, formal: bool = True) -> str:
    """How a hurried note names someone: 'mevr. Van der Linden' or 'Piotr Nowak'."""
    prefix, surname = person["surname_prefix"], person["surname"]
    if not surname:
        return "onbekende " + ("vrouw" if person["sex"] == "female" else "man")
    if formal:
        title = "mevr." if person["sex"] == "female" else "dhr."
        family = f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname
        return f"{title} {family}"
    return " ".join(part for part in (person["given_names"], prefix, surname) if part)


# --- labour ------------------------------------------------------------------------------------
def _labour_brp_group(w: _World) -> _Draft:
    origin = w.pick(_LABOUR_ORIGINS)
    org = w.organisation("facilitator", "agency")
    guide = w.person("perpetrator", w.pick([origin, "nl"]), "male", (28, 55),
                     "begeleider, deed het woord", named=w.maybe(0.4))
    workers = [w.person("victim", origin, age=(19, 45)) for _ in range(w.n(1, 3))]
    group = w.n(3, 8)
    details = [
        f"Begeleid door iemand van {org['name']}, die alle paspoorten in een map had en steeds "
        "antwoord gaf.",
        "Niemand sprak NL of Engels, keken steeds naar de begeleider voor ze iets zeiden.",
        f"Op het opgegeven adres staan al {w.n(6, 15)} personen ingeschreven.",
        "Eén van de mannen vroeg zacht of hij zijn paspoort terug kon krijgen.",
        "Ze wisten hun eigen adres niet, begeleider vulde alles in.",
        f"Volgens begeleider 'morgen al aan het werk in {w.pick(_NEARBY)}'.",
    ]
    subjects = [org, guide, *workers]
    if w.maybe(0.5):
        van = w.vehicle_subject("facilitator", van=True)
        subjects.append(van)
        details.append(f"Bus stond buiten met draaiende motor, kent. {van['licence_plate']}.")
    return _Draft(
        lead=[w.pick([
            f"{w.pick(_DESK_WHEN).capitalize()} {group} {_ADJ[origin]} "
            f"{w.pick(['mannen', 'werknemers', 'personen'])} aan de balie voor eerste inschrijving "
            "BRP.",
            f"Groep van {group} {_ADJ[origin]} arbeidsmigranten tegelijk binnen voor inschrijving.",
        ])],
        details=details, source=BRP, subjects=subjects, location=w.address(), minor=False,
        close=w.pick(["", "Niets laten merken aan de balie.", "Graag terugkoppeling.",
                      "Inschrijving wel verwerkt, adres gaat naar adresonderzoek."]),
    )


def _labour_building_site(w: _World) -> _Draft:
    origin = w.pick(_LABOUR_ORIGINS)
    org = w.organisation("facilitator", w.pick(["building", "agency"]))
    worker = w.person("victim", origin, "male", (20, 50))
    wage = w.pick([4, 5, 6, 7])
    details = [
        f"Ongeveer {w.n(4, 12)} man aan het werk, geen helmen, geen werkschoenen.",
        f"{_name(worker, formal=False)} vertelde in gebroken Engels dat hij ca. €{wage} per uur "
        "krijgt, 'min huur en bus'.",
        f"Werken volgens buren van 6.00 tot {w.pick(['20.00', '21.00', 'donker'])}, ook op "
        "zondag.",
        f"Opdrachtgever volgens bord: {org['name']}.",
        "Toen wij aankwamen liepen er 2 mannen snel weg via de achterkant.",
        "Slapen volgens de voorman 'ergens in de buurt', wilde niet zeggen waar.",
    ]
    subjects = [org, worker]
    if w.maybe(0.6):
        van = w.vehicle_subject("facilitator", van=w.maybe(0.6))
        subjects.append(van)
        details.append(f"Worden 's ochtends gebracht met wit busje {van['licence_plate']}.")
    return _Draft(
        lead=[w.pick([
            f"Controle bouwplaats in {w.pick(_QUARTERS)} "
            f"({w.pick(['renovatie', 'nieuwbouw', 'sloop'])}).",
            f"Bij ronde {w.pick(_WEEKDAYS)} langs bouwplaats in {w.pick(_QUARTERS)} gesproken "
            "met werkers.",
        ])],
        details=details, source=w.pick([BOA, BOA, OZHZ, VERGUNNINGEN]), subjects=subjects,
        location=w.location(0.5, 0.5), minor=False,
        close=w.pick(["", "Evt. doorzetten naar Arbeidsinspectie?", "Foto's in dossier."]),
    )


def _labour_greenhouse(w: _World) -> _Draft:
    origin = w.pick(["pl", "ro", "bg", "ua"])
    org = w.organisation("facilitator", "farm")
    workers = [w.person("victim", origin, age=(18, 40)) for _ in range(w.n(1, 2))]
    details = [
        f"Er werken ca. {w.n(8, 25)} {_ADJ[origin]} mensen, 7 dagen per week in het seizoen.",
        f"Slapen in {w.pick(['caravans', 'containers', 'een loods'])} achter de kas, één toilet.",
        "Loon contant, per kist of per rij, geen loonstrook gezien.",
        "Een vrouw had hand in verband, zei dat ze niet naar de dokter mocht.",
        "Eigenaar stuurt ze weg als er iemand op het erf komt.",
        f"Worden soms ook 'uitgeleend' aan een bedrijf in {w.pick(_NEARBY)}.",
    ]
    return _Draft(
        lead=[w.pick([
            f"Melding over {org['name']} langs de Hoogendijk.",
            f"Bij kwekerij aan de rand van {w.pick(['Kinderdijk', 'de Hoogendijk', 'Oost'])} "
            "valt het volgende op.",
        ])],
        details=details, source=w.pick([KCC, OZHZ, BOA]), subjects=[org, *workers],
        location=w.location(0.5, 0.5, "kassengebied langs de Hoogendijk"),
        minor=None,
        close=w.pick(["", "Melder wil anoniem blijven.", "Buurman belt vaker hierover."]),
    )


def _labour_horeca(w: _World) -> _Draft:
    origin = w.pick(["vn", "bg", "ro", "nl", "pl"])
    org = w.organisation("facilitator", "horeca")
    worker = w.person("victim", origin, age=(17, 35), description="medewerker keuken")
    boss = w.person("perpetrator", w.pick([origin, "nl"]), "male", (35, 60), "eigenaar")
    details = [
        f"Medewerker ({_name(worker, formal=False)}) lijkt boven de zaak te wonen, is er altijd.",
        f"Werkt zo te zien van {w.pick(['11', '12', '14'])}.00 tot sluitingstijd, elke dag.",
        "Eigenaar zou paspoort 'bewaren' en spreekt voor hem/haar.",
        f"Zegt schuld te hebben van €{w.n(3, 12)}.000 voor de reis, die 'nog jaren' afbetaald "
        "moet worden.",
        "Kreeg volgens vaste klant alleen eten en wat zakgeld.",
        "Ziet er moe en mager uit, kijkt weg als je iets vraagt.",
    ]
    return _Draft(
        lead=[w.pick([
            f"Signaal over {org['name']} in {w.pick(_QUARTERS)}.",
            f"Bij {w.pick(['controle drank- en horeca', 'terrascontrole', 'bezoek'])} "
            f"bij {org['name']} valt iets op.",
        ])],
        details=details, source=w.pick([BOA, VERGUNNINGEN, KCC, WIJKTEAM]),
        subjects=[org, worker, boss], location=w.address(),
        minor=True if worker["estimated_age"] < 18 else None,
    )


def _labour_salon_carwash(w: _World) -> _Draft:
    sector = w.pick(["nails", "carwash"])
    origin = "vn" if sector == "nails" else w.pick(["ro", "bg", "ua", "er"])
    org = w.organisation("facilitator", sector)
    worker = w.person("victim", origin, "female" if sector == "nails" else "male", (15, 30))
    young = worker["estimated_age"] < 18
    who = "meisje" if sector == "nails" else "jongen"
    details = [
        f"{'Jong' if who == 'meisje' else 'Jonge'} {who}, schat {worker['estimated_age']} jr"
        + (", ook onder schooltijd aan het werk." if young else ", altijd aan het werk."),
        "Spreekt geen NL, ander personeel antwoordt voor haar/hem.",
        "'s Avonds laat nog licht boven de zaak, matrassen gezien via achterdeur.",
        f"Prijzen opvallend laag (€{w.n(10, 15)} per behandeling/wasbeurt).",
        "Wordt 's ochtends door dezelfde man gebracht en 's avonds gehaald.",
    ]
    subjects: list[Subject] = [org, worker]
    if w.maybe(0.4):
        tel = w.phone_subject("facilitator")
        subjects.append(tel)
        details.append(f"Afspraken lopen via {tel['number']} (WhatsApp).")
    return _Draft(
        lead=[f"Melding {org['name']} ({'nagelsalon' if sector == 'nails' else 'carwash'}), "
              f"{w.pick(['Vinkenpolder', 'centrum', 'Souburgh', 'Oost'])}."],
        details=details, source=w.pick([KCC, BOA, LEERPLICHT, VERGUNNINGEN]), subjects=subjects,
        location=w.address(), minor=True if young else None,
    )


def _labour_au_pair(w: _World) -> _Draft:
    origin = w.pick(["ph", "ph", "ua", "co", "br"])
    au_pair = w.person("victim", origin, "female", (19, 28), "au pair")
    host = w.person("perpetrator", "nl", w.pick(["male", "female"]), (35, 50), "gastouder")
    hours = w.n(45, 70)
    details = [
        f"Au pair ({_name(au_pair, formal=False)}) werkt naar eigen zeggen {hours} uur per week.",
        "Doet het hele huishouden, kookt en brengt/haalt de 3 kinderen.",
        f"Krijgt €{w.n(50, 150)} per maand, 'de rest wordt gespaard' door het gezin.",
        "Mag niet zonder toestemming de deur uit, telefoon wordt 's avonds ingenomen.",
        "Paspoort ligt 'veilig' bij gastmoeder.",
        "Moest al eens in het weekend voor familie van het gezin schoonmaken.",
    ]
    return _Draft(
        lead=[w.pick([
            f"Zorg om au pair bij gezin {_name(host).split(' ', 1)[1]} in "
            f"{w.pick(['Kinderdijk', 'Kortland', 'Oost', 'Souburgh'])}.",
            "Au pair sprak mij aan op het schoolplein, vroeg of dit normaal is.",
        ])],
        details=details, source=w.pick([CJG, SCHOOL, HUISARTS]), subjects=[au_pair, host],
        location=w.address(), minor=False,
    )


def _labour_domestic(w: _World) -> _Draft:
    origin = w.pick(["ng", "er", "sy", "af", "ph"])
    girl = w.person("victim", origin, "female", (13, 17), "nichtje van het gezin")
    aunt = w.person("perpetrator", origin, "female", (35, 55), "tante")
    details = [
        "Meisje is niet ingeschreven op een school, volgens gezin 'op bezoek'.",
        "Zorgt de hele dag voor de kleine kinderen en doet het huishouden.",
        "Buurvrouw ziet haar nooit buiten, alleen met vuilniszakken.",
        "Bij huisbezoek mocht ze niet zelf praten, tante vertaalde.",
        f"Zou al sinds {w.pick(['vorige zomer', 'een jaar', 'maart'])} in NL zijn.",
    ]
    return _Draft(
        lead=[w.pick([
            f"Signaal over meisje (ca. {girl['estimated_age']}) dat inwoont bij familie in "
            f"{w.pick(_QUARTERS)}.",
            f"Leerplichtige jongere in {w.pick(_QUARTERS)} in beeld die niet op school staat.",
        ])],
        details=details, source=w.pick([LEERPLICHT, CJG, WIJKTEAM]), subjects=[girl, aunt],
        location=w.address(), minor=True,
    )


def _labour_benefits_desk(w: _World) -> _Draft:
    origin = w.pick(_LABOUR_ORIGINS)
    org = w.organisation("facilitator", w.pick(["agency", "logistics", "cleaning"]))
    client = w.person("victim", origin, "male", (22, 55), "aanvrager")
    details = [
        f"Werkte {w.n(3, 14)} mnd via {org['name']} in "
        f"{w.pick(['een distributiecentrum', 'de schoonmaak', 'een fabriek'])}.",
        f"Laatste {w.n(2, 4)} maanden geen loon gehad, 'eerst schuld afbetalen'.",
        f"Schuld van €{w.n(1, 6)}.{w.n(0, 9)}00 voor reis, boetes en huur.",
        "Bankpas ligt bij de 'coördinator' van het bureau.",
        "Toen hij klaagde werd hij dezelfde dag uit de woning gezet.",
        "Heeft geen kopie van contract, weet niet bij welk bedrijf hij echt werkte.",
    ]
    subjects: list[Subject] = [org, client]
    if w.maybe(0.5):
        tel = w.phone_subject("perpetrator")
        subjects.append(tel)
        details.append(f"Nr. van de 'coördinator': {tel['number']}.")
    return _Draft(
        lead=[f"{_name(client, formal=False)} ({_ORIGINS[origin][0]}) meldt zich voor "
              "noodbijstand/voedselbank."],
        details=details, source=w.pick([SOCIALE_DIENST, WIJKTEAM]), subjects=subjects,
        location=w.location(0.6), minor=False,
        close=w.pick(["", "Slaapt nu bij kennis in Papendrecht.", "Graag advies wat te doen."]),
    )


def _labour_night_cleaning(w: _World) -> _Draft:
    org = w.organisation("facilitator", "cleaning")
    van = w.vehicle_subject("facilitator", van=True)
    details = [
        f"Elke nacht rond 23.00 komt busje {van['licence_plate']} met {w.n(5, 9)} mensen.",
        "Ze maken kantoren schoon in de Vinkenpolder tot ca. 06.00.",
        "Beveiliger hoorde dat ze contant worden betaald en 'voor de bus' moeten betalen.",
        "Zelfde mensen zie je overdag bij "
        f"{w.pick(['de kwekerij', 'het distributiecentrum', 'de carwash'])}.",
    ]
    return _Draft(
        lead=[f"Beveiliger bedrijventerrein meldt schoonmaakploeg van {org['name']}."],
        details=details, source=w.pick([BOA, KCC]), subjects=[org, van],
        location={"description": "bedrijventerrein Vinkenpolder"}, minor=None,
    )


# --- housing -----------------------------------------------------------------------------------
def _housing_brp_overcrowded(w: _World) -> _Draft:
    origin = w.pick(_LABOUR_ORIGINS)
    registered = w.n(7, 16)
    details = [
        f"Woning heeft volgens BAG ca. {w.n(70, 110)} m2.",
        f"Afgelopen {w.n(4, 12)} mnd {w.n(10, 30)} in- en uitschrijvingen, steeds {_ADJ[origin]} "
        "namen.",
        "Aangiftes steeds gedaan door dezelfde persoon namens "
        f"{w.pick(['verhuurder', 'werkgever', 'uitzendbureau'])}.",
        "Eigenaar woont zelf niet op het adres.",
        "Meerdere bewoners hebben hetzelfde 06-nummer opgegeven.",
    ]
    subjects: list[Subject] = []
    if w.maybe(0.6):
        landlord = w.person("facilitator", "nl", "male", (40, 70), "eigenaar/verhuurder")
        subjects.append(landlord)
        details.append(f"Eigenaar volgens Kadaster: {_name(landlord, formal=False)}.")
    if w.maybe(0.5):
        subjects.append(w.organisation("facilitator", w.pick(["agency", "housing"])))
    return _Draft(
        lead=[w.pick([
            f"Adresonderzoek opgestart: {registered} personen ingeschreven op eengezinswoning.",
            f"Bij verwerken verhuizing valt op: nu {registered} bewoners op dit adres.",
        ])],
        details=details, source=w.pick([BRP, BRP, BELASTINGEN, SOCIALE_DIENST]),
        subjects=subjects, location=w.address(), minor=False,
    )


def _housing_woonkracht(w: _World) -> _Draft:
    tenant = w.person("other", "nl", age=(30, 75), description="huurder")
    origin = w.pick(_LABOUR_ORIGINS)
    details = [
        f"Huurder ({_name(tenant)}) lijkt er zelf niet meer te wonen.",
        f"Buren zien {w.n(5, 12)} {_ADJ[origin]} mannen in en uit lopen, matrassen bij het "
        "grofvuil.",
        f"Elke ochtend om {w.pick(['5.30', '5.45', '6.00'])} worden ze opgehaald.",
        "Bij huisbezoek niemand open gedaan, wel mensen gezien achter het raam.",
        f"Buurvrouw: 'er wordt €{w.n(80, 150)} per week per bed betaald'.",
    ]
    subjects: list[Subject] = [tenant]
    if w.maybe(0.7):
        van = w.vehicle_subject("facilitator", van=w.maybe(0.7))
        subjects.append(van)
        details.append(f"Busje {van['licence_plate']} staat 's nachts voor de deur.")
    return _Draft(
        lead=[w.pick([
            f"Signaal onderhuur/overbewoning in {w.pick(_QUARTERS)}.",
            "Klachten buren over drukte en overlast bij huurwoning.",
        ])],
        details=details, source=WOONKRACHT, subjects=subjects, location=w.address(),
        minor=False, close=w.pick(["", "Wij starten onderzoek onderhuur.",
                                   "Graag afstemmen voor gezamenlijk huisbezoek."]),
    )


def _housing_business_premises(w: _World) -> _Draft:
    org = w.organisation("facilitator", w.pick(["logistics", "building", "agency"]))
    beds = w.n(6, 24)
    details = [
        f"Op de verdieping boven de werkplaats {beds} bedden, kookplaatjes en een wasmachine.",
        "Geen tweede vluchtweg, verlengsnoeren over de vloer.",
        "Bewoners zeiden dat ze 'voor de baas' werken en huur inhouden op loon.",
        "Bestemming bedrijven, wonen niet toegestaan.",
        f"Pand gehuurd door {org['name']}.",
    ]
    return _Draft(
        lead=[w.pick([
            "Bij controle bedrijfspand Vinkenpolder aangetroffen: bewoning.",
            "Hercontrole n.a.v. eerdere klacht, pand in de Vinkenpolder.",
        ])],
        details=details, source=w.pick([OZHZ, OZHZ, BOA]), subjects=[org],
        location=w.address(), minor=False,
        close=w.pick(["Voornemen last onder dwangsom.", "Brandweer ingelicht.", ""]),
    )


def _housing_shed(w: _World) -> _Draft:
    origin = w.pick(_LABOUR_ORIGINS)
    where = w.pick(["Hoogendijk", "polderweg", "dijk bij Kinderdijk"])
    details = [
        f"In de schuur achter de boerderij wonen volgens melder {w.n(4, 10)} {_ADJ[origin]} "
        "mannen.",
        "Er staat een caravan en een container, 's avonds licht en rook van een kachel.",
        "Mannen werken overdag op verschillende bedrijven, worden met auto's opgehaald.",
        "Melder hoort vaak ruzie in een vreemde taal.",
    ]
    subjects: list[Subject] = []
    if w.maybe(0.5):
        car = w.vehicle_subject("other")
        subjects.append(car)
        details.append(f"Auto die ze ophaalt: {car['licence_plate']}.")
    return _Draft(
        lead=[f"Buurtbewoner belt over bewoning van schuur aan de {where}."],
        details=details, source=KCC, subjects=subjects,
        location=w.location(0.5, 0.5, f"schuur achter boerderij, {where}"),
        minor=None,
    )


def _housing_slumlord(w: _World) -> _Draft:
    landlord = w.person("facilitator", "nl", "male", (40, 68), "verhuurder, meerdere panden")
    org = w.organisation("facilitator", "housing")
    details = [
        f"Verhuurder {_name(landlord, formal=False)} ({org['name']}) verhuurt kamers per bed.",
        f"Huur €{w.n(90, 160)} per week, contant op te halen.",
        "Huurcontract is onderdeel van het arbeidscontract bij hetzelfde bureau.",
        "Wie ziek wordt of stopt met werken, moet dezelfde dag weg.",
        "Kapotte verwarming, schimmel, geen sloten op de kamers.",
    ]
    subjects: list[Subject] = [landlord, org]
    if w.maybe(0.5):
        tel = w.phone_subject("facilitator")
        subjects.append(tel)
        details.append(f"Huurders moeten bellen naar {tel['number']}.")
    return _Draft(
        lead=[w.pick(["Huisjesmelker? Meerdere huurders met zelfde verhaal.",
                      "Klacht van huurder over kamerverhuur."])],
        details=details, source=w.pick([WIJKTEAM, WMO, SOCIALE_DIENST, WOONKRACHT]),
        subjects=subjects, location=w.address(), minor=False,
    )


def _housing_neighbour_nuisance(w: _World) -> _Draft:
    details = [
        "Steeds andere mensen, tassen en koffers op de stoep.",
        f"Op zondagavond komt een bus met {w.pick(['Pools', 'Roemeens', 'Bulgaars'])} kenteken.",
        "Vuilnis staat dagen buiten, ratten gezien.",
        f"Melder telt {w.n(6, 14)} fietsen in de voortuin.",
        "Ramen boven zijn afgeplakt met folie.",
        f"Om {w.pick(['5.30', '6.00', '22.00'])} altijd gedoe met auto's voor de deur.",
        f"Al {w.n(2, 8)} weken aan de gang.",
    ]
    return _Draft(
        lead=[w.pick(["Overlastmelding buurtbewoner.", "Bewoonster belt voor 3e keer over "
                      "buurhuis."])],
        details=details, source=KCC, location=w.address(), minor=None,
        close=w.pick(["Melder wil anoniem blijven.", "", "Teruggebeld, verder geen info."]),
    )


def _housing_holiday_units(w: _World) -> _Draft:
    org = w.organisation("facilitator", "housing")
    details = [
        f"{org['name']} biedt 'short stay' aan in chalets/units aan de rand van Kinderdijk.",
        f"Er verblijven ca. {w.n(20, 40)} arbeidsmigranten, ook in de winter.",
        "Niemand staat ingeschreven in de BRP.",
        "Sleutels en paspoorten worden bij de receptie bewaard.",
    ]
    return _Draft(
        lead=[f"Signaal over permanente bewoning recreatieterrein ({w.pick(_WHEN)} gezien)."],
        details=details, source=w.pick([OZHZ, BELASTINGEN, BRP]), subjects=[org],
        location=w.location(0.5, 0.5, "recreatieterrein rand Kinderdijk"),
        minor=False,
    )


# --- sexual ------------------------------------------------------------------------------------
def _sexual_loverboy_school(w: _World) -> _Draft:
    girl = w.person("victim", "nl", "female", (13, 17), "leerling")
    boy = w.person("perpetrator", w.pick(["nl", "nl", "ro"]), "male", (19, 27), "'vriend'",
                   named=w.maybe(0.5))
    details = [
        "Veel verzuim, vooral maandag en vrijdag.",
        "Sinds een paar weken nieuwe iPhone, dure tas en nagels.",
        f"Oudere jongen (ca. {boy['estimated_age']}) wacht haar op bij het hek.",
        "Cijfers hard achteruit, slaapt in de les.",
        "Vriendinnen zeggen dat ze 'voor hem' met andere jongens mee moet.",
        "Moeder zegt dat ze 's nachts wegblijft en niet zegt waar.",
        "Heeft tattoo met een letter in de nek laten zetten.",
    ]
    subjects: list[Subject] = [girl, boy]
    if w.maybe(0.6):
        car = w.vehicle_subject("perpetrator")
        subjects.append(car)
        details.append(f"Hij rijdt in een zwarte Audi/Golf, kent. {car['licence_plate']}.")
    return _Draft(
        lead=[w.pick([
            f"Zorgen om leerling {girl['given_names']} ({girl['estimated_age']}).",
            f"Meisje {girl['estimated_age']} jr, {w.pick(['2e', '3e', '4e'])} klas, sinds kort "
            "erg veranderd.",
        ])],
        details=details, source=w.pick([LEERPLICHT, SCHOOL, CJG, JONGERENWERK]),
        subjects=subjects, location=w.location(0.4), minor=True,
        close=w.pick(["", "Ouders zijn op de hoogte.", "Meldcode gestart, VT geraadpleegd."]),
    )


def _sexual_apartment_visits(w: _World) -> _Draft:
    origin = w.pick(["ro", "bg", "ng", "br", "co", "hu"])
    woman = w.person("victim", origin, "female", (19, 35), named=w.maybe(0.4))
    tel = w.phone_subject("perpetrator")
    details = [
        "Dag en nacht komen er verschillende mannen voor kort bezoek (10-30 min).",
        f"De vrouw ({_ADJ[origin]}, schat {woman['estimated_age']}) spreekt geen NL.",
        f"Advertentie gevonden op sekssite met foto's van deze woning en nr. {tel['number']}.",
        "Er komt regelmatig een man die een envelop ophaalt.",
        "Elke paar weken een andere vrouw.",
        "Rolluiken overdag dicht.",
    ]
    subjects: list[Subject] = [woman, tel]
    if w.maybe(0.4):
        pimp = w.person("perpetrator", origin, "male", (25, 45), "haalt geld op", named=False)
        subjects.append(pimp)
    return _Draft(
        lead=[w.pick([
            f"Vermoeden van prostitutie in appartement in {w.pick(_QUARTERS)}.",
            "Buren melden veel 'bezoek' bij huurwoning.",
        ])],
        details=details, source=w.pick([WOONKRACHT, KCC, WIJKAGENT]), subjects=subjects,
        location=w.address(), minor=False,
    )


def _sexual_massage_unlicensed(w: _World) -> _Draft:
    org = w.organisation("facilitator", "massage")
    origin = w.pick(["vn", "ro", "bg", "br"])
    tel = w.phone_subject("facilitator")
    details = [
        f"{org['name']} staat niet in ons vergunningenregister als seksbedrijf.",
        f"Online reviews over 'extra service', advertentie met nr. {tel['number']}.",
        f"Er werken {w.n(2, 5)} {_ADJ[origin]} vrouwen die in de salon lijken te slapen.",
        "Open tot 23.00, klanten via de achterdeur.",
        "Bij controle vorige keer geen ID-bewijzen van personeel aanwezig.",
    ]
    return _Draft(
        lead=[w.pick(["Massagesalon zonder vergunning, signalen van seksuele dienstverlening.",
                      f"Controle {org['name']}: geen vergunning, wel tekenen van seks tegen "
                      "betaling."])],
        details=details, source=w.pick([VERGUNNINGEN, BOA, OOV]),
        subjects=[org, tel], location=w.address(), minor=False,
    )


def _sexual_hotel_escort(w: _World) -> _Draft:
    origin = w.pick(["ro", "hu", "br", "co", "ng", "bg"])
    woman = w.person("victim", origin, "female", (18, 30))
    driver = w.person("perpetrator", origin, "male", (25, 45), "chauffeur")
    car = w.vehicle_subject("perpetrator")
    tel = w.phone_subject("perpetrator")
    details = [
        f"Jonge vrouw ({_name(woman, formal=False)}) ontving in {w.n(2, 4)} dagen veel bezoekers.",
        f"Kamer geboekt en betaald door man, {_name(driver, formal=False)}.",
        f"Man wacht in auto {car['licence_plate']} op parkeerplaats.",
        f"Telefoon in advertentie: {tel['number']}.",
        "Vrouw mocht van hem niet zelf uitchecken, had geen eigen sleutel.",
    ]
    return _Draft(
        lead=[w.pick(["Bestuurlijke rapportage na escortcontrole in hotel langs A15.",
                      "Hotelmedewerker belde over gast die escort lijkt te doen."])],
        details=details, source=w.pick([WIJKAGENT, OOV, KCC]),
        subjects=[woman, driver, car, tel], location={"description": "hotel langs de A15"},
        minor=False,
    )


def _sexual_sextortion(w: _World) -> _Draft:
    child = w.person("victim", "nl", w.pick(["male", "female"]), (12, 17), "jongere")
    details = [
        "Heeft via Snapchat/Insta naaktfoto gestuurd naar 'meisje' van dezelfde leeftijd.",
        f"Moet nu €{w.n(100, 500)} betalen, anders gaan foto's naar klasgenoten.",
        "Wordt ook gevraagd vriendinnen 'voor te stellen'.",
        "Durft niet naar ouders, heeft al geld van moeder gepakt.",
        "Account van afzender inmiddels verwijderd.",
    ]
    return _Draft(
        lead=[f"Jongere ({child['estimated_age']}) vertelt over chantage met naaktbeelden."],
        details=details, source=w.pick([CJG, SCHOOL, JONGERENWERK]), subjects=[child],
        location=None, minor=True,
        close=w.pick(["", "Aangifte besproken met ouders.", "Helpwanted.nl genoemd."]),
    )


def _sexual_gp_repeat(w: _World) -> _Draft:
    origin = w.pick(["ng", "ro", "bg", "nl", "br"])
    patient = w.person("victim", origin, "female", (18, 28), "patiënte")
    escort = w.person("perpetrator", w.pick([origin, "nl"]), "male", (25, 45), "begeleider",
                      named=w.maybe(0.3))
    details = [
        f"Patiënte ({patient['estimated_age']}) komt voor {w.pick(['3e', '4e'])} soa-test dit "
        "jaar.",
        "Steeds dezelfde man mee die het woord doet en de rekening contant betaalt.",
        "Blauwe plekken op bovenarmen, zegt 'gevallen'.",
        "Ander adres dan in het systeem, weet eigen adres niet precies.",
        "Vroeg bij het weggaan of ze hier 'anoniem kon praten'.",
    ]
    return _Draft(
        lead=[w.pick([f"Signaal vanuit spreekuur {w.pick(_WEEKDAYS)}.",
                      f"Meldcode: zorgen om jonge vrouw ({_ORIGINS[origin][0]})."])],
        details=details, source=w.pick([HUISARTS, GGD]), subjects=[patient, escort],
        location=None, minor=False,
    )


def _sexual_brp_young_woman(w: _World) -> _Draft:
    woman = w.person("victim", w.pick(["nl", "ro", "hu"]), "female", (18, 21))
    friend = w.person("perpetrator", "nl", "male", (28, 40), "'vriend'")
    details = [
        f"{_name(woman, formal=False)} ({woman['estimated_age']}) wil zich inschrijven op adres "
        f"van 'vriend' {_name(friend, formal=False)}.",
        "Hij deed het woord, zij keek alleen naar haar telefoon.",
        f"Al de {w.pick(['3e', '4e'])} jonge vrouw dit jaar die op dit adres wordt ingeschreven.",
        "Hij had haar ID-kaart en DigiD-gegevens bij zich.",
        f"Ze kwam volgens eigen zeggen {w.pick(['twee weken', 'een maand', 'vorige week'])} "
        "geleden uit " + w.pick(["Roemenië", "Hongarije", "Rotterdam", "een instelling"]) + ".",
        "Ze had geen eigen telefoon bij zich, hij wel twee.",
    ]
    return _Draft(
        lead=[w.pick(["Aan de balie: inschrijving jonge vrouw, gevoel dat er iets niet klopt.",
                      f"{w.pick(_DESK_WHEN).capitalize()} aan de balie een stel, zij erg jong.",
                      "Onderbuikgevoel bij adreswijziging van een jonge vrouw."])],
        details=details, source=BRP, subjects=[woman, friend], location=w.address(),
        minor=False,
    )


# --- criminal ----------------------------------------------------------------------------------
def _criminal_drug_runner(w: _World) -> _Draft:
    boy = w.person("victim", "nl", "male", (13, 17), "leerling/jongere")
    details = [
        f"Jongen ({boy['estimated_age']}) verzuimt veel, vaak gezien bij "
        f"{w.pick(['de fietstunnel', 'het winkelcentrum', 'de speeltuin', 'de haven'])}.",
        "Heeft opeens veel contant geld en merkkleding.",
        "Vertelde jongerenwerker dat hij een 'schuld' heeft bij oudere jongens.",
        f"Moet pakketjes rondbrengen in {w.pick(_NEARBY)}, 'anders weten ze waar ik woon'.",
        "Twee telefoons, gaat steeds weg als er gebeld wordt.",
        "Moeder vond een mes in zijn tas.",
    ]
    subjects: list[Subject] = [boy]
    if w.maybe(0.5):
        tel = w.phone_subject("perpetrator")
        subjects.append(tel)
        details.append(f"Nummer dat steeds belt: {tel['number']}.")
    if w.maybe(0.3):
        car = w.vehicle_subject("perpetrator")
        subjects.append(car)
        details.append(f"Wordt opgehaald in grijze Polo {car['licence_plate']}.")
    return _Draft(
        lead=[w.pick(["Zorgen om jongen, mogelijk ingezet als drugsrunner.",
                      f"Verzuim + signalen criminele uitbuiting bij leerling "
                      f"{boy['given_names']}."])],
        details=details, source=w.pick([LEERPLICHT, JONGERENWERK, CJG, SCHOOL]),
        subjects=subjects, location=w.location(0.0, 0.5), minor=True,
    )


def _criminal_begging(w: _World) -> _Draft:
    origin = w.pick(["ro", "bg", "hu"])
    mother = w.person("victim", origin, "female", (20, 40), named=False)
    kids = [w.person("victim", origin, w.pick(["male", "female"]), (6, 13), named=False)
            for _ in range(w.n(1, 3))]
    car = w.vehicle_subject("perpetrator")
    details = [
        f"Vrouw met {len(kids)} kind(eren) bedelt bij ingang supermarkt.",
        f"Worden om ca. 9.00 gebracht door man in auto {car['licence_plate']}, 17.00 opgehaald.",
        "Kinderen geven het geld telkens af aan de vrouw, zij aan de man.",
        "Kinderen gaan overduidelijk niet naar school.",
        f"Zelfde groep ook gezien in {w.pick(_NEARBY)}.",
    ]
    return _Draft(
        lead=["Bedelen in "
              f"{w.pick(['winkelcentrum Souburgh', 'het centrum', 'Kinderdijk bij toeristen'])}."],
        details=details, source=w.pick([BOA, BOA, KCC]), subjects=[mother, *kids, car],
        location=w.spot(w.pick(["winkelcentrum Souburgh", ""])), minor=True,
    )


def _criminal_money_mule(w: _World) -> _Draft:
    client = w.person("victim", "nl", w.pick(["male", "female"]), (17, 24), "cliënt")
    details = [
        f"Cliënt ({client['estimated_age']}) heeft bankpas + pincode 'uitgeleend' voor €"
        f"{w.pick([50, 100, 200, 250])}.",
        f"Op rekening €{w.n(4, 30)}.000 aan onverklaarbare bijschrijvingen en opnames.",
        "Rekening nu geblokkeerd, bank wil uitleg.",
        "Wordt bedreigd als hij/zij niet nog een rekening opent.",
        "Benaderd via Snapchat door onbekende.",
    ]
    return _Draft(
        lead=[w.pick(["Geldezel? Jongere bij schuldhulp met rare transacties.",
                      "Bij aanvraag uitkering valt rekeningverkeer op."])],
        details=details, source=w.pick([SOCIALE_DIENST, WIJKTEAM, JONGERENWERK]),
        subjects=[client], location=None, minor=client["estimated_age"] < 18,
    )


def _criminal_straw_man(w: _World) -> _Draft:
    client = w.person("victim", "nl", "male", (20, 45), "cliënt, LVB")
    details = [
        f"Op naam van cliënt staan {w.n(2, 6)} auto's en een telefoonabonnement dat hij niet "
        "kent.",
        "Ook ingeschreven als bestuurder van een B.V. in Rotterdam.",
        f"CJIB-boetes voor ruim €{w.n(2, 9)}.000.",
        "Zegt dat 'een vriend' alles regelde en hem €100 gaf.",
        "Cliënt heeft licht verstandelijke beperking.",
    ]
    subjects: list[Subject] = [client]
    if w.maybe(0.6):
        car = w.vehicle_subject("other")
        subjects.append(car)
        details.append(f"Een van de auto's: {car['licence_plate']}.")
    return _Draft(
        lead=["Katvanger? Cliënt met schulden op naam van onbekende zaken."],
        details=details, source=w.pick([SOCIALE_DIENST, WIJKTEAM, WMO]), subjects=subjects,
        location=w.location(0.5), minor=False,
    )


def _criminal_cuckooing(w: _World) -> _Draft:
    tenant = w.person("victim", "nl", w.pick(["male", "female"]), (35, 70),
                      "huurder, kwetsbaar")
    details = [
        f"Huurder ({_name(tenant)}) heeft sinds kort 'logees' die niet weggaan.",
        "Veel aanloop, korte bezoekjes, ook 's nachts. Vermoeden drugshandel vanuit woning.",
        "Huurder slaapt zelf op de bank, zegt dat het 'vrienden' zijn.",
        "Huurder is bekend met verslaving en heeft begeleiding gehad.",
        "Deur geforceerd, nieuw slot geplaatst door de 'logees'.",
    ]
    subjects: list[Subject] = [tenant]
    if w.maybe(0.5):
        car = w.vehicle_subject("perpetrator")
        subjects.append(car)
        details.append(f"Auto van de bezoekers: {car['licence_plate']}.")
    return _Draft(
        lead=[w.pick(["Mogelijk woningovername bij kwetsbare huurder.",
                      "Zorgen om huurder, woning lijkt overgenomen."])],
        details=details, source=w.pick([WOONKRACHT, WIJKAGENT, WIJKTEAM]), subjects=subjects,
        location=w.address(), minor=False,
    )


def _criminal_cannabis(w: _World) -> _Draft:
    origin = w.pick(["vn", "vn", "nl", "pl"])
    grower = w.person("victim", origin, "male", (16, 30), "in woning aangetroffen")
    details = [
        f"Bij ontruiming hennepkwekerij ({w.n(200, 900)} planten) jongen aangetroffen.",
        "Hij sliep op een matras tussen de planten, deur was van buiten op slot.",
        "Spreekt geen NL of Engels, had geen ID.",
        "Zegt dat hij 'een schuld' moet terugbetalen.",
    ]
    return _Draft(
        lead=[w.pick(["Hennepkwekerij in huurwoning, bewoner/verzorger aangetroffen.",
                      f"Na melding stankoverlast in {w.pick(_QUARTERS)} hennep aangetroffen.",
                      "Bij inspectie na stroomstoring: kwekerij in woning."])],
        details=details, source=w.pick([WOONKRACHT, WIJKAGENT]), subjects=[grower],
        location=w.address(), minor=True if grower["estimated_age"] < 18 else None,
    )


def _criminal_shoplifting(w: _World) -> _Draft:
    origin = w.pick(["ro", "bg", "nl"])
    girls = [w.person("victim", origin, "female", (12, 17), named=False) for _ in range(2)]
    details = [
        "Groep jonge meisjes steelt cosmetica/scheermesjes, telkens andere winkel.",
        "Worden met auto gebracht, man wacht buiten en neemt de spullen in ontvangst.",
        "Bij aanhouding vorige maand hadden ze geen ID en wisten geen adres.",
        f"Winkeliers in {w.pick(['het centrum', 'Souburgh'])} hebben onderling een app-groep.",
    ]
    subjects: list[Subject] = list(girls)
    if w.maybe(0.7):
        car = w.vehicle_subject("perpetrator")
        subjects.append(car)
        details.append(f"Kenteken auto: {car['licence_plate']}.")
    return _Draft(
        lead=[w.pick(["Winkeliersvereniging meldt georganiseerde winkeldiefstal door kinderen.",
                      f"{w.pick(_WHEN).capitalize()} weer diefstal door groepje jonge meisjes.",
                      "Signaal van winkeliers: kinderen die 'op bestelling' stelen."])],
        details=details, source=w.pick([BOA, OOV]), subjects=subjects,
        location={"description": w.pick(["winkelcentrum Souburgh", "winkelstraat centrum"])},
        minor=True,
    )


# --- dependency --------------------------------------------------------------------------------
def _dependency_pgb(w: _World) -> _Draft:
    client = w.person("victim", "nl", w.pick(["male", "female"]), (70, 92), "cliënt Wmo/pgb")
    son = w.person("perpetrator", "nl", "male", (40, 60), "zoon, pgb-zorgverlener")
    details = [
        f"{_name(client)} ({client['estimated_age']}) heeft pgb, zoon is de zorgverlener.",
        "Bij huisbezoek: geen eten in huis, bed vies, medicatie niet ingenomen.",
        f"Zoon declareert {w.n(20, 40)} uur per week, cliënt zegt hem 'bijna nooit' te zien.",
        "Zoon beheert bankpas en post, cliënt weet niet hoeveel geld er is.",
        "Cliënt wil niet dat we iets doen, 'anders komt hij niet meer'.",
    ]
    return _Draft(
        lead=[w.pick(["Zorgen bij herindicatie Wmo.", "Signaal misbruik pgb en afhankelijkheid."])],
        details=details, source=w.pick([WMO, WMO, WIJKTEAM]), subjects=[client, son],
        location=w.address(), minor=False,
    )


def _dependency_elder_finance(w: _World) -> _Draft:
    elder = w.person("victim", "nl", w.pick(["male", "female"]), (72, 90), "oudere")
    newcomer = w.person("perpetrator", w.pick(["nl", "ro", "ua"]), w.pick(["male", "female"]),
                        (30, 55), "nieuwe 'vriend(in)', woont in")
    details = [
        f"{_name(elder)} heeft sinds {w.pick(['de zomer', 'een paar maanden', 'januari'])} "
        "iemand inwonen.",
        "Die persoon heeft de pinpas en doet alle boodschappen.",
        f"Er is €{w.n(8, 40)}.000 van de spaarrekening verdwenen.",
        "Vaste vrijwilliger mag niet meer langskomen.",
        "Oudere lijkt bang, praat zacht als die persoon in de kamer is.",
    ]
    return _Draft(
        lead=[w.pick(["Vrijwilliger ouderenwerk maakt zich zorgen.",
                      "Signaal financiële uitbuiting oudere."])],
        details=details, source=w.pick([WELZIJN, WELZIJN, HUISARTS, WMO]),
        subjects=[elder, newcomer], location=w.address(), minor=False,
    )


def _dependency_live_in_carer(w: _World) -> _Draft:
    origin = w.pick(["ph", "ua", "er", "ng"])
    carer = w.person("victim", origin, "female", (25, 50), "inwonende verzorgster")
    family = w.person("perpetrator", "nl", w.pick(["male", "female"]), (45, 65),
                      "familie van de cliënt")
    details = [
        f"In huis woont een {_ADJ[origin]} vrouw die dag en nacht zorgt voor "
        f"{w.pick(['mevrouw', 'meneer'])} (dementie).",
        "Ze krijgt geen loon, 'alleen kost en inwoning'.",
        "Familie houdt haar paspoort, ze heeft geen verblijfsvergunning.",
        "Ze mag het huis alleen uit om boodschappen te doen.",
        "Ze slaapt op een matras in de kamer van de cliënt.",
    ]
    return _Draft(
        lead=[w.pick([f"Wijkverpleging/huisarts: zorgen om inwonende verzorgster "
                      f"(ca. {carer['estimated_age']}).",
                      "Bij huisbezoek Wmo valt situatie verzorgster op."])],
        details=details, source=w.pick([HUISARTS, WMO, WIJKTEAM]), subjects=[carer, family],
        location=w.address(), minor=False,
    )


def _dependency_disabled_relative(w: _World) -> _Draft:
    person = w.person("victim", "nl", w.pick(["male", "female"]), (25, 55),
                      "licht verstandelijke beperking")
    relative = w.person("perpetrator", "nl", w.pick(["male", "female"]), (30, 60), "familielid")
    details = [
        f"{_name(person)} (LVB) woont bij familie, uitkering gaat naar rekening van familielid.",
        "Moet het hele huishouden doen en op kinderen passen.",
        "Mag niet alleen met ons praten, familielid blijft erbij.",
        "Geen eigen telefoon, post wordt door familie geopend.",
    ]
    return _Draft(
        lead=[w.pick(["Zorgen om afhankelijke volwassene in gezin.",
                      "Bij keukentafelgesprek viel de rol van de familie op.",
                      "Signaal: volwassene met beperking lijkt uitgebuit door familie."])],
        details=details, source=w.pick([WIJKTEAM, SOCIALE_DIENST, WMO]),
        subjects=[person, relative], location=w.address(), minor=False,
    )


# --- smuggling ---------------------------------------------------------------------------------
def _smuggling_desk(w: _World) -> _Draft:
    origin = w.pick(["sy", "af", "er"])
    man = w.person("other", origin, "male", (20, 40))
    details = [
        f"{_name(man, formal=False)} vertelt dat hij €{w.n(3, 9)}.000 heeft betaald om via "
        f"{w.pick(['Italië', 'Griekenland', 'de Balkan'])} hier te komen.",
        "Zegt vrijwillig gekomen te zijn, familie in Rotterdam helpt hem.",
        "Heeft geen papieren, wil weten hoe hij asiel kan aanvragen.",
        "Geen signalen dat hij moet werken of geld afdragen.",
    ]
    return _Draft(
        lead=[w.pick([f"{_ADJ[origin]} man zonder verblijfsdocumenten aan de balie.",
                      f"{w.pick(_DESK_WHEN).capitalize()} man aan de balie die hulp zoekt, "
                      "geen papieren."])],
        details=details, source=w.pick([BRP, SOCIALE_DIENST]), subjects=[man], location=None,
        minor=False, close="Verwezen naar aanmeldcentrum; info aan politie?",
    )


def _smuggling_truck(w: _World) -> _Draft:
    men = [w.person("other", w.pick(["er", "af", "sy"]), "male", (16, 30), named=False)
           for _ in range(w.n(2, 4))]
    truck = w.vehicle_subject("other")
    details = [
        f"{len(men)} mannen uit trailer geklommen op parkeerplaats Vinkenpolder.",
        f"Vrachtwagen (trekker {truck['licence_plate']}) kwam van de A15.",
        "Mannen vroegen de weg naar 'Hoek van Holland / England'.",
        "Chauffeur zegt niets te weten.",
    ]
    return _Draft(
        lead=[w.pick(["Vermoedelijk verstekelingen aangetroffen.",
                      f"{w.pick(_WHEN).capitalize()} mannen uit vrachtwagen gezien."])],
        details=details, source=w.pick([BOA, KCC]), subjects=[*men, truck],
        location={"description": "bedrijventerrein Vinkenpolder, parkeerplaats vrachtwagens"},
        minor=None, close="Politie/KMar ter plaatse gevraagd.",
    )


def _smuggling_lodging(w: _World) -> _Draft:
    tenant = w.person("perpetrator", "nl", "male", (30, 55), "huurder")
    tel = w.phone_subject("perpetrator")
    details = [
        f"Huurder ({_name(tenant)}) laat tegen betaling mensen zonder papieren een paar nachten "
        "slapen.",
        "Steeds andere mensen met rugzakken, blijven kort en gaan door naar het buitenland.",
        f"Regelt het via {tel['number']} (WhatsApp).",
        "Geen aanwijzing dat ze hier moeten werken.",
    ]
    return _Draft(
        lead=[w.pick(["Signaal: doorgangsadres voor mensen zonder verblijfsrecht?",
                      f"Vreemde aanloop bij huurwoning in {w.pick(_QUARTERS)}."])],
        details=details, source=w.pick([WOONKRACHT, KCC]), subjects=[tenant, tel],
        location=w.address(), minor=False,
    )


# --- none (hard negatives) ---------------------------------------------------------------------
def _none_licensed_massage(w: _World) -> _Draft:
    org = w.organisation("other", "massage")
    details = [
        f"Buurtbewoner denkt dat {org['name']} een verkapte seksclub is.",
        "Nagegaan: salon staat ingeschreven, masseuses hebben contract en diploma.",
        "Bij controle geen seksuele dienstverlening, geen bewoning, openingstijden normaal.",
        "Advertenties alleen voor sport- en ontspanningsmassage.",
    ]
    return _Draft(lead=[w.pick(["Melding massagesalon.", f"Tip over salon in "
                                f"{w.pick(_QUARTERS)}.", "Vraag van buurtbewoner."])],
                  details=details,
                  source=w.pick([KCC, BOA, VERGUNNINGEN]), subjects=[org], location=w.address(),
                  minor=False, close="Lijkt in orde.")


def _none_certified_housing(w: _World) -> _Draft:
    org = w.organisation("other", "housing")
    details = [
        f"Melding buren: '{w.n(30, 60)} Polen in het pand'.",
        f"Locatie van {org['name']} heeft omgevingsvergunning voor huisvesting arbeidsmigranten.",
        "Max. 2 personen per kamer, eigen huurcontract los van arbeidscontract.",
        "Bewoners ingeschreven in BRP, brandveiligheid recent gecontroleerd.",
        "Bewoners spraken vrijuit, hadden eigen paspoort en bankpas.",
    ]
    return _Draft(lead=[w.pick(["Controle n.a.v. melding grootschalige huisvesting.",
                                f"Locatiebezoek {org['name']}."])], details=details,
                  source=w.pick([OZHZ, BOA]), subjects=[org], location=w.address(), minor=False)


def _none_young_carer(w: _World) -> _Draft:
    girl = w.person("other", "nl", w.pick(["male", "female"]), (12, 16), "jonge mantelzorger")
    details = [
        f"Leerling ({girl['estimated_age']}) verzuimt af en toe, zorgt voor moeder met "
        f"{w.pick(['MS', 'een depressie', 'kanker'])}.",
        "Geen dwang of uitbuiting: gezin wil graag hulp maar weet niet waar te beginnen.",
        "Vader werkt in ploegendienst, geen verder netwerk.",
    ]
    return _Draft(lead=[w.pick([f"Jonge mantelzorger ({girl['estimated_age']}) in beeld via "
                                "school.", f"Verzuim {girl['given_names']}, blijkt zorg thuis."])],
                  details=details,
                  source=w.pick([LEERPLICHT, SCHOOL, CJG]), subjects=[girl],
                  location=w.location(0.5), minor=True,
                  close="Doorverwezen naar wijkteam / steunpunt jonge mantelzorgers.")


def _none_normal_au_pair(w: _World) -> _Draft:
    au_pair = w.person("other", w.pick(["ph", "br", "co", "ua"]), "female", (19, 26), "au pair")
    details = [
        "Buurvrouw vroeg zich af of de au pair niet te hard werkt.",
        f"Nagevraagd: ca. {w.n(20, 28)} uur per week, eigen kamer, zakgeld volgens afspraak.",
        "Volgt Nederlandse les, heeft eigen telefoon en paspoort, gaat vrij op stap.",
        "Via erkend au-pairbureau.",
    ]
    return _Draft(lead=[f"Vraag over au pair in {w.pick(_QUARTERS)}."], details=details,
                  source=w.pick([CJG, KCC]), subjects=[au_pair], location=w.address(),
                  minor=False)


def _none_wage_dispute(w: _World) -> _Draft:
    worker = w.person("other", w.pick(["pl", "nl", "ro"]), "male", (25, 55))
    org = w.organisation("other", w.pick(["logistics", "building", "cleaning"]))
    details = [
        f"{_name(worker, formal=False)} heeft ruzie met {org['name']} over laatste loon en "
        "vakantiegeld.",
        f"Mist ca. €{w.n(4, 30)}00 loon over {w.pick(['mei', 'juni', 'augustus', 'december'])}.",
        "Heeft vast contract, eigen woning en eigen paspoort.",
        "Geen schuld bij werkgever, geen bedreiging.",
        f"Werkt er al {w.n(2, 9)} jaar, eerder nooit problemen.",
    ]
    return _Draft(lead=[w.pick(["Loonconflict.", "Vraag over achterstallig loon.",
                                f"Cliënt ({worker['estimated_age']}) boos op werkgever."])],
                  details=details,
                  source=w.pick([SOCIALE_DIENST, WIJKTEAM]), subjects=[worker, org],
                  location=None, minor=False, close="Verwezen naar Juridisch Loket / vakbond.")


def _none_family_visit(w: _World) -> _Draft:
    origin = w.pick(["pl", "er", "sy", "ro"])
    details = [
        f"Buren melden ineens {w.n(10, 20)} mensen in eengezinswoning.",
        f"Blijkt {_ADJ[origin]} familie uit het buitenland, op bezoek voor een "
        f"{w.pick(['bruiloft', 'begrafenis', 'doop'])}, {w.n(1, 3)} weken.",
        "Bewoners kwamen zelf naar de balie om het uit te leggen.",
    ]
    return _Draft(lead=["Drukte bij woning in " + w.pick(_QUARTERS) + "."], details=details,
                  source=w.pick([KCC, WOONKRACHT]), location=w.address(), minor=None)


def _none_seasonal_ok(w: _World) -> _Draft:
    org = w.organisation("other", "farm")
    details = [
        f"Seizoenswerkers bij {org['name']} gesproken.",
        "Cao-loon, loonstroken, huisvesting met keurmerk op ander adres.",
        f"{w.n(6, 30)} werkers, werktijden volgens rooster, vrije zondag.",
        f"Uitzendbureau met keurmerk, {w.pick(['Poolse', 'Roemeense', 'Bulgaarse'])} "
        "voorman spreekt NL.",
    ]
    return _Draft(lead=[w.pick(["Na tip gekeken bij fruitteler.",
                                f"Controle seizoenswerk {w.pick(_WEEKDAYS)}."])],
                  details=details,
                  source=w.pick([BOA, OZHZ]), subjects=[org],
                  location={"description": "kassengebied langs de Hoogendijk"}, minor=False,
                  close="Geen bijzonderheden.")


_Builder = Callable[[_World], _Draft]
_BUILDERS: dict[str, list[_Builder]] = {
    "labour": [_labour_brp_group, _labour_building_site, _labour_greenhouse, _labour_horeca,
               _labour_salon_carwash, _labour_au_pair, _labour_domestic, _labour_benefits_desk,
               _labour_night_cleaning],
    "housing": [_housing_brp_overcrowded, _housing_woonkracht, _housing_business_premises,
                _housing_shed, _housing_slumlord, _housing_neighbour_nuisance,
                _housing_holiday_units],
    "sexual": [_sexual_loverboy_school, _sexual_apartment_visits, _sexual_massage_unlicensed,
               _sexual_hotel_escort, _sexual_sextortion, _sexual_gp_repeat,
               _sexual_brp_young_woman],
    "criminal": [_criminal_drug_runner, _criminal_begging, _criminal_money_mule,
                 _criminal_straw_man, _criminal_cuckooing, _criminal_cannabis,
                 _criminal_shoplifting],
    "dependency": [_dependency_pgb, _dependency_elder_finance, _dependency_live_in_carer,
                   _dependency_disabled_relative],
    "smuggling": [_smuggling_desk, _smuggling_truck, _smuggling_lodging],
    "none": [_none_licensed_massage, _none_certified_housing, _none_young_carer,
             _none_normal_au_pair, _none_wage_dispute, _none_family_visit, _none_seasonal_ok],
}

_ACUTE_LINES = {
    "sexual": ["Betrokkene is nu bij ons en durft niet terug. Spoed!",
               "Zij zei dat ze vanavond weer 'moet werken'. Graag vandaag nog contact!"],
    "labour": ["Betrokkene is nu hier en durft niet terug naar werk of woning. Wat nu?",
               "Eén van de werkers heeft een open wond en mag niet naar de dokter. Spoed."],
    "housing": ["Geen vluchtweg en kookplaatjes naast matrassen: acuut brandgevaar.",
                "Vannacht slapen er weer mensen, kachel met open vuur. Spoed."],
    "criminal": ["Betrokkene is sinds gisteravond vermist, familie zegt dat er bedreigd is.",
                 "Betrokkene is net mishandeld 'omdat er geld mist'. Nu op de SEH."],
    "dependency": ["Cliënt was vermagerd en had dagen niet gegeten. Vandaag nog actie nodig.",
                   "Cliënt belde zelf in paniek, wil weg maar kan nergens heen."],
}


def _domain_plan(rng: random.Random, count: int) -> list[str]:
    """Every domain once (when there is room), the rest shared out by weight, shuffled.

    Quotas instead of independent draws keep the mix stable for every seed, so the demo
    dashboards always show labour, housing and sexual exploitation on top.
    """
    names = sorted(DOMAIN_WEIGHTS, key=lambda name: -DOMAIN_WEIGHTS[name])
    base = {name: (1 if count >= len(names) else 0) for name in names}
    rest = count - sum(base.values())
    total = sum(DOMAIN_WEIGHTS.values())
    shares = {name: rest * DOMAIN_WEIGHTS[name] / total for name in names}
    quota = {name: base[name] + int(shares[name]) for name in names}
    by_remainder = sorted(names, key=lambda name: int(shares[name]) - shares[name])
    for name in by_remainder[: count - sum(quota.values())]:
        quota[name] += 1
    plan = [name for name in names for _ in range(quota[name])]
    rng.shuffle(plan)
    return plan


def _days_ago(rng: random.Random) -> int:
    """A fifth of the signals is recent (last three weeks); the rest spread over ~13 months."""
    return rng.randint(0, 21) if rng.random() < 0.2 else rng.randint(0, 400)


def _compose(w: _World, draft: _Draft, acute_line: str) -> str:
    """Lead, one to a few details, the acute line and a closing remark: two to six sentences."""
    fixed = len(draft.lead) + bool(draft.close) + bool(acute_line)
    room = max(1, min(len(draft.details), 6 - fixed))
    picks = sorted(w.rng.sample(range(len(draft.details)), k=w.n(min(2, room), room)))
    sentences = [*draft.lead, *(draft.details[i] for i in picks), acute_line, draft.close]
    text = " ".join(sentence[:1].upper() + sentence[1:] for sentence in sentences if sentence)
    return text.replace("B.V..", "B.V.").replace("V.O.F..", "V.O.F.")


def _acute_indexes(rng: random.Random, plan: list[str]) -> set[int]:
    """About one in twenty signals is acute, only in the exploitation domains."""
    eligible = [index for index, domain in enumerate(plan) if domain in _ACUTE_LINES]
    wanted = min(len(eligible), round(len(plan) * ACUTE_SHARE))
    return set(rng.sample(eligible, k=wanted))


def _signal(w: _World, domain: str, days_ago: int, acute: bool) -> DemoSignal:
    draft = w.pick(_BUILDERS[domain])(w)
    acute_line = w.pick(_ACUTE_LINES[domain]) if acute else ""
    return DemoSignal(
        domain=domain, description=_compose(w, draft, acute_line),
        reporter_kind=draft.source[0], source_hint=draft.source[1], acute=acute,
        minor_involved=draft.minor, observed_days_ago=days_ago,
        location=draft.location, subjects=draft.subjects,
    )


def generate_demo_signals(seed: int, count: int = 200) -> list[DemoSignal]:
    """``count`` fictional signals, oldest first; the same seed always gives the same list."""
    rng = random.Random(seed)
    world = _World(rng)
    plan = _domain_plan(rng, count)
    acute = _acute_indexes(rng, plan)
    days = sorted((_days_ago(rng) for _ in plan), reverse=True)
    signals = []
    for index, (domain, days_ago) in enumerate(zip(plan, days, strict=True)):
        world.begin(domain, reuse=index > 5 and rng.random() < REPEAT_SHARE)
        signals.append(_signal(world, domain, days_ago, index in acute))
    return signals
