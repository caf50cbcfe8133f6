# SPDX-License-Identifier: EUPL-1.2
"""Distributions: the CSV follows its Table Schema and the Parquet file holds the same rows."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from lifegate.opendata.datasets import TABLES, table_schema
from lifegate.opendata.publishing import publish
from tests.opendata.conftest import TODAY

pytestmark = pytest.mark.django_db


def _check_value(field, text):
    if text == "":
        assert not field["constraints"].get("required"), field["name"]
    elif field["type"] == "integer":
        assert int(text) >= field["constraints"]["minimum"]
    elif field["type"] == "yearmonth":
        assert len(text) == 7 and text[4] == "-"


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.id)
def test_each_csv_matches_its_table_schema_and_its_parquet_twin(home, synthetic, spec):
    publish("2025-06", activity=synthetic, today=TODAY)
    folder = home / "opendata" / "2025-06" / "v1"

    schema = json.loads((folder / f"{spec.id}.schema.json").read_text())
    reader = csv.DictReader(io.StringIO((folder / f"{spec.id}.csv").read_text()))
    rows = list(reader)
    parquet = pq.read_table(folder / f"{spec.id}.parquet").to_pylist()

    assert schema == table_schema(spec)
    assert [f["name"] for f in schema["fields"]] == reader.fieldnames
    for row in rows:
        for field in schema["fields"]:
            _check_value(field, row[field["name"]])
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in parquet]
    assert as_text == rows
