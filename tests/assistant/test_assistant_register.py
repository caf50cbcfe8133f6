# SPDX-License-Identifier: EUPL-1.2
"""The algorithm register: public pages in both languages, CSV and JSON exports with the
Algoritmeregister fields, and the finder's latest evaluation figures."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from lifegate.assistant import register

pytestmark = pytest.mark.django_db
ENTRIES = {"service-finder", "eligibility-rules", "proactive-triggers"}


def test_the_register_file_has_every_field_in_both_languages():
    entries = register.load_register()

    assert {e.id for e in entries} == ENTRIES
    assert all(e.text(f, lang) for e in entries for f in register.FIELDS for lang in ("nl", "en"))


@pytest.mark.parametrize(
    ("path", "heading", "field"),
    [
        ("/nl/algoritmeregister", "Algoritmeregister", "Menselijke tussenkomst"),
        ("/en/algorithm-register", "Algorithm register", "Human involvement"),
    ],
)
def test_the_register_page_lists_every_entry(client, path, heading, field):
    page = client.get(path).content.decode()

    assert heading in page
    assert field in page
    assert all(f'id="entry-{e}"' for e in ENTRIES)


def test_an_entry_has_its_own_page(client):
    page = client.get("/en/algorithm-register/proactive-triggers").content.decode()

    assert "Proactive triggers" in page
    assert client.get("/en/algorithm-register/no-such-entry").status_code == 404


def test_the_csv_export_has_one_row_per_entry_and_a_column_per_field_and_language(client):
    response = client.get("/en/algorithm-register.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert {r["id"] for r in rows} == ENTRIES
    assert {f"{f}_{lang}" for f in register.FIELDS for lang in ("nl", "en")} <= set(rows[0])


def test_the_json_export_and_the_api_agree(client):
    exported = client.get("/nl/algoritmeregister.json").json()
    api = client.get("/api/v1/assistant/algorithms").json()

    assert [e["id"] for e in exported] == [e["id"] for e in api]
    assert api == exported
    assert api[0]["howItWorks"]["en"]


def test_evaluate_prints_the_figures_and_the_register_shows_them(client):
    out = io.StringIO()

    call_command("assistant", "evaluate", stdout=out)

    printed = out.getvalue()
    assert "top-1" in printed and "top-3" in printed and "MRR" in printed
    assert "held-out     nl" in printed and "held-out     en" in printed
    entry = client.get("/en/algorithm-register/service-finder").content.decode()
    assert "Latest evaluation" in entry and "held-out questions: NL top-1" in entry
    assert "Blind questions top-3: NL" in entry
