# SPDX-License-Identifier: EUPL-1.2
"""The synthetic population: deterministic, consistent and with every special group."""

import datetime as dt
import functools
import re

import numpy as np
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lifegate.core.bsn import eleven_test
from lifegate.demo.population import PERSONAS, generate_population
from lifegate.demo.population.dates import ages_on, day_number, shift_years_array

TODAY = dt.date(2025, 7, 1)
DAY = day_number(TODAY)


@functools.cache
def population(n=10_000, seed=2025, today=TODAY):
    return generate_population(n, seed=seed, today=today)


def column(table, name):
    return table[name].to_numpy(zero_copy_only=False)


def days(table, name):
    """A date column as day numbers (nulls as -1)."""
    return pc.fill_null(table[name].cast("int32"), -1).to_numpy().astype(np.int64)


def random_persons():
    persons = population().persons
    return persons.filter(pc.equal(persons["persona"], ""))


def test_the_same_seed_and_day_give_the_same_population():
    first = generate_population(2_000, seed=11, today=TODAY)

    again = generate_population(2_000, seed=11, today=TODAY)

    assert first.equals(again)


@pytest.mark.parametrize(("seed", "today"), [(12, TODAY), (11, dt.date(2025, 7, 2))])
def test_another_seed_or_day_gives_another_population(seed, today):
    first = generate_population(2_000, seed=11, today=TODAY)

    other = generate_population(2_000, seed=seed, today=today)

    assert not first.persons.equals(other.persons)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(len(PERSONAS), 400),
    seed=st.integers(0, 2**32),
    today=st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31)),
)
def test_any_size_seed_and_day_give_exactly_n_persons_with_unique_ids(n, seed, today):
    persons = generate_population(n, seed=seed, today=today).persons

    ids = column(persons, "person_id")
    assert persons.num_rows == n
    assert np.unique(ids).size == n
    assert set(ids[ids < 100]) == {p.person_id for p in PERSONAS}
    assert (ids[len(PERSONAS) :] >= 1000).all()


def test_fewer_persons_than_personas_is_refused():
    with pytest.raises(ValueError, match="at least"):
        generate_population(len(PERSONAS) - 1, today=TODAY)


def test_every_registered_person_has_a_unique_valid_bsn_and_unregistered_ones_have_none():
    persons = population().persons
    bsn = column(persons, "bsn")
    registered = column(persons, "registered_in_brp")

    numbers = bsn[registered].astype(np.int64)
    assert eleven_test(numbers).all()
    assert np.unique(numbers).size == numbers.size
    assert all(len(b) == 9 for b in bsn[registered])
    assert (bsn[~registered] == "").all()


def test_persona_bsns_are_in_a_range_no_random_person_gets():
    persons = population().persons
    persona = column(persons, "persona") != ""
    bsn = column(persons, "bsn")

    assert all(b.startswith("9999") for b in bsn[persona] if b)
    assert not any(b.startswith("9") for b in bsn[~persona])


def test_every_reference_resolves():
    p = population()
    person_ids = set(column(p.persons, "person_id"))
    households = column(p.persons, "household_id")
    partners = p.persons.filter(pc.is_valid(p.persons["partner_id"]))
    kvk = set(column(p.companies, "kvk_number"))

    assert set(households[~np.isnan(households.astype(float))].astype(np.int64)) <= set(
        column(p.households, "household_id")
    )
    assert np.unique(column(p.households, "household_id")).size == p.households.num_rows
    assert set(column(partners, "partner_id")) <= person_ids
    partner_of = dict(
        zip(column(partners, "person_id"), column(partners, "partner_id"), strict=True)
    )
    assert all(partner_of[partner] == person for person, partner in partner_of.items())
    for table, name in [
        (p.parenthood, "parent_id"),
        (p.parenthood, "child_id"),
        (p.companies, "owner_person_id"),
        (p.diplomas, "person_id"),
        (p.mandates, "holder_person_id"),
    ]:
        assert set(column(table, name)) <= person_ids, name
    assert {k for k in column(p.mandates, "grantor_kvk_number") if k} <= kvk


def test_parents_are_at_least_18_years_older_than_their_children_and_have_authority_over_minors():
    p = population()
    births = dict(zip(column(p.persons, "person_id"), days(p.persons, "birth_date"), strict=True))
    parent = np.array([births[i] for i in column(p.parenthood, "parent_id")])
    child = np.array([births[i] for i in column(p.parenthood, "child_id")])

    assert (shift_years_array(parent, 18) <= child).all()
    assert (column(p.parenthood, "has_authority") == (ages_on(child, TODAY) < 18)).all()


def test_companies_have_unique_eight_digit_kvk_numbers_about_one_per_40_persons():
    companies = population().companies
    kvk = column(companies, "kvk_number")

    assert all(re.fullmatch(r"[0-9]{8}", k) for k in kvk)
    assert np.unique(kvk).size == kvk.size
    assert 10_000 / 45 < companies.num_rows < 10_000 / 35
    assert set(column(companies, "legal_form")) <= {"eenmanszaak", "bv", "vof"}


def test_addresses_have_dutch_postcodes_in_the_three_municipalities():
    households = population().households

    assert all(re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", p) for p in column(households, "postcode"))
    assert set(column(households, "municipality_code")) == {"GM0344", "GM0307", "GM0014"}
    assert (column(households, "house_number") > 0).all()


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [("GM0344", 0.50, 0.60), ("GM0307", 0.16, 0.24), ("GM0014", 0.21, 0.29)],
)
def test_residents_are_spread_over_the_municipalities_as_intended(code, low, high):
    share = (column(random_persons(), "municipality_code") == code).mean()

    assert low < share < high


def test_no_random_person_bears_a_personas_name():
    persona_family_names = {p.family_name for p in PERSONAS}

    family = set(column(random_persons(), "family_name"))

    assert not family & persona_family_names


def test_children_earn_nothing_and_almost_all_adults_are_insured():
    persons = random_persons()
    age = ages_on(days(persons, "birth_date"), TODAY)
    income = column(persons, "yearly_income")

    assert (income[age < 18] == 0).all()
    assert (income >= 0).all() and (column(persons, "assets") >= 0).all()
    assert 0.97 < column(persons, "health_insured")[age >= 18].mean() < 1
    assert (column(persons, "assets")[age >= 18] == 0).mean() > 0.2  # many have no assets
