# SPDX-License-Identifier: EUPL-1.2
"""The life events the demo needs happen in a random population of 10,000."""

import datetime as dt
import functools

import numpy as np
import pyarrow.compute as pc

from lifegate.demo.population import generate_population
from lifegate.demo.population.dates import add_months, ages_on, day_number, shift_years_array

TODAY = dt.date(2025, 7, 1)
DAY = day_number(TODAY)


@functools.cache
def random_population():
    population = generate_population(10_000, seed=99, today=TODAY)
    persons = population.persons
    return population, persons.filter(pc.equal(persons["persona"], ""))


def column(table, name):
    return table[name].to_numpy(zero_copy_only=False)


def days(table, name):
    return pc.fill_null(table[name].cast("int32"), -1).to_numpy().astype(np.int64)


def test_babies_born_in_the_last_3_months_were_registered_a_few_days_later():
    persons = random_population()[1]
    birth, registered = days(persons, "birth_date"), days(persons, "birth_registered_on")

    recent = birth > DAY - 91
    assert recent.sum() >= 15
    assert (registered[recent] > birth[recent]).all()
    assert (registered[recent] <= np.minimum(birth[recent] + 5, DAY)).all()
    assert (registered[~recent] == -1).all()


def test_some_minors_turn_18_within_60_days():
    persons = random_population()[1]
    birth = days(persons, "birth_date")

    turning = (ages_on(birth, TODAY) == 17) & (ages_on(birth, TODAY + dt.timedelta(days=60)) == 18)

    assert turning.sum() >= 15


def test_some_people_reach_pension_age_within_6_months():
    persons = random_population()[1]
    birth = days(persons, "birth_date")

    reaching = (ages_on(birth, TODAY) == 66) & (ages_on(birth, add_months(TODAY, 6)) == 67)

    assert reaching.sum() >= 50


def test_students_are_18_to_25_and_hold_secondary_or_university_diplomas():
    population, persons = random_population()
    student = column(persons, "student")
    age = ages_on(days(persons, "birth_date"), TODAY)
    diplomas = population.diplomas
    levels: dict[int, tuple[str, ...]] = dict.fromkeys(column(persons, "person_id")[student], ())
    for person, level in zip(column(diplomas, "person_id"), column(diplomas, "level"), strict=True):
        if person in levels:
            levels[person] += (level,)

    assert student.sum() >= 200
    assert ((age[student] >= 18) & (age[student] <= 25)).all()
    assert all("vwo" in held for held in levels.values())
    assert {level for held in levels.values() for level in held} == {"vwo", "bachelor", "master"}
    assert (days(diplomas, "awarded_on") <= DAY).all()


def test_about_3_percent_are_registered_citizens_of_other_eu_states_with_a_foreign_id():
    persons = random_population()[1]
    nationality, foreign_id = column(persons, "nationality"), column(persons, "foreign_id")
    eu = nationality != "NL"

    assert 0.015 < eu.mean() < 0.045
    assert len(set(nationality[eu])) >= 5
    assert all(
        f.startswith(f"{n}/NL/") for n, f in zip(nationality[eu], foreign_id[eu], strict=True)
    )
    assert (foreign_id[~eu] == "").all()
    assert column(persons, "registered_in_brp")[eu].all()
    assert (column(persons, "bsn")[eu] != "").all()


def test_some_elderly_people_died_in_the_last_60_days():
    persons = random_population()[1]
    death, birth = days(persons, "death_date"), days(persons, "birth_date")
    died = death >= 0

    assert died.sum() >= 10
    assert ((death[died] >= DAY - 60) & (death[died] < DAY)).all()
    assert (ages_on(birth[died], TODAY) >= 70).all()


def test_companies_belong_to_living_adults_and_started_after_they_turned_18():
    population, persons = random_population()
    companies = population.companies.filter(
        pc.not_equal(population.companies["name"], "Bakkerij Van Dijk")
    )
    births = dict(zip(column(persons, "person_id"), days(persons, "birth_date"), strict=True))
    owner_birth = np.array([births[o] for o in column(companies, "owner_person_id")])

    start = days(companies, "start_date")
    assert (start <= DAY).all()
    assert (ages_on(owner_birth, TODAY) >= 25).all()
    assert (shift_years_array(owner_birth, 18) <= start).all()
