# SPDX-License-Identifier: EUPL-1.2
"""Small embedded word lists the random population draws from (no downloads, no files).

The personas' family names are left out of `FAMILY_NAMES`, so no random person can share a
persona's full name (and no random company is called after one).
"""

from __future__ import annotations

from typing import Final

FEMALE_NAMES: Final = (
    "Anna", "Emma", "Julia", "Sophie", "Tess", "Zoë", "Fleur", "Lisa", "Anouk", "Iris",
    "Roos", "Maud", "Sara", "Lieke", "Floor", "Esmee", "Nina", "Yara", "Liv", "Evi",
    "Marieke", "Annemarie", "Ingrid", "Hanneke", "Joke", "Wilma", "Greet", "Anneke", "Els",
    "Monique", "Linda", "Sandra", "Marloes", "Ilse", "Merel", "Jolien", "Noa", "Saar", "Fenna",
    "Mirjam",
)  # fmt: skip
MALE_NAMES: Final = (
    "Lucas", "Sem", "Finn", "Levi", "Milan", "Bram", "Luuk", "Jesse", "Ruben", "Thijs",
    "Sven", "Lars", "Stijn", "Tim", "Gijs", "Mees", "Teun", "Niels", "Bas", "Joost",
    "Willem", "Hendrik", "Gerrit", "Cornelis", "Johan", "Henk", "Wim", "Frank", "Marco",
    "Erik", "Martijn", "Jeroen", "Maarten", "Rutger", "Koen", "Wouter", "Jasper", "Sander",
    "Dirk", "Arjen",
)  # fmt: skip
FAMILY_NAMES: Final = (
    "de Jong", "van den Berg", "Janssen", "Meijer", "de Boer", "Mulder", "Bos", "Vos",
    "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Koster",
    "Verhoeven", "van der Meer", "Hoekstra", "Kramer", "van der Linden", "Prins", "Jacobs",
    "van Beek", "Postma", "Schouten", "Vermeulen", "Kuipers", "Willems", "van Vliet", "Huisman",
    "Kok", "Veenstra", "Wijnands", "Zwart", "Timmermans", "Groen", "Boersma", "Schipper",
    "Kuiper", "van Dam", "Brink", "Sanders", "de Haan", "Hermans", "Maas", "Verbeek", "Scholten",
    "Hofman", "Lammers", "Roelofs", "Wolters", "Blom", "van der Veen", "Bosman", "Koning",
    "Molenaar", "Post", "van Wijk", "Evers",
)  # fmt: skip

# Residents with another EU member state's nationality: (country, family names).
EU_FAMILY_NAMES: Final = (
    ("PL", ("Kowalski", "Nowak", "Wiśniewska", "Wójcik")),
    ("DE", ("Müller", "Schmidt", "Schneider", "Fischer")),
    ("BE", ("Peeters", "Maes", "Claes", "Goossens")),
    ("ES", ("Martínez", "López", "Sánchez", "Romero")),
    ("IT", ("Rossi", "Russo", "Ferrari", "Esposito")),
    ("FR", ("Martin", "Bernard", "Dubois", "Moreau")),
    ("PT", ("Silva", "Santos", "Ferreira", "Pereira")),
    ("RO", ("Popescu", "Ionescu", "Dumitru", "Stan")),
)
EU_COUNTRY_WEIGHTS: Final = (0.30, 0.17, 0.14, 0.10, 0.10, 0.07, 0.05, 0.07)

STREETS: Final = (
    "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan", "Beatrixstraat",
    "Lindelaan", "Eikenlaan", "Berkenstraat", "Wilhelminastraat", "Merelstraat", "Kastanjelaan",
    "Tulpstraat", "Rozenstraat", "Vondellaan", "Rembrandtlaan", "Prins Hendrikstraat",
    "Oranjestraat", "Parkweg", "Dorpsstraat", "Esdoornlaan", "Populierenweg", "Havenstraat",
    "Zandweg", "Spoorstraat", "Nieuwe Weg", "Lijsterstraat", "Kievitlaan", "Brugstraat",
    "Hoge Woerd",
)  # fmt: skip

# (municipality code, city, first and last four-digit postcode number, share of residents)
MUNICIPALITIES: Final = (
    ("GM0344", "Utrecht", 3511, 3585, 0.55),
    ("GM0307", "Amersfoort", 3811, 3829, 0.20),
    ("GM0014", "Groningen", 9711, 9747, 0.25),
)
# Postcode letters: F, I, O, Q, U and Y are not used, and neither are SA, SD and SS.
POSTCODE_LETTER_PAIRS: Final = tuple(
    first + second
    for first in "ABCDEGHJKLMNPRSTVWXZ"
    for second in "ABCDEGHJKLMNPRSTVWXZ"
    if first + second not in {"SA", "SD", "SS"}
)

TRADES: Final = (
    "Advies", "Bouw", "Installatietechniek", "Schilderwerken", "Consultancy", "Kapsalon",
    "Fietsen", "Ontwerp", "IT-diensten", "Hoveniers", "Catering", "Fotografie", "Vertalingen",
    "Klusbedrijf", "Administratie",
)  # fmt: skip
LEGAL_FORMS: Final = ("eenmanszaak", "bv", "vof")
LEGAL_FORM_WEIGHTS: Final = (0.70, 0.20, 0.10)

# Diplomas: level -> (programmes, institutions, typical age at the award in years)
SECONDARY_SCHOOLS: Final = (
    "Stedelijk Lyceum De Linde",
    "Christelijk College Het Baken",
    "Montessori College Oost",
    "Wessel Gansfort Scholengemeenschap",
)
PROFILES: Final = (
    "Natuur en Gezondheid",
    "Natuur en Techniek",
    "Economie en Maatschappij",
    "Cultuur en Maatschappij",
)
DIPLOMAS: Final = {
    "vwo": (PROFILES, SECONDARY_SCHOOLS, 18),
    "havo": (PROFILES, SECONDARY_SCHOOLS, 17),
    "mbo": (
        ("Verzorgende IG", "Elektrotechniek", "Logistiek", "Bakker", "Software developer"),
        ("MBO Utrecht", "Noorderpoort", "MBO Amersfoort"),
        20,
    ),
    "bachelor": (
        ("Rechtsgeleerdheid", "Informatica", "Bedrijfskunde", "Psychologie", "Biologie"),
        ("Universiteit Utrecht", "Rijksuniversiteit Groningen", "Hogeschool Utrecht"),
        22,
    ),
    "master": (
        ("Rechtsgeleerdheid", "Computing Science", "Economics", "Psychologie", "Biologie"),
        ("Universiteit Utrecht", "Rijksuniversiteit Groningen"),
        24,
    ),
}
DIPLOMA_LEVELS: Final = ("vwo", "havo", "mbo", "bachelor", "master")
