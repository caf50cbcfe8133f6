# SPDX-License-Identifier: EUPL-1.2
"""The demo personas as situations on the demo day (1 July 2025), for the rules' tests."""

from __future__ import annotations

import datetime as dt

from lifegate.rules.eligibility import Fact, Home, Person, Situation

DEMO_DAY = dt.date(2025, 7, 1)
BRP, INCOME, ZVW, CITIZEN = "registry:brp", "registry:income", "registry:zvw", "citizen"


def adult(
    person_id: str,
    born: dt.date,
    income: float | None,
    *,
    partner: str | None = None,
    assets: float = 10_000,
    source: str = BRP,
) -> Person:
    return Person(
        id=person_id,
        birth_date=Fact(born, source),
        partner=Fact(partner, source),
        parents=Fact((), source),
        yearly_income=None if income is None else Fact(income, INCOME),
        assets=Fact(assets, INCOME),
        health_insured=Fact(True, ZVW),
        resident=Fact(True, source),
    )


def sanne_household(subject: str = "sanne") -> Situation:
    """Sanne (31) and Daan (33), married; Noor born 12 days before the demo day; rented home."""
    noor = Person(
        id="noor",
        birth_date=Fact(DEMO_DAY - dt.timedelta(days=12), BRP),
        partner=Fact(None, BRP),
        parents=Fact(("sanne", "daan"), BRP),
    )
    return Situation(
        persons=(
            adult("sanne", dt.date(1994, 3, 2), 26_000, partner="daan"),
            adult("daan", dt.date(1992, 1, 10), 34_000, partner="sanne"),
            noor,
        ),
        subject_id=subject,
        home=Home(rented=Fact(True, BRP)),
    )


def lucia() -> Situation:
    """Lucía (29) from Madrid: not in the BRP yet; her expected income is not known."""
    person = Person(
        id="lucia",
        birth_date=Fact(dt.date(1996, 2, 14), "eidas:ES"),
        partner=Fact(None, CITIZEN),
        health_insured=Fact(True, CITIZEN),
        assets=Fact(5_000, CITIZEN),
    )
    return Situation(persons=(person,), subject_id="lucia")


def jan() -> Situation:
    """Jan Bakker (84), widower, AOW pensioner, income EUR 19,000 a year."""
    return Situation(persons=(adult("jan", dt.date(1941, 3, 12), 19_000),), subject_id="jan")


def kees() -> Situation:
    """Kees Visser (66) reaches the pension age in 3 months; lives with partner Ria (64)."""
    return Situation(
        persons=(
            adult("kees", dt.date(1958, 10, 1), 48_000, partner="ria"),
            adult("ria", dt.date(1961, 5, 5), 0, partner="kees"),
        ),
        subject_id="kees",
    )
