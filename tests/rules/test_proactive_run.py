# SPDX-License-Identifier: EUPL-1.2
"""`lifegate proactive run`: offers in the database, the same locally and on Dask, per date."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from lifegate.demo import services as demo
from lifegate.demo.population import generate_population, write_parquet
from lifegate.rules import services
from lifegate.rules.models import EligibilityOffer, ProactiveRun
from lifegate.rules.population import read_population, run_local
from lifegate.rules.proactive import run_proactive

ON = dt.date(2025, 7, 1)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("population")
    write_parquet(generate_population(1_500, seed=11, today=ON), folder)
    return folder


def _offers() -> list[tuple[object, ...]]:
    return list(
        EligibilityOffer.objects.order_by("person_id", "service").values_list(
            "person_id", "service", "status", "amount", "period", "start_date", "household_key"
        )
    )


def test_the_command_writes_offers_and_a_summary(parquet: Path) -> None:
    out = io.StringIO()

    call_command("proactive", "run", "--as-of", "2025-07-01", "--parquet", str(parquet), stdout=out)

    run = ProactiveRun.objects.get(as_of=ON)
    assert run.offers == EligibilityOffer.objects.filter(as_of=ON).count() > 0
    assert f"{run.offers:,} offers" in out.getvalue()
    assert "kinderbijslag" in out.getvalue()


def test_the_offers_read_back_are_exactly_those_the_run_computed(parquet: Path) -> None:
    computed = run_local(read_population(parquet), ON)

    run_proactive(ON, parquet=parquet)

    expected = [
        (
            r["person_id"],
            r["service"],
            r["status"],
            None if r["amount"] is None else Decimal(f"{r['amount']:.2f}"),
            r["period"],
            r["start_date"],
            r["household_key"],
        )
        for r in computed.to_pylist()
    ]
    assert _offers() == expected
    assert {status for _, _, status, *_ in expected} == {"entitled", "need_more_info"}


def test_local_and_dask_write_identical_offers(parquet: Path) -> None:
    run_proactive(ON, parquet=parquet, engine="local")
    local = _offers()

    run_proactive(ON, parquet=parquet, engine="dask")

    assert _offers() == local
    assert EligibilityOffer.objects.values("run_id").distinct().count() == 1


def test_running_a_date_again_replaces_its_offers(parquet: Path) -> None:
    first = run_proactive(ON, parquet=parquet)

    second = run_proactive(ON, parquet=parquet)

    assert second.run_id != first.run_id
    assert ProactiveRun.objects.count() == 1
    assert EligibilityOffer.objects.count() == second.offers == first.offers


def test_the_run_reads_the_population_from_the_database_too(parquet: Path) -> None:
    population = generate_population(1_500, seed=11, today=ON)
    demo.load_population(population, persons=1_500, seed=11, reference_date=ON)
    from_files = run_proactive(ON, parquet=parquet)
    files = _offers()

    from_database = run_proactive(ON)

    assert from_database.offers == from_files.offers
    assert _offers() == files


def test_a_person_sees_the_offers_of_the_latest_run(parquet: Path) -> None:
    run_proactive(ON, parquet=parquet)
    person_id = EligibilityOffer.objects.filter(service="kinderbijslag").first().person_id  # type: ignore[union-attr]

    offers = services.offers_for_person(person_id)

    assert "kinderbijslag" in [offer.service for offer in offers]
    assert {offer.as_of for offer in offers} == {ON}
