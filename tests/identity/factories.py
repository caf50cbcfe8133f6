# SPDX-License-Identifier: EUPL-1.2
"""Small persons of the demo population for identity tests (tests may use the demo models)."""

from __future__ import annotations

import datetime as dt
import itertools

from lifegate.demo import models as demo_tables

_ids = itertools.count(900_000)


def person(
    given: str,
    family: str,
    *,
    bsn: str = "",
    foreign_id: str = "",
    born: dt.date = dt.date(1990, 5, 1),
    persona: str = "",
    registered: bool = True,
) -> demo_tables.Person:
    return demo_tables.Person.objects.create(
        person_id=next(_ids),
        bsn=bsn,
        foreign_id=foreign_id,
        given_names=given,
        family_name=family,
        sex="F",
        birth_date=born,
        nationality="NL" if bsn else "ES",
        yearly_income=30_000,
        assets=0,
        health_insured=True,
        registered_in_brp=registered,
        student=False,
        persona=persona,
    )


def parent_of(
    parent: demo_tables.Person, child: demo_tables.Person, authority: bool = True
) -> None:
    demo_tables.Parenthood.objects.create(parent=parent, child=child, has_authority=authority)


def company(kvk: str, name: str, owner: demo_tables.Person) -> demo_tables.Company:
    return demo_tables.Company.objects.create(
        kvk_number=kvk,
        name=name,
        owner=owner,
        start_date=dt.date(2025, 1, 1),
        municipality_code="0344",
        legal_form="eenmanszaak",
    )


def personas(today: dt.date) -> dict[str, demo_tables.Person]:
    """The personas identity tests need, with their family ties and the company."""
    sanne = person("Sanne", "de Vries", bsn="111222333", persona="sanne-de-vries")
    noor = person(
        "Noor",
        "de Vries",
        bsn="111222345",
        born=today - dt.timedelta(days=12),
        persona="noor-de-vries",
    )
    lucia = person(
        "Lucía",
        "García Fernández",
        foreign_id="ES/NL/99999999R",
        persona="lucia-garcia-fernandez",
        registered=False,
    )
    jan = person("Jan", "Bakker", bsn="222333444", born=dt.date(1941, 3, 3), persona="jan-bakker")
    eva = person("Eva", "Bakker", bsn="333444555", born=dt.date(1973, 2, 2), persona="eva-bakker")
    petra = person(
        "Petra", "Jansen", bsn="444555666", born=dt.date(1979, 1, 1), persona="petra-jansen"
    )
    mila = person(
        "Mila",
        "Jansen",
        bsn="555666777",
        born=today.replace(year=today.year - 18) + dt.timedelta(days=9),
        persona="mila-jansen",
    )
    lotte = person("Lotte", "van Dijk", bsn="666777888", persona="lotte-van-dijk")
    femke = person("Femke", "Smit", bsn="777888999", persona="femke-smit")
    parent_of(sanne, noor)
    parent_of(petra, mila)
    company("12345678", "Bakkerij Van Dijk", lotte)
    return {
        p.persona.split("-")[0]: p
        for p in (sanne, noor, lucia, jan, eva, petra, mila, lotte, femke)
    }
