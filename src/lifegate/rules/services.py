# SPDX-License-Identifier: EUPL-1.2
"""The rules block's door for the rest of the platform.

    rule_for_service("kinderbijslag")        # RuleInfo: the rule's id, laws (BWB ids), links
    evaluate_for(situation, on, services)    # the eligibility service (pure), re-exported
    offers_for_person(person_id)             # the latest proactive run's offers for a person

`cases` turns offers into journey offers; `catalog` names the rule each service follows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from lifegate.rules.eligibility import SERVICE_IDS, Evaluation, Situation, evaluate
from lifegate.rules.eligibility.catalog import service_rule
from lifegate.rules.models import EligibilityOffer, ProactiveRun
from lifegate.rules.openfisca_nl import tax_benefit_system

_BWB = re.compile(r"BWBR\d{7}")


@dataclass(frozen=True)
class RuleInfo:
    """The rule that decides a catalog service and the laws its variables cite."""

    service_id: str
    variables: tuple[str, ...]
    references: tuple[str, ...]  # wetten.overheid.nl links, as the variables cite them
    bwb_ids: tuple[str, ...]  # the laws (BWB ids) those links point into


@dataclass(frozen=True)
class Offer:
    person_id: int
    service: str
    status: str
    amount: Decimal | None
    period: str
    start_date: dt.date | None
    as_of: dt.date
    run_id: str


def _variables_of(service_id: str) -> tuple[str, ...]:
    """Every variable the service's steps compute, with everything they depend on."""
    system = tax_benefit_system()
    rule = service_rule(service_id)
    seen: dict[str, None] = {}
    todo = [step.variable for step in (*rule.conditions, rule.amount)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen[name] = None
        formula = system.variables[name].get_formula()
        if formula is not None:
            code = formula.__code__
            todo.extend(n for n in code.co_consts if isinstance(n, str) and n in system.variables)
    return tuple(seen)


@cache
def rule_for_service(service_id: str) -> RuleInfo | None:
    """The rule that decides `service_id`, or None when no rule decides it."""
    if service_id not in SERVICE_IDS:
        return None
    system = tax_benefit_system()
    names = _variables_of(service_id)
    links = tuple(dict.fromkeys(ref for n in names for ref in system.variables[n].reference if ref))
    bwb = tuple(dict.fromkeys(m for link in links for m in _BWB.findall(link)))
    return RuleInfo(service_id, names, links, bwb)


def rule_ids() -> tuple[str, ...]:
    """The ids of every service a rule decides (the catalog's `…/rule/<id>`)."""
    return SERVICE_IDS


def evaluate_for(situation: Situation, on: dt.date, services: Sequence[str] | None) -> Evaluation:
    """The eligibility service (pure); raises `SituationError` for an impossible situation."""
    return evaluate(situation, on, services)


def latest_run(as_of: dt.date | None = None) -> ProactiveRun | None:
    runs = ProactiveRun.objects.order_by("-as_of")
    return (runs.filter(as_of=as_of) if as_of else runs).first()


def offers_for_person(person_id: int, as_of: dt.date | None = None) -> list[Offer]:
    """The offers of the latest run (or the run of `as_of`) for one person."""
    run = latest_run(as_of)
    if run is None:
        return []
    rows = EligibilityOffer.objects.filter(as_of=run.as_of, person_id=person_id)
    return [
        Offer(
            r.person_id, r.service, r.status, r.amount, r.period, r.start_date, r.as_of, str(run.id)
        )
        for r in rows.order_by("service")
    ]
