# SPDX-License-Identifier: EUPL-1.2
"""One household, every "birth of a child" service with explanations, in-process.

Target (issue 5): p95 under 25 ms. Baseline measured in the same run: OpenFisca computing
the same variables (every condition and amount, in both periods) for the same household,
built the usual way with `build_from_entities`, without explanations.

In-process, the whole request too (Django's test client through every middleware); each
figure in wall-clock and CPU milliseconds, since on a shared machine the wall clock also
counts the time other work held the cores.

Over HTTP (target: at least 1.5x the throughput): `POST /api/v1/eligibility/evaluations`
served by `lifegate serve` (granian) against OpenFisca's own web API (`openfisca serve`,
gunicorn, `/calculate`) computing the same variables for the same household, both on
loopback with the same workers and threads (gunicorn's default of one thread per sync worker
made OpenFisca look 2x slower than with granian's 4), the same client and concurrency (the
standard library's keep-alive `http.client`, ~0.2 ms of CPU a request, where httpx took
~0.75 ms of the same two cores from both servers; see `rules_http.py`). Both
servers run at once and are loaded in alternating rounds, so both see the same load from
the rest of the machine; the servers' CPU per request is printed as well, and the load
average before and after. lifegate's per-address rate limit is off for the bench (one client
address sends thousands of requests; OpenFisca's server has none). Run:
`uv run --frozen python bench/rules_household.py [--runs 300] [--seconds 10] [--rounds 5]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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
from rules_http import THREADS, Server, lifegate_server, load, openfisca_server

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


def _times(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run: on a shared machine the wall clock also
    counts the time other processes held the cores, the CPU time only this work."""
    for _ in range(20):  # warm-up: caches, parameters at the instant
        action()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def _request() -> Callable[[], object]:
    """The whole request in-process: Django's test client through every middleware."""
    from _rules_django import setup  # noqa: PLC0415 - Django only for this measurement

    setup()
    from django.test import Client  # noqa: PLC0415

    client, body = Client(), json.dumps(API_BODY)

    def post() -> object:
        response = client.post(
            "/api/v1/eligibility/evaluations", body, content_type="application/json"
        )
        if response.status_code != 200:
            raise RuntimeError(f"the API answered {response.status_code}: {response.content!r}")
        return response

    return post


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


@dataclass
class Tally:
    """One server's requests over the interleaved rounds."""

    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # the server's CPU seconds (all its processes)
    latencies: list[float] = field(default_factory=list)

    def add(self, server: Server, url: str, body: object, connections: int, seconds: float) -> None:
        before = server.cpu_seconds()
        rate, latencies = load(url, body, connections=connections, seconds=seconds)
        self.cpu += server.cpu_seconds() - before
        self.requests += len(latencies)
        self.seconds += len(latencies) / rate
        self.latencies += latencies

    def line(self, name: str) -> str:
        rate, cpu_ms = self.requests / self.seconds, self.cpu / self.requests * 1000
        p95 = _p(self.latencies, 95)
        return f"  {name}: {rate:.0f} req/s (p95 {p95:.1f} ms), server CPU {cpu_ms:.1f} ms/request"


def over_http(seconds: float, connections: int, workers: int, rounds: int) -> None:
    """Both servers up at once, loaded in turns, so that both see the same machine load."""
    ours, theirs = Tally(), Tally()
    load_before = os.getloadavg()[0]
    with lifegate_server(8767, workers) as lifegate, openfisca_server(8768, workers) as openfisca:
        ours_url = f"{lifegate.url}/api/v1/eligibility/evaluations"
        theirs_url, theirs_body = f"{openfisca.url}/calculate", openfisca_body()
        for _ in range(rounds):
            ours.add(lifegate, ours_url, API_BODY, connections, seconds / rounds)
            theirs.add(openfisca, theirs_url, theirs_body, connections, seconds / rounds)
    print(
        f"over HTTP on loopback: {connections} keep-alive connections, the same client for both"
        f" (http.client), {seconds} s each in {rounds} alternating rounds"
        f" (load average {load_before:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores)"
    )
    print(f"  lifegate serve: granian, {workers} workers x {THREADS} threads")
    print(f"  openfisca serve: gunicorn (gthread), {workers} workers x {THREADS} threads")
    print(theirs.line("baseline openfisca serve /calculate"))
    print(ours.line("lifegate POST /eligibility/evaluations"))
    ratio = (ours.requests / ours.seconds) / (theirs.requests / theirs.seconds)
    cpu_ratio = (theirs.cpu / theirs.requests) / (ours.cpu / ours.requests)
    verdict = "met" if ratio >= 1.5 else "NOT met"
    print(f"  ratio: {ratio:.2f}x its throughput; target >= 1.5x: {verdict}")
    print(f"  ratio of server CPU per request (independent of other load): {cpu_ratio:.2f}x")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def _p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100)[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="alternations of the two servers")
    args = parser.parse_args()
    runs = args.runs
    tax_benefit_system()
    figures = {
        f"baseline raw OpenFisca ({len(VARIABLES)} variables x 3 periods)": _times(
            raw_openfisca, runs
        ),
        "lifegate evaluate + explain (nl)": _times(explained, runs),
        "lifegate POST in-process (test client, all middleware)": _times(_request(), runs),
    }
    print(f"household, {len(BIRTH_EVENT_SERVICES)} birth-event services, {runs} runs each")
    for name, (wall, cpu) in figures.items():
        print(f"  {name}:")
        print(f"    wall p50 {_p(wall, 50):.2f} ms  p95 {_p(wall, 95):.2f} ms", end="")
        print(f"  | CPU p50 {_p(cpu, 50):.2f} ms  p95 {_p(cpu, 95):.2f} ms")
    wall, cpu = figures["lifegate POST in-process (test client, all middleware)"]
    print(
        f"  target p95 < 25 ms in-process (whole request): wall {_verdict(_p(wall, 95) < 25)},"
        f" CPU {_verdict(_p(cpu, 95) < 25)} (load average {os.getloadavg()[0]:.1f}"
        f" on {os.cpu_count()} cores)"
    )
    over_http(args.seconds, args.connections, args.workers, args.rounds)


if __name__ == "__main__":
    main()
