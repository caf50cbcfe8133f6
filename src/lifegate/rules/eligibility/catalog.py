# SPDX-License-Identifier: EUPL-1.2
"""The services the rules decide, with the conditions checked and the facts each one needs.

Service ids match the catalog. `needs` name situation fields (see `situation.Person` and
`situation.Home`) and whose they are, relative to the person the evaluation is for; a test
checks them against the inputs OpenFisca actually reads, so they cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Whose(Enum):
    SUBJECT = "subject"  # the person the evaluation is for
    PARTNERS = "partners"  # the subject and their allowance partner
    PARENTS = "parents"  # the parents of the subject's household
    CHILDREN = "children"  # the children under 18 of the subject's household
    HOME = "home"  # the household's home


@dataclass(frozen=True)
class Need:
    field: str
    whose: Whose


@dataclass(frozen=True)
class Step:
    """A condition (passes when true, or above zero) or the amount, and the facts it needs."""

    variable: str
    needs: tuple[Need, ...] = ()


@dataclass(frozen=True)
class ServiceRule:
    id: str
    entity: str  # "persoon" or "huishouden": whose amount it is
    conditions: tuple[Step, ...]
    amount: Step
    period: str  # the amount is per "quarter", "month" or "year"
    months_ahead: int  # how far "the next period" is: 3 for quarterly rules
    count_variable: str | None = None  # more of these next period: offer from then
    start_variable: str | None = None  # a date variable that is the start (else period start)


def _needs(whose: Whose, *names: str) -> tuple[Need, ...]:
    return tuple(Need(name, whose) for name in names)


_PARTNER = _needs(Whose.SUBJECT, "partner")
_PARENT = Step("is_ouder")
_CHILDREN = (*_needs(Whose.CHILDREN, "birth_date"), *_needs(Whose.PARENTS, "resident"))

SERVICES: tuple[ServiceRule, ...] = (
    ServiceRule(
        id="kinderbijslag",
        entity="huishouden",
        conditions=(_PARENT, Step("kinderbijslag_aantal_kinderen", _CHILDREN)),
        amount=Step("kinderbijslag", _CHILDREN),
        period="quarter",
        months_ahead=3,
        count_variable="kinderbijslag_aantal_kinderen",
    ),
    ServiceRule(
        id="kindgebonden-budget",
        entity="huishouden",
        conditions=(
            _PARENT,
            Step("kindgebonden_budget_kinderbijslagvoorwaarde", _CHILDREN),
            Step(
                "kindgebonden_budget_vermogensvoorwaarde",
                (*_needs(Whose.PARENTS, "assets"), *_PARTNER),
            ),
        ),
        amount=Step(
            "kindgebonden_budget",
            (*_CHILDREN, *_needs(Whose.PARENTS, "yearly_income", "assets"), *_PARTNER),
        ),
        period="year",
        months_ahead=3,
        count_variable="kinderbijslag_aantal_kinderen",
    ),
    ServiceRule(
        id="zorgtoeslag",
        entity="persoon",
        conditions=(
            Step("zorgtoeslag_leeftijdsvoorwaarde", _needs(Whose.SUBJECT, "birth_date")),
            Step("zorgtoeslag_verzekeringsvoorwaarde", _needs(Whose.SUBJECT, "health_insured")),
            Step(
                "zorgtoeslag_inkomensvoorwaarde",
                (*_needs(Whose.PARTNERS, "yearly_income"), *_PARTNER),
            ),
            Step("zorgtoeslag_vermogensvoorwaarde", (*_needs(Whose.PARTNERS, "assets"), *_PARTNER)),
        ),
        amount=Step("zorgtoeslag", (*_needs(Whose.PARTNERS, "yearly_income"), *_PARTNER)),
        period="month",
        months_ahead=1,
    ),
    ServiceRule(
        id="aow",
        entity="persoon",
        conditions=(Step("aow_binnen_aanvraagtermijn", _needs(Whose.SUBJECT, "birth_date")),),
        amount=Step("aow_bruto_per_maand", _PARTNER),
        period="month",
        months_ahead=1,
        start_variable="aow_ingangsdatum",
    ),
    ServiceRule(
        id="huurtoeslag",
        entity="huishouden",
        conditions=(
            _PARENT,
            Step("huurtoeslag_huurvoorwaarde", _needs(Whose.HOME, "rented")),
            Step("huurtoeslag_leeftijdsvoorwaarde", _needs(Whose.PARENTS, "birth_date")),
            Step("huurtoeslag_huurgrensvoorwaarde", _needs(Whose.HOME, "monthly_rent")),
            Step("huurtoeslag_vermogensvoorwaarde", (*_needs(Whose.PARENTS, "assets"), *_PARTNER)),
        ),
        amount=Step(
            "huurtoeslag",
            (*_needs(Whose.PARENTS, "yearly_income"), *_needs(Whose.HOME, "monthly_rent")),
        ),
        period="month",
        months_ahead=1,
    ),
    ServiceRule(
        id="studiefinanciering",
        entity="persoon",
        conditions=(
            Step("studiefinanciering_leeftijdsvoorwaarde", _needs(Whose.SUBJECT, "birth_date")),
            Step(
                "studiefinanciering_inschrijvingsvoorwaarde",
                _needs(Whose.SUBJECT, "enrolled_higher_education"),
            ),
        ),
        amount=Step("studiefinanciering_basisbeurs", _needs(Whose.SUBJECT, "lives_with_parents")),
        period="month",
        months_ahead=1,
    ),
)
SERVICE_IDS = tuple(service.id for service in SERVICES)
BIRTH_EVENT_SERVICES = ("kinderbijslag", "kindgebonden-budget", "zorgtoeslag")


def service_rule(service_id: str) -> ServiceRule:
    return next(service for service in SERVICES if service.id == service_id)
