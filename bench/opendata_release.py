# SPDX-License-Identifier: EUPL-1.2
"""How long one month's release takes to compute (pure core, no database).

uv run python -m bench.opendata_release --persons 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from lifegate.demo.population import generate_population
from lifegate.opendata.aggregate import build_release
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.records import Period
from lifegate.opendata.sources import public_domain
from lifegate.opendata.synthetic import SyntheticActivity, residents_from_persons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=20_000)
    args = parser.parse_args()
    population = generate_population(args.persons, seed=1, today=dt.date(2025, 1, 1))
    source = SyntheticActivity(residents_from_persons(population.persons), public_domain())
    started = time.perf_counter()
    records = list(source.records(Period(2025, 6)))
    generated = time.perf_counter()
    release = build_release(Period(2025, 6), records, public_domain(), PrivacyParameters())
    done = time.perf_counter()
    rows = sum(len(r) for r in release.rows.values())
    print(f"{len(records)} records generated in {generated - started:.2f} s")
    print(f"release: {rows} rows, ε = {release.epsilon:g}, in {done - generated:.2f} s")


if __name__ == "__main__":
    main()
