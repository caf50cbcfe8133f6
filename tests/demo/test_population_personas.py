# SPDX-License-Identifier: EUPL-1.2
"""Every persona fact of PERSONAS.md holds on any demo day (pure: no database)."""

import datetime as dt
import functools
import re

import pyarrow.compute as pc
import pytest

from lifegate.core.bsn import is_valid_bsn
from lifegate.demo.population import KVK_BAKKERIJ_VAN_DIJK, PERSONA_KEYS, generate_population
from lifegate.demo.population.dates import add_months, age_on, shift_years

DAYS = [
    dt.date(2025, 7, 1),  # the day PERSONAS.md is written for
    dt.date(2024, 2, 29),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 1),
    dt.date(2024, 2, 20),  # Mila's 18th birthday would be 29 February
    dt.date(2023, 11, 30),  # Kees reaches 67 on 29 February
    dt.date(2028, 3, 1),
]
ONE_DAY = dt.timedelta(days=1)


@functools.cache
def personas(today):
    population = generate_population(300, seed=7, today=today)
    persons = population.persons.filter(pc.not_equal(population.persons["persona"], ""))
    return population, {row["persona"]: row for row in persons.to_pylist()}


def links(population):
    """(parent, child, has authority) of every parenthood row."""
    rows = population.parenthood.to_pylist()
    return {(r["parent_id"], r["child_id"], r["has_authority"]) for r in rows}


def _birthday(birth, years):
    """The day someone turns `years` (28 February for those born 28 Feb from a 29 Feb)."""
    return shift_years(birth, years)


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize(
    ("key", "age", "municipality"),
    [
        ("sanne-de-vries", 31, "GM0344"),
        ("daan-de-vries", 33, "GM0344"),
        ("noor-de-vries", 0, "GM0344"),
        ("lucia-garcia-fernandez", 29, ""),
        ("jan-bakker", 84, "GM0307"),
        ("eva-bakker", 52, "GM0307"),
        ("mila-jansen", 17, "GM0014"),
        ("petra-jansen", 46, "GM0014"),
        ("ahmed-el-amrani", 24, "GM0014"),
        ("kees-visser", 66, "GM0344"),
        ("ria-visser", 64, "GM0344"),
        ("fatma-yilmaz", 38, "GM0344"),
        ("thomas-de-groot", 50, "GM0307"),
        ("lotte-van-dijk", 35, "GM0344"),
        ("femke-smit", 44, "GM0344"),
    ],
)
def test_a_living_persona_has_their_exact_age_and_municipality(today, key, age, municipality):
    person = personas(today)[1][key]

    assert age_on(person["birth_date"], today) == age
    assert person["municipality_code"] == municipality
    assert person["death_date"] is None


@pytest.mark.parametrize("today", DAYS)
def test_every_persona_is_present_with_a_valid_bsn_except_lucia(today):
    people = personas(today)[1]

    assert set(people) == set(PERSONA_KEYS)
    assert all(p["person_id"] < 100 for p in people.values())
    for key, person in people.items():
        assert is_valid_bsn(person["bsn"]) is (key != "lucia-garcia-fernandez")
        assert person["registered_in_brp"] is (key != "lucia-garcia-fernandez")


@pytest.mark.parametrize("today", DAYS)
def test_sanne_and_daan_are_partners_with_noor_born_12_days_ago_and_registered_yesterday(today):
    population, people = personas(today)
    sanne, daan, noor = (people[k] for k in ("sanne-de-vries", "daan-de-vries", "noor-de-vries"))
    home = population.households.filter(
        pc.equal(population.households["household_id"], sanne["household_id"])
    ).to_pylist()[0]
    links = population.parenthood.filter(
        pc.equal(population.parenthood["child_id"], noor["person_id"])
    ).to_pylist()

    assert (sanne["partner_id"], daan["partner_id"]) == (daan["person_id"], sanne["person_id"])
    assert (sanne["yearly_income"], daan["yearly_income"]) == (26_000, 34_000)
    assert sanne["assets"] + daan["assets"] == 20_000
    assert sanne["health_insured"] and daan["health_insured"]
    assert noor["birth_date"] == today - dt.timedelta(days=12)
    assert noor["birth_registered_on"] == today - ONE_DAY
    assert sanne["household_id"] == daan["household_id"] == noor["household_id"]
    assert home["rented"] and home["city"] == "Utrecht"
    assert {(r["parent_id"], r["has_authority"]) for r in links} == {
        (sanne["person_id"], True),
        (daan["person_id"], True),
    }


@pytest.mark.parametrize("today", DAYS)
def test_lucia_is_a_spanish_citizen_known_only_by_her_foreign_eid(today):
    lucia = personas(today)[1]["lucia-garcia-fernandez"]

    assert lucia["nationality"] == "ES"
    assert re.fullmatch(r"ES/NL/[0-9A-Z]+", lucia["foreign_id"])
    assert (lucia["bsn"], lucia["municipality_code"], lucia["household_id"]) == ("", "", None)
    assert not lucia["registered_in_brp"]


@pytest.mark.parametrize("today", DAYS)
def test_eva_acts_for_her_widowed_father_jan_until_the_end_of_next_year(today):
    population, people = personas(today)
    jan, eva = people["jan-bakker"], people["eva-bakker"]
    mandates = [
        m for m in population.mandates.to_pylist() if m["holder_person_id"] == eva["person_id"]
    ]

    assert jan["partner_id"] is None and jan["yearly_income"] == 19_000
    assert eva["household_id"] != jan["household_id"]
    assert (jan["person_id"], eva["person_id"], False) in links(population)
    assert len(mandates) == 1
    assert mandates[0]["grantor_person_id"] == jan["person_id"]
    assert mandates[0]["grantor_kvk_number"] == ""
    assert mandates[0]["scope"] == "care-and-allowances"
    assert mandates[0]["valid_from"] <= today
    assert mandates[0]["valid_until"] == dt.date(today.year + 1, 12, 31)


@pytest.mark.parametrize("today", DAYS)
def test_mila_turns_18_in_9_days_and_lives_with_petra_who_has_authority(today):
    population, people = personas(today)
    mila, petra = people["mila-jansen"], people["petra-jansen"]
    in_9_days = today + dt.timedelta(days=9)
    household = population.persons.filter(
        pc.equal(population.persons["household_id"], mila["household_id"])
    )

    birthday = _birthday(mila["birth_date"], 18)
    leap_day = (in_9_days.month, in_9_days.day) == (2, 29) and birthday.day == 28
    assert birthday == (in_9_days - ONE_DAY if leap_day else in_9_days)
    assert household.num_rows == 2 and petra["household_id"] == mila["household_id"]
    assert petra["partner_id"] is None and petra["yearly_income"] == 24_000
    assert (petra["person_id"], mila["person_id"], True) in links(population)


@pytest.mark.parametrize("today", DAYS)
def test_ahmed_holds_a_masters_diploma_from_a_dutch_university(today):
    population, people = personas(today)
    ahmed = people["ahmed-el-amrani"]

    diplomas = [d for d in population.diplomas.to_pylist() if d["person_id"] == ahmed["person_id"]]

    masters = [d for d in diplomas if d["level"] == "master"]
    assert len(masters) == 1
    assert masters[0]["institution"] == "Rijksuniversiteit Groningen"
    assert masters[0]["awarded_on"] <= today


@pytest.mark.parametrize("today", DAYS)
def test_kees_reaches_67_in_3_months_and_lives_with_ria(today):
    kees, ria = (personas(today)[1][k] for k in ("kees-visser", "ria-visser"))
    in_3_months = add_months(today, 3)

    birthday = _birthday(kees["birth_date"], 67)
    assert birthday in {in_3_months, in_3_months - ONE_DAY}
    assert birthday == in_3_months or (in_3_months.month, in_3_months.day) == (2, 29)
    assert kees["yearly_income"] == 48_000
    assert (kees["partner_id"], ria["partner_id"]) == (ria["person_id"], kees["person_id"])
    assert kees["household_id"] == ria["household_id"]


@pytest.mark.parametrize("today", DAYS)
def test_fatmas_employment_ended_on_the_last_day_of_last_month(today):
    fatma = personas(today)[1]["fatma-yilmaz"]

    assert fatma["employment_end_date"] == today.replace(day=1) - ONE_DAY


@pytest.mark.parametrize("today", DAYS)
def test_pieter_died_5_days_ago_aged_79_and_his_son_thomas_survives_him(today):
    population, people = personas(today)
    pieter, thomas = people["pieter-de-groot"], people["thomas-de-groot"]

    assert pieter["death_date"] == today - dt.timedelta(days=5)
    assert age_on(pieter["birth_date"], pieter["death_date"]) == 79
    assert pieter["municipality_code"] == "GM0307"
    assert (pieter["person_id"], thomas["person_id"]) in {
        (r["parent_id"], r["child_id"]) for r in population.parenthood.to_pylist()
    }


@pytest.mark.parametrize("today", DAYS)
def test_lotte_started_bakkerij_van_dijk_this_month_and_femke_holds_its_mandate(today):
    population, people = personas(today)
    lotte, femke = people["lotte-van-dijk"], people["femke-smit"]
    company = population.companies.filter(
        pc.equal(population.companies["kvk_number"], KVK_BAKKERIJ_VAN_DIJK)
    ).to_pylist()[0]
    mandate = [
        m for m in population.mandates.to_pylist() if m["holder_person_id"] == femke["person_id"]
    ]

    assert company["name"] == "Bakkerij Van Dijk"
    assert company["owner_person_id"] == lotte["person_id"]
    assert (company["legal_form"], company["municipality_code"]) == ("eenmanszaak", "GM0344")
    assert company["start_date"] == today.replace(day=1)
    assert [(m["grantor_person_id"], m["grantor_kvk_number"], m["scope"]) for m in mandate] == [
        (None, KVK_BAKKERIJ_VAN_DIJK, "company-all")
    ]
    assert mandate[0]["valid_from"] <= today <= mandate[0]["valid_until"]
