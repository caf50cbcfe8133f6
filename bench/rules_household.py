# SPDX-License-Identifier: EUPL-1.2
"""One household, every "birth of a child" service with explanations, in-process.

Target (issue 5): p95 under 25 ms. Baseline measured in the same run: OpenFisca computing
the same variables (every condition and amount, in both periods) for the same household,
built the usual way with `build_from_entities`, without explanations.

Over HTTP (target: at least 1.5x the throughput): `POST /api/v1/eligibility/evaluations`
served by `lifegate serve` (granian) against OpenFisca's own web API (`openfisca serve`,
gunicorn, `/calculate`) computing the same variables for the same household, both on
loopback with the same workers, the same client and the same concurrency. Run:
`uv run --frozen python bench/rules_household.py [--runs 300] [--seconds 10]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

from openfisca_core.simulation_builder import SimulationBuilder

from lifegate.rules.eligibility import (
    BIRTH_EVENT_SERVICES,
    Fact,
    Home,
    Person,
    Situation,
    evaluate,
    explain,
)
from lifegate.rules.eligibility.catalog import service_rule
from lifegate.rules.openfisca_nl import tax_benefit_system
from rules_http import lifegate_server, load, openfisca_server

SITUATION = {
    "personen": {
        "sanne": {
            "geboortedatum": {"ETERNITY": "1994-03-02"},
            "jaarinkomen": {"2025": 26000},
            "vermogen": {"2025": 10000},
            "zorgverzekerd": {"2025": True},
            "woont_in_nederland": {"2025": True},
        },
        "daan": {
            "geboortedatum": {"ETERNITY": "1992-01-10"},
            "jaarinkomen": {"2025": 34000},
            "vermogen": {"2025": 10000},
            "zorgverzekerd": {"2025": True},
            "woont_in_nederland": {"2025": True},
        },
        "noor": {"geboortedatum": {"ETERNITY": "2025-06-19"}},
    },
    "huishoudens": {"gezin": {"ouders": ["sanne", "daan"], "kinderen": ["noor"]}},
}
DEMO_DAY = dt.date(2025, 7, 1)
BRP, INCOME = "registry:brp", "registry:income"


def _adult(person_id: str, born: dt.date, income: int, partner: str) -> Person:
    return Person(
        id=person_id,
        birth_date=Fact(born, BRP),
        partner=Fact(partner, BRP),
        parents=Fact((), BRP),
        yearly_income=Fact(income, INCOME),
        assets=Fact(10_000, INCOME),
        health_insured=Fact(True, "registry:zvw"),
        resident=Fact(True, BRP),
    )


SANNE = Situation(
    persons=(
        _adult("sanne", dt.date(1994, 3, 2), 26_000, "daan"),
        _adult("daan", dt.date(1992, 1, 10), 34_000, "sanne"),
        Person(
            id="noor",
            birth_date=Fact(dt.date(2025, 6, 19), BRP),
            partner=Fact(None, BRP),
            parents=Fact(("sanne", "daan"), BRP),
        ),
    ),
    subject_id="sanne",
    home=Home(rented=Fact(True, BRP)),
)
VARIABLES = [
    step.variable
    for service in BIRTH_EVENT_SERVICES
    for step in (*service_rule(service).conditions, service_rule(service).amount)
]


def _times(action: Callable[[], object], runs: int) -> list[float]:
    for _ in range(20):  # warm-up: caches, parameters at the instant
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def raw_openfisca() -> None:
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system(), SITUATION)
    for period in ("2025-07", "2025-08", "2025-10"):
        for variable in VARIABLES:
            simulation.calculate(variable, period)


def explained() -> None:
    evaluation = evaluate(SANNE, DEMO_DAY, BIRTH_EVENT_SERVICES)
    for result in evaluation.results:
        explain(result, "nl")


def _fact(value: object, source: str = BRP) -> dict[str, object]:
    return {"value": value, "source": source}


def _api_adult(pid: str, born: str, income: int, partner: str) -> dict[str, object]:
    return {
        "id": pid,
        "birthDate": _fact(born),
        "partner": _fact(partner),
        "parents": _fact([]),
        "yearlyIncome": _fact(income, INCOME),
        "assets": _fact(10_000, INCOME),
        "healthInsured": _fact(True, "registry:zvw"),
        "resident": _fact(True),
    }


API_BODY = {
    "date": DEMO_DAY.isoformat(),
    "subject": "sanne",
    "services": list(BIRTH_EVENT_SERVICES),
    "persons": [
        _api_adult("sanne", "1994-03-02", 26_000, "daan"),
        _api_adult("daan", "1992-01-10", 34_000, "sanne"),
        {
            "id": "noor",
            "birthDate": _fact("2025-06-19"),
            "partner": _fact(None),
            "parents": _fact(["sanne", "daan"]),
        },
    ],
    "home": {"rented": _fact(True)},
}


def openfisca_body() -> dict[str, dict[str, dict[str, object]]]:
    """SITUATION asking for every variable the birth-event services read, in both periods."""
    body: dict[str, dict[str, dict[str, object]]] = {
        group: {key: dict(entity) for key, entity in members.items()}  # type: ignore[attr-defined]
        for group, members in SITUATION.items()
    }
    variables = tax_benefit_system().variables
    for name in VARIABLES:
        group = "personen" if variables[name].entity.key == "persoon" else "huishoudens"
        for entity in body[group].values():
            entity.setdefault(name, {})
            for period in ("2025-07", "2025-10"):
                entity[name][period] = None  # type: ignore[index]
    return body


def over_http(seconds: float, connections: int, workers: int) -> None:
    with lifegate_server(8767, workers) as base:
        ours, ours_ms = load(
            f"{base}/api/v1/eligibility/evaluations",
            API_BODY,
            connections=connections,
            seconds=seconds,
        )
    with openfisca_server(8768, workers) as base:
        theirs, theirs_ms = load(
            f"{base}/calculate", openfisca_body(), connections=connections, seconds=seconds
        )
    print(f"over HTTP on loopback: {workers} workers each, {connections} connections, {seconds} s")
    base_p95, ours_p95 = _p(theirs_ms, 95), _p(ours_ms, 95)
    print(f"  baseline openfisca serve /calculate: {theirs:.0f} req/s (p95 {base_p95:.1f} ms)")
    print(f"  lifegate POST /eligibility/evaluations: {ours:.0f} req/s (p95 {ours_p95:.1f} ms)")
    ratio = ours / theirs
    verdict = "met" if ratio >= 1.5 else "NOT met"
    print(f"  ratio: {ratio:.2f}x its throughput; target >= 1.5x: {verdict}")


def _p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100)[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    runs = args.runs
    tax_benefit_system()
    base = _times(raw_openfisca, runs)
    ours = _times(explained, runs)
    print(f"household, {len(BIRTH_EVENT_SERVICES)} birth-event services, {runs} runs")
    figures = {"baseline": base, "ours": ours}
    p50, p95 = ({k: _p(v, q) for k, v in figures.items()} for q in (50, 95))
    name = f"baseline raw OpenFisca ({len(VARIABLES)} variables x 3 periods)"
    print(f"  {name}: p50 {p50['baseline']:.2f} ms  p95 {p95['baseline']:.2f} ms")
    print(f"  lifegate evaluate + explain (nl): p50 {p50['ours']:.2f} ms  p95 {p95['ours']:.2f} ms")
    verdict = "met" if p95["ours"] < 25 else "NOT met"
    print(f"  ratio (ours / baseline, p50): {p50['ours'] / p50['baseline']:.2f}x")
    print(f"  target p95 < 25 ms: {verdict}")
    over_http(args.seconds, args.connections, args.workers)


if __name__ == "__main__":
    main()
