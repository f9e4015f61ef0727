"""Small built-in Dutch name lists and the spelling variants real registrations contain.

Names are common Dutch names (no real person is meant). Every character is representable
in Windows-1252, so a cp1252 export never has to replace one.
"""

from __future__ import annotations

import random

# Data tables, kept compact on purpose.
# fmt: off

GIVEN_MALE = (
    "Jan", "Johannes", "Hendrik", "Pieter", "Gerrit", "Jacobus", "Cornelis", "Willem", "Klaas",
    "Harm", "Albert", "Jeroen", "Mark", "Dennis", "Erik", "Bas", "Sander", "Kevin", "Tim", "Thijs",
    "Daan", "Sem", "Lucas", "Levi", "Finn", "Noah", "Jesse", "Luuk", "Bram", "Ruben", "Stijn",
    "Niels", "Roelof", "Jannes", "Wiebe", "Sjoerd", "Geert", "Henk", "Mehmet", "Mohamed", "René",
    "André", "Joël", "Rémy", "Youssef", "Tomasz", "Ali", "Dirk", "Bert", "Kees",
)

GIVEN_FEMALE = (
    "Maria", "Johanna", "Hendrika", "Anna", "Wilhelmina", "Cornelia", "Geertje", "Grietje",
    "Petronella", "Jacoba", "Anke", "Ingrid", "Monique", "Sandra", "Linda", "Esther", "Petra",
    "Marieke", "Sanne", "Lisa", "Emma", "Julia", "Tess", "Sophie", "Zoë", "Noor", "Eva", "Fleur",
    "Lotte", "Femke", "Iris", "Roos", "Jildou", "Aaltje", "Hilde", "Fatima", "Aysel", "Chloë",
    "Anaïs", "Ilse", "Janneke", "Romy", "Demi", "Kim", "Naomi", "Yasmina", "Agnieszka", "Renée",
    "Daniëlle",
)

SURNAMES = (
    ("", "Jansen"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"),
    ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Dijk"), ("de", "Vries"), ("de", "Jong"), ("van der", "Meer"), ("", "Dijkstra"),
    ("", "Kuipers"), ("", "Huizinga"), ("", "Hoekstra"), ("", "Postma"), ("", "Wiersma"),
    ("", "Bosma"), ("", "Kramer"), ("", "Veenstra"), ("", "Hofstede"), ("", "Lubbers"),
    ("", "Oosting"), ("", "Tiemens"), ("", "Drenth"), ("", "Hadders"), ("", "Lanting"),
    ("", "Schuiling"), ("", "Wubbels"), ("", "Pater"), ("", "Moorlag"), ("", "Haaijer"),
    ("", "Zuidema"), ("", "Kloosterman"), ("", "Bruins"), ("van", "Wijk"), ("ter", "Horst"),
    ("", "Brouwer"), ("", "Koster"), ("", "Prins"), ("", "Vonk"), ("", "Yilmaz"), ("", "Kowalski"),
    ("", "El Amrani"), ("", "Celik"), ("van den", "Berg"), ("", "Dekker"), ("", "Willems"),
    ("", "Schepers"), ("", "Wolters"), ("", "Bolhuis"), ("", "Bekkering"), ("", "Smeenge"),
    ("", "Zwiers"), ("", "Boelens"),
)

STREET_STEMS = (
    "Hoofd", "Kerk", "School", "Molen", "Kanaal", "Dorps", "Veen", "Turf", "Wijk", "Beuken",
    "Eiken", "Berken", "Linden", "Esdoorn", "Vlinder", "Zwanen", "Merel", "Lijster", "Spoor",
    "Stations", "Haven", "Brug", "Sluis", "Dijk", "Boeren", "Akker", "Heide", "Zand", "Bos",
    "Weide", "Tulpen", "Rozen", "Narcissen", "Dahlia", "Jasmijn", "Koren", "Hooi", "Vaart",
    "Monnike", "Klooster", "Burgemeester Venema", "Burgemeester de Kock", "Juliana", "Wilhelmina",
    "Oranje", "Emma", "Prins Bernhard", "Beatrix", "Parallel", "Noorder", "Zuider", "Ooster",
    "Wester", "Exloër", "Pekel", "Musselkanaal", "Compagnies", "Wieken",
)

STREET_KINDS = (
    "straat", "weg", "laan", "pad", "dijk", "kade", "plein", "wijk", "dreef", "hof",
)

ABBREVIATIONS = {
    "straat": "str.", "weg": "wg", "laan": "ln", "plein": "pln", "Burgemeester": "Burg.",
    "Prins": "Pr.", "kade": "kd",
}

SURNAME_VARIANTS = {
    "Jansen": "Janssen", "Janssen": "Jansen", "Smit": "Smid", "Meijer": "Meyer",
    "Mulder": "Mulders", "Hendriks": "Hendrikx", "Dijkstra": "Dykstra", "Kuipers": "Kuiper",
    "Peters": "Pieters", "Bakker": "Backer", "Visser": "Vissers", "Haaijer": "Haayer",
    "Huizinga": "Huizenga", "Veenstra": "Venstra", "Bosma": "Bosman", "Willems": "Willemse",
    "Wolters": "Wolthers",
}

GIVEN_VARIANTS = {
    "Johannes": "Johan", "Hendrik": "Henk", "Jacobus": "Jaap", "Cornelis": "Kees",
    "Wilhelmina": "Willy", "Petronella": "Nel", "Johanna": "Joke", "Hendrika": "Riek",
    "Geertje": "Geertie", "Grietje": "Griet", "Maria": "Marie", "Jan": "Johannes",
    "Gerrit": "Gert", "Albert": "Bert", "Zoë": "Zoe", "Chloë": "Chloe", "René": "Rene",
    "Anaïs": "Anais", "Daniëlle": "Danielle", "Mohamed": "Mohammed", "Yasmina": "Yasmine",
}

GEMEENTE_PLACES = {
    "GM0047": ("Veendam", "Wildervank", "Ommelanderwijk", "Borgercompagnie"),
    "GM0765": ("Oude Pekela", "Nieuwe Pekela"),
    "GM0037": ("Stadskanaal", "Musselkanaal", "Onstwedde", "Mussel", "Alteveer", "Vledderveen"),
    "GM1950": ("Ter Apel", "Vlagtwedde", "Bourtange", "Sellingen", "Oudeschans", "Wedde",
        "Vriescheloo", "Blijham", "Bellingwolde", "Ter Apelkanaal"),
    "GM1952": ("Hoogezand", "Sappemeer", "Slochteren", "Siddeburen", "Zuidbroek", "Muntendam",
        "Kolham", "Foxhol", "Harkstede", "Schildwolde", "Noordbroek", "Meeden", "Westerbroek",
        "Kropswolde"),
    "GM1895": ("Winschoten", "Scheemda", "Finsterwolde", "Midwolda", "Heiligerlee", "Nieuwolda",
        "Oostwold", "Beerta", "Nieuw-Beerta", "Nieuweschans", "Drieborg", "Westerlee"),
    "GM0114": ("Emmen", "Klazienaveen", "Nieuw-Amsterdam", "Erica", "Emmer-Compascuum",
        "Nieuw-Weerdinge", "Schoonebeek", "Barger-Compascuum", "Zwartemeer", "Veenoord",
        "Weiteveen", "Roswinkel", "Nieuw-Dordrecht"),
    "GM1681": ("Borger", "Odoorn", "Exloo", "Valthermond", "Nieuw-Buinen", "2e Exloërmond",
        "Buinerveen", "Drouwenermond", "Valthe"),
    "GM1680": ("Gieten", "Annen", "Gasselte", "Rolde", "Gieterveen", "Eext", "Gasselternijveen"),
    "GM0109": ("Coevorden", "Dalen", "Sleen", "Schoonoord", "Zweeloo", "Aalden", "Oosterhesselen",
        "Geesbrug"),
}
# fmt: on


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip: two letters swapped, one dropped or one doubled."""
    if len(text) < 4:
        return text + text[-1]
    position = rng.randrange(1, len(text) - 1)
    action = rng.randrange(3)
    if action == 0:
        return text[:position] + text[position + 1] + text[position] + text[position + 2 :]
    if action == 1:
        return text[:position] + text[position + 1 :]
    return text[:position] + text[position] + text[position:]


def surname_variant(surname: str, rng: random.Random) -> str:
    return SURNAME_VARIANTS.get(surname) or typo(surname, rng)


def given_variant(given: str, rng: random.Random) -> str:
    if given in GIVEN_VARIANTS and rng.random() < 0.7:
        return GIVEN_VARIANTS[given]
    return f"{given[0]}." if rng.random() < 0.4 else typo(given, rng)


def street_variant(street: str, rng: random.Random) -> str:
    for word, short in ABBREVIATIONS.items():
        if word in street:
            return street.replace(word, short, 1)
    return typo(street, rng) if rng.random() < 0.5 else street.upper()


def suffix_variant(suffix: str, rng: random.Random) -> str:
    """'a' becomes ' A', '-a' or 'A'; no suffix becomes ' ' (a stray space)."""
    if not suffix:
        return " "
    return rng.choice((f" {suffix.upper()}", f"-{suffix}", suffix.upper()))
