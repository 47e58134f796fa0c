# SPDX-License-Identifier: EUPL-1.2
"""Generated Dutch test populations with known truth.

No public linkage data set has Dutch names, and real BRP data may not be used for testing.
This generator builds households (so that twins and a son named after his father exist, as
in any real population) and then writes several mentions per person, each disturbed the way
Dutch forms and registers disturb them: tussenvoegsels moved or glued on, the register order
"Berg, Jan van der", initials, lost diacritics, typos, phonetic spellings (ij/y, ei/ij, ch/g,
dt/d/t, c/k, ou/au), moved addresses, mistyped phone numbers and BSNs (valid 11-test BSNs
from python-stdnum, then typed wrong). The ``cluster`` column holds the truth.

``python -m schakel.matching.generate --records 5000 --seed 1 --out population.csv`` writes
a CSV; ``schakel eval linkage dutch:5000:1`` generates and evaluates in one go.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from stdnum.nl import bsn as stdnum_bsn

REFERENCE_DATE = date(2025, 1, 1)  # "today" for estimated ages, fixed for reproducibility

MALE = (
    "Jan Johannes Pieter Petrus Cornelis Hendrik Willem Gerrit Jacobus Dirk Klaas Kees Henk "
    "Bas Daan Sem Lucas Levi Finn Noah Milan Luuk Thijs Bram Jesse Ruben Tim Lars Sven Joris "
    "Niels Wouter Maarten Sander Thomas Jeroen Martijn Bart Stefan Rick Koen Joost Mark Erik "
    "Arjen Michiel Frank Hans Gert Ruud Theo Ad Rob Freek Teun Gijs Stijn Mees Jurre Siem Tijn "
    "Floris Hidde Olivier Julian Mohamed Ahmed Youssef Mehmet Mustafa Omar Bilal Ibrahim Adam "
    "Piotr Tomasz Łukasz Krzysztof Paweł Wojciech Michał Marek Andrzej Jakub Ion Andrei Mihai "
    "Ștefan Gheorghe Vasile Dimitar Georgi Ivan Nikolai Emre Gökhan Murat Yusuf Şükrü Kemal "
    "Tesfay Yonas Samuel Dawit Ali Hassan"
).split()
FEMALE = (
    "Maria Johanna Anna Cornelia Elisabeth Hendrika Wilhelmina Geertruida Margaretha Petronella "
    "Emma Julia Mila Tess Sophie Zoë Sara Anna Eva Noor Liv Nora Saar Fleur Lotte Lieke Anouk "
    "Sanne Lisa Iris Femke Marloes Esther Ingrid Linda Monique Sandra Petra Marieke Wendy Kim "
    "Chantal Ilse Inge Els Mieke Annemieke Joke Ria Truus Bep Greet Hanneke Yvonne Chloë Noë "
    "Fatima Khadija Aicha Samira Nadia Yasmina Malika Zeynep Elif Ayşe Fatma Emine Hatice "
    "Agnieszka Katarzyna Małgorzata Joanna Magdalena Monika Ewa Ioana Elena Andreea Mariana "
    "Gabriela Ana Desislava Mariya Ivanka Yordanka Senait Helen Mebrat Rahel Amira Layla"
).split()
SURNAMES = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|"
    "Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|"
    "de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|"
    "van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|"
    "van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|"
    "Huisman|Peeters|de Kort|Kuipers|van Wijk|Post|Kuiper|Veenstra|Kramer|van den Brink|"
    "Scholten|van Wijngaarden|Martens|Vink|de Ruiter|van der Laan|ten Have|ter Horst|"
    "van 't Hof|in 't Veld|Claassen|Gerritsen|Evers|Hermans|Wouters|Mertens|Verbeek|Timmermans|"
    "Groen|Schipper|van der Berg|Goossens|Beekman|Hofman|Brands|Pauw|Pouw|Heijnen|Huijbregts|"
    "Cornelissen|Kornelis|Schmidt|Dijkman|Bosman|Wolters|Sanders|van Dongen|Lambrechts|"
    "van Rijn|Aarts|Franken|Geurts|Ramaker|Tichelaar|van Gastel|Zwart|Haverkamp|Dirksen"
).split("|")
MIGRANT_SURNAMES = (
    "Kowalski|Nowak|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|"
    "Woźniak|Dąbrowski|Kozłowski|Popescu|Ionescu|Dumitrescu|Stan|Stoica|Gheorghiu|Rădulescu|"
    "Ivanov|Dimitrov|Petrova|Georgiev|Todorov|Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Öztürk|"
    "Aydın|Özdemir|El Amrani|Bouzid|Benali|El Idrissi|Haddou|Azzouzi|Bakkali|Tahiri|Ouali|"
    "Tesfamariam|Gebremedhin|Haile|Tekle|Al Hassan|Haddad|Khalil|Nasser|Mansour|Suleiman"
).split("|")
STEM_HEADS = (
    "Groot Klein Nieuw Oude Hoog West Oost Noord Zuid Ooster Wester Zwart Wit Rood Groen Lange "
    "Korte Schoon Ver Hol Brede Elzen Eiken Linde Wil Riet Hei Vlas Koren Molen Dors Haver Zand "
    "Steen Hout Veld Water"
).split()
STEMS = (
    "berg dijk veen hof broek bosch meer water sloot kamp horst beek wijk laan akker hout velde "
    "rode heuvel brink haar donk stein vliet graaf huis zand molen brug weide loo hoven burg kerk "
    "poel dam hoek straten meulen putten"
).split()
STEM_TAILS = ("", "", "", "s", "man", "mans", "stra", "sma", "inga", "ink", "er", "ers", "en")
TAIL_PREFIXES = ("van", "van de", "van der", "van den", "ter", "ten", "de", "op de", "in 't")

STREETS = [s.replace("_", " ") for s in (
    "Kerkstraat Dorpsstraat Molenweg Stationsweg Schoolstraat Julianastraat Wilhelminastraat "
    "Beatrixstraat Nieuwstraat Marktplein Raadhuisplein Kastanjelaan Eikenlaan Lindenlaan "
    "Beukenlaan Berkenlaan Populierenlaan Rozenstraat Tulpstraat Dahliastraat Irisstraat "
    "Vijverweg Dijkstraat Havenstraat Parallelweg Industrieweg Burgemeester_de_Jonghweg "
    "Prins_Bernhardstraat Oranjestraat Emmastraat Sportlaan Veldweg Zuidsingel Noordkade "
    "Oostvest Westwal Lekdijk Waalstraat Merwedestraat Kinderdijkstraat Van_Hogendorpstraat "
    "Johan_de_Wittstraat Hugo_de_Grootstraat Rembrandtlaan Vermeerstraat Van_Goghstraat"
).split()]
CITIES = (
    ("Alblasserdam", 2951), ("Dordrecht", 3311), ("Papendrecht", 3351), ("Sliedrecht", 3361),
    ("Zwijndrecht", 3331), ("Gorinchem", 4201), ("Hendrik-Ido-Ambacht", 3341),
    ("Rotterdam", 3011), ("Ridderkerk", 2981), ("Barendrecht", 2991), ("Schiedam", 3111),
    ("Den Haag", 2511), ("Utrecht", 3511), ("Amsterdam", 1011), ("Leiden", 2311),
    ("Gouda", 2801), ("Breda", 4811), ("Tilburg", 5011), ("Eindhoven", 5611),
    ("Nijmegen", 6511), ("Arnhem", 6811), ("Zwolle", 8011), ("Groningen", 9711),
    ("Leeuwarden", 8911), ("Molenlanden", 2971), ("Kinderdijk", 2961),
)
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl",
                 "live.nl", "planet.nl", "xs4all.nl")

# Spelling variants a Dutch ear does not hear: one is applied to a name as a "phonetic" error.
PHONETIC_SWAPS = (
    ("ij", "y"), ("y", "ij"), ("ei", "ij"), ("ij", "ei"), ("ch", "g"), ("g", "ch"),
    ("dt", "d"), ("d", "dt"), ("dt", "t"), ("c", "k"), ("k", "c"), ("ou", "au"), ("au", "ou"),
    ("s", "z"), ("z", "s"), ("ss", "s"), ("s", "ss"), ("ph", "f"), ("ks", "x"), ("x", "ks"),
    ("ee", "e"), ("aa", "a"), ("oo", "o"), ("ie", "i"), ("uy", "ui"), ("ui", "uy"),
)
DIACRITICS = str.maketrans(
    "łŁąćęńóśźżÄäËëÏïÖöÜüéèêáàâíìîúùûçşŞğıİțȚșȘăĂîÎÇ",
    "lLacenoszzAaEeIiOoUueeeaaaiiiuuucsSgiItTsSaAiIC",
)


@dataclass
class Person:
    """One real person of the generated population (the truth)."""

    pid: int
    given_names: list[str]
    callname: str
    prefix: str
    surname: str
    sex: str
    dob: date
    bsn: str
    address: tuple[str, int, str, str, str]  # street, number, suffix, postcode, city
    phone: str | None
    email: str | None
    household: int
    relation: str = ""  # "twin", "named after parent" - for reading the test data


@dataclass
class _Generator:
    rng: random.Random
    used_bsn: set[str] = field(default_factory=set)
    used_email: set[str] = field(default_factory=set)
    next_pid: int = 0
    next_household: int = 0

    # --- names --------------------------------------------------------------------------

    def surname(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.45:
            name = SURNAMES[min(int(self.rng.paretovariate(1.1)) - 1, len(SURNAMES) - 1)]
            if self.rng.random() < 0.5:
                name = self.rng.choice(SURNAMES)
        elif r < 0.8:
            name = self._synthetic_surname()
        else:
            name = self.rng.choice(MIGRANT_SURNAMES)
        return _split_prefix(name)

    def _synthetic_surname(self) -> str:
        core = self.rng.choice(STEM_HEADS) + self.rng.choice(STEMS) + self.rng.choice(STEM_TAILS)
        if self.rng.random() < 0.3:
            return f"{self.rng.choice(TAIL_PREFIXES)} {core.capitalize()}"
        return core.capitalize()

    def given(self, sex: str) -> list[str]:
        pool = MALE if sex == "m" else FEMALE
        count = self.rng.choices((1, 2, 3), (0.55, 0.35, 0.10))[0]
        names = []
        while len(names) < count:
            name = pool[min(int(self.rng.paretovariate(0.7)) - 1, len(pool) - 1)]
            if self.rng.random() < 0.6:
                name = self.rng.choice(pool)
            if name not in names:
                names.append(name)
        return names

    def bsn(self) -> str:
        while True:
            digits = [self.rng.randrange(10) for _ in range(8)]
            total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
            last = total % 11
            value = "".join(map(str, digits)) + str(last)
            if last < 10 and value not in self.used_bsn and stdnum_bsn.is_valid(value):
                self.used_bsn.add(value)
                return value

    def address(self) -> tuple[str, int, str, str, str]:
        city, pc4 = self.rng.choice(CITIES)
        street = self.rng.choice(STREETS)
        number = self.rng.randint(1, 250)
        suffix = self.rng.choice(("", "", "", "", "", "", "a", "b", "A", "-1", "-2", "bis"))
        area = pc4 + (hash_int(street + city) % 80)
        letters = chr(65 + (hash_int(street) + number // 40) % 26) + chr(
            65 + (hash_int(city + street) + number // 10) % 26)
        return street, number, suffix, f"{area:04d} {letters}", city

    def phone(self) -> str | None:
        if self.rng.random() < 0.25:
            return None
        return "06" + "".join(str(self.rng.randrange(10)) for _ in range(8))

    def email(self, given: str, prefix: str, surname: str) -> str | None:
        if self.rng.random() < 0.45:
            return None
        sur = (prefix + surname).replace(" ", "").replace("'", "").lower().translate(DIACRITICS)
        first = given.lower().translate(DIACRITICS)
        local = self.rng.choice((
            f"{first}.{sur}", f"{first[0]}{sur}", f"{first}{sur}",
            f"{first}{self.rng.randint(1, 99)}", f"{sur}{self.rng.randint(60, 99)}",
        ))
        address = f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"
        while address in self.used_email:  # an e-mail address belongs to one person
            address = f"{local}{self.rng.randint(1, 999)}@{self.rng.choice(EMAIL_DOMAINS)}"
        self.used_email.add(address)
        return address

    # --- people and households ----------------------------------------------------------------

    def person(self, sex: str, prefix: str, surname: str, dob: date, address, household: int,
               given: list[str] | None = None, relation: str = "") -> Person:
        names = given or self.given(sex)
        callname = names[0]
        person = Person(
            self.next_pid, names, callname, prefix, surname, sex, dob, self.bsn(), address,
            self.phone(), self.email(callname, prefix, surname), household, relation,
        )
        self.next_pid += 1
        return person

    def household(self) -> list[Person]:
        hid = self.next_household
        self.next_household += 1
        address = self.address()
        prefix, surname = self.surname()
        adults = self.rng.choices((1, 2), (0.45, 0.55))[0]
        n_children = self.rng.choices((0, 1, 2, 3, 4), (0.45, 0.2, 0.22, 0.09, 0.04))[0]
        father_dob = self._date(1940, 2000)
        sex = self.rng.choice("mf") if adults == 1 else "m"
        first = self.person(sex, prefix, surname, father_dob, address, hid)
        members = [first]
        if adults == 2:
            p2, s2 = self.surname()
            members.append(self.person("f", p2, s2, father_dob + timedelta(
                days=self.rng.randint(-3000, 3000)), address, hid))
        members.extend(self._children(members, n_children, prefix, surname, address, hid))
        return members

    def _children(self, parents, count, prefix, surname, address, hid) -> list[Person]:
        children: list[Person] = []
        base = parents[0].dob
        for _ in range(count):
            dob = base + timedelta(days=self.rng.randint(20 * 365, 42 * 365))
            if dob > REFERENCE_DATE:
                dob = REFERENCE_DATE - timedelta(days=self.rng.randint(30, 5000))
            sex = self.rng.choice("mf")
            given = None
            relation = ""
            same_sex_parent = next((p for p in parents if p.sex == sex), None)
            if same_sex_parent and self.rng.random() < 0.12:
                given, relation = list(same_sex_parent.given_names[:1]), "named after parent"
            children.append(self.person(sex, prefix, surname, dob, address, hid, given, relation))
            if self.rng.random() < 0.06:  # twins: same birth date, a different given name
                twin_sex = self.rng.choice("mf")
                twin = self.person(twin_sex, prefix, surname, dob, address, hid, relation="twin")
                while twin.callname == children[-1].callname:
                    twin.given_names = self.given(twin_sex)
                    twin.callname = twin.given_names[0]
                children[-1].relation = "twin"
                children.append(twin)
        return children

    def _date(self, first_year: int, last_year: int) -> date:
        start = date(first_year, 1, 1).toordinal()
        return date.fromordinal(self.rng.randint(start, date(last_year, 12, 31).toordinal()))


def hash_int(text: str) -> int:
    """A stable small hash (Python's own is salted per process)."""
    value = 0
    for ch in text:
        value = (value * 131 + ord(ch)) % 1_000_003
    return value


def _split_prefix(name: str) -> tuple[str, str]:
    words = name.split(" ")
    for size in (2, 1):
        head = " ".join(words[:size])
        if len(words) > size and head.lower() in {"van der", "van den", "van de", "van 't",
                                                  "in 't", "op de", "van", "de", "ter", "ten",
                                                  "el", "al"}:
            return head, " ".join(words[size:])
    return "", name


# --- mentions ---------------------------------------------------------------------------------


@dataclass
class _Noise:
    rng: random.Random

    def typo(self, text: str) -> str:
        if len(text) < 3:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        kind = self.rng.random()
        letter = self.rng.choice("abcdefghijklmnopqrstuvwxyz")
        if kind < 0.3:
            return text[:i] + text[i + 1:]
        if kind < 0.55:
            return text[:i] + letter + text[i:]
        if kind < 0.8:
            return text[:i] + letter + text[i + 1:]
        return text[:i - 1] + text[i] + text[i - 1] + text[i + 1:]

    def phonetic(self, text: str) -> str:
        lower = text.lower()
        options = [(a, b) for a, b in PHONETIC_SWAPS if a in lower[1:]]
        if not options:
            return self.typo(text)
        a, b = self.rng.choice(options)
        pos = lower.find(a, 1)
        out = text[:pos] + b + text[pos + len(a):]
        return out

    def name(self, text: str, p_typo: float = 0.08, p_phon: float = 0.08) -> str:
        if self.rng.random() < 0.5:
            text = text.translate(DIACRITICS)
        r = self.rng.random()
        if r < p_typo:
            return self.typo(text)
        if r < p_typo + p_phon:
            return self.phonetic(text)
        return text

    def digits(self, text: str) -> str:
        """One digit changed or two neighbours swapped."""
        chars = list(text)
        i = self.rng.randrange(len(chars) - 1)
        if self.rng.random() < 0.5:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = str((int(chars[i]) + self.rng.randint(1, 9)) % 10)
        return "".join(chars)

    def date(self, value: date) -> str:
        r = self.rng.random()
        if r < 0.35 and value.day <= 12 and value.day != value.month:
            return date(value.year, value.day, value.month).isoformat()
        if r < 0.7:
            text = value.strftime("%Y%m%d")
            return self.digits(text[:4] + text[4:])
        return (value + timedelta(days=self.rng.choice((-1, 1, -10, 10)))).isoformat()


def mention(person: Person, gen: _Generator, noise: _Noise, clean: bool) -> dict[str, object]:
    """One record describing ``person``, disturbed unless ``clean``."""
    rng = noise.rng
    # household and relation are not person fields: they let tests find twins and namesakes
    row: dict[str, object] = {"cluster": person.pid, "household": person.household,
                              "relation": person.relation or None}
    row.update(_name_fields(person, noise, rng, clean))
    row.update(_birth_fields(person, noise, rng, clean))
    row.update(_address_fields(person, gen, noise, rng, clean))
    row["sex"] = person.sex if clean or rng.random() < 0.8 else None
    row["phone"] = _phone(person, noise, rng, clean)
    row["email"] = person.email if person.email and (clean or rng.random() < 0.5) else None
    if row["email"] and not clean and rng.random() < 0.05:
        row["email"] = noise.typo(str(row["email"]))
    row["bsn"] = _bsn(person, noise, rng, clean)
    return row


def _name_fields(person: Person, noise: _Noise, rng: random.Random, clean: bool) -> dict:
    given = " ".join(person.given_names)
    prefix, surname = person.prefix, person.surname
    if clean:
        return {"given_name": given, "surname_prefix": prefix, "surname": surname}
    given = person.callname if rng.random() < 0.5 else given
    given = " ".join(noise.name(g, 0.07, 0.07) for g in given.split())
    surname = noise.name(surname)
    if prefix and rng.random() < 0.2:
        prefix = prefix.capitalize()
    style = rng.random()
    if style < 0.08:
        initials = "".join(g[0] + "." for g in person.given_names)
        return {"given_name": initials, "surname_prefix": prefix, "surname": surname}
    if style < 0.2 and prefix:
        return {"given_name": given, "surname": f"{prefix} {surname}"}
    if style < 0.28:
        text = f"{surname}, {given}" + (f" {prefix}" if prefix else "")
        return {"full_name": text}
    if style < 0.36:
        return {"full_name": " ".join(p for p in (given, prefix, surname) if p)}
    return {"given_name": given, "surname_prefix": prefix, "surname": surname}


def _birth_fields(person: Person, noise: _Noise, rng: random.Random, clean: bool) -> dict:
    if clean:
        return {"dob": person.dob.isoformat()}
    r = rng.random()
    if r < 0.05:
        return {}
    if r < 0.10:
        age = (REFERENCE_DATE - person.dob).days // 365 + rng.randint(-2, 2)
        return {"estimated_age": age, "reference_date": REFERENCE_DATE.isoformat()}
    if r < 0.18:
        return {"dob": noise.date(person.dob)}
    fmt = rng.choice(("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"))
    return {"dob": person.dob.strftime(fmt)}


def _address_fields(person: Person, gen: _Generator, noise: _Noise, rng: random.Random,
                    clean: bool) -> dict:
    street, number, suffix, postcode, city = person.address
    if not clean and rng.random() < 0.15:  # moved
        street, number, suffix, postcode, city = gen.address()
    if clean:
        return {"street": street, "house_number": str(number), "house_number_suffix": suffix,
                "postcode": postcode, "city": city}
    row: dict[str, object] = {"city": city if rng.random() < 0.9 else None}
    if rng.random() < 0.05:
        street = noise.typo(street)
    if rng.random() < 0.12:
        row["street"] = f"{street} {number}{suffix}"
    else:
        row.update({"street": street, "house_number": str(number),
                    "house_number_suffix": suffix if rng.random() < 0.8 else None})
    row["postcode"] = None if rng.random() < 0.12 else (
        postcode.replace(" ", "") if rng.random() < 0.5 else postcode)
    return row


def _phone(person: Person, noise: _Noise, rng: random.Random, clean: bool) -> str | None:
    if not person.phone or (not clean and rng.random() < 0.45):
        return None
    number = person.phone
    if clean:
        return number
    if rng.random() < 0.06:
        number = noise.digits(number)
    style = rng.random()
    if style < 0.3:
        return "+31 6 " + number[2:]
    if style < 0.6:
        return number[:2] + "-" + number[2:]
    return number


def _bsn(person: Person, noise: _Noise, rng: random.Random, clean: bool) -> str | None:
    if clean:
        return person.bsn
    if rng.random() < 0.6:
        return None
    return noise.digits(person.bsn) if rng.random() < 0.05 else person.bsn


def generate_people(n_people: int, seed: int = 1) -> list[Person]:
    """A population of whole households, about ``n_people`` persons."""
    gen = _Generator(random.Random(seed))  # noqa: S311 - test data, not secrets
    people: list[Person] = []
    while len(people) < n_people:
        people.extend(gen.household())
    return people[:n_people]


def generate_population(n_records: int, seed: int = 1) -> pd.DataFrame:
    """About ``n_records`` mentions of generated persons, with ``unique_id`` and ``cluster``."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    gen = _Generator(rng)
    noise = _Noise(rng)
    rows: list[dict[str, object]] = []
    while len(rows) < n_records:
        for person in gen.household():
            copies = rng.choices((1, 2, 3, 4), (0.45, 0.33, 0.15, 0.07))[0]
            for k in range(copies):
                rows.append(mention(person, gen, noise, clean=(k == 0 and rng.random() < 0.5)))
    rows = rows[:n_records]
    frame = pd.DataFrame(rows)
    frame.insert(0, "unique_id", [f"r{i}" for i in range(len(frame))])
    order = list(range(len(frame)))
    rng.shuffle(order)
    return frame.iloc[order].reset_index(drop=True)


def person_row(person: Person) -> dict[str, object]:
    """The clean register row of a person (for indexes and benchmarks)."""
    street, number, suffix, postcode, city = person.address
    return {
        "unique_id": f"p{person.pid}", "given_name": " ".join(person.given_names),
        "surname_prefix": person.prefix, "surname": person.surname, "sex": person.sex,
        "dob": person.dob.isoformat(), "street": street, "house_number": str(number),
        "house_number_suffix": suffix, "postcode": postcode, "city": city,
        "phone": person.phone, "email": person.email, "bsn": person.bsn,
    }


def noisy_mention(person: Person, seed: int) -> dict[str, object]:
    """A disturbed mention of ``person`` (for resolver tests and benchmarks)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    return mention(person, _Generator(rng), _Noise(rng), clean=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genereer een Nederlandse testpopulatie.")
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-", help="CSV-pad, of - voor standaarduitvoer")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    frame = generate_population(args.records, args.seed)
    frame.to_csv(sys.stdout if args.out == "-" else args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Person", "generate_people", "generate_population", "main"]
