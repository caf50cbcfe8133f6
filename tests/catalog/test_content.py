# SPDX-License-Identifier: EUPL-1.2
"""The seeded content is complete in Dutch and English and every reference resolves."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from lifegate.catalog.cpsv import Catalog, check_content, load_catalog, read_content
from lifegate.catalog.cpsv.loading import ContentError, Entry, RawContent

EVENT_IDS = [
    "birth",
    "moving-within-nl",
    "moving-to-nl",
    "moving-abroad",
    "studying-abroad",
    "turning-18",
    "retirement",
    "losing-job",
    "death-of-relative",
    "starting-business",
]
RULES_ENGINE_SERVICE_IDS = [
    "kinderbijslag",
    "zorgtoeslag",
    "kindgebonden-budget",
    "aow",
    "huurtoeslag",
    "studiefinanciering",
]
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_the_seeded_content_has_no_problems():
    problems = check_content(read_content())

    assert [str(p) for p in problems] == []


def test_the_catalog_has_at_least_fifty_services(catalog: Catalog):
    assert len(catalog.services) >= 50


def test_at_least_ten_organisations_are_competent_for_a_service(catalog: Catalog):
    used = {a for service in catalog.services for a in service.authorities}

    assert len(used) >= 10


@pytest.mark.parametrize("event_id", EVENT_IDS)
def test_each_required_event_exists_with_services(catalog: Catalog, event_id: str):
    events = {e.id: e for e in catalog.events}

    assert event_id in events
    assert any(event_id in s.events for s in catalog.services)


def test_starting_a_business_is_a_business_event_and_the_rest_are_life_events(catalog: Catalog):
    kinds = {e.id: e.kind for e in catalog.events}

    assert kinds["starting-business"] == "business"
    assert {kinds[e] for e in EVENT_IDS if e != "starting-business"} == {"life"}


@pytest.mark.parametrize("service_id", RULES_ENGINE_SERVICE_IDS)
def test_each_service_the_rules_engine_uses_exists(catalog: Catalog, service_id: str):
    assert catalog.service(service_id).id == service_id


def test_every_service_id_is_kebab_case(catalog: Catalog):
    assert [s.id for s in catalog.services if not KEBAB.match(s.id)] == []


def _texts_of(catalog: Catalog):
    for s in catalog.services:
        yield s.id, "name", s.name
        yield s.id, "description", s.description
        yield s.id, "deadline", s.deadline
        yield s.id, "output.name", s.output.name
        yield s.id, "output.description", s.output.description
        for i, step in enumerate(s.steps):
            yield s.id, f"steps[{i}]", step
        for i, requirement in enumerate(s.requirements):
            yield s.id, f"requirements[{i}]", requirement.name
        for i, cost in enumerate(s.costs):
            yield s.id, f"costs[{i}]", cost.description


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_service_text_exists_in_dutch_and_english(catalog: Catalog, language: str):
    missing = [(sid, f) for sid, f, text in _texts_of(catalog) if not text.get(language)]

    assert missing == []


def test_the_cited_kindgebonden_budget_law_is_the_corrected_bwb_id(catalog: Catalog):
    laws = {r.id: r for r in catalog.legal_resources}

    assert laws["wkb"].local_id == "BWBR0022751"
    assert "BWBR0019892" not in {r.local_id for r in catalog.legal_resources}


def test_every_dutch_law_links_to_wetten_overheid_nl_by_its_bwb_id(catalog: Catalog):
    dutch = [r for r in catalog.legal_resources if r.local_id.startswith("BWBR")]

    assert [r.id for r in dutch if r.uri != f"https://wetten.overheid.nl/{r.local_id}"] == []


def test_every_non_information_service_names_eid_means_and_a_level(catalog: Catalog):
    lacking = [s.id for s in catalog.services if s.mode != "information" and s.eid is None]

    assert lacking == []


def _raw_with(change) -> RawContent:
    raw = copy.deepcopy(read_content())
    kinds = {k: [Entry(e.source, copy.deepcopy(e.data)) for e in v] for k, v in raw.items()}
    change(kinds)
    return kinds


def _aow(raw: RawContent) -> dict[str, Any]:
    return next(e.data for e in raw["services"] if e.data["id"] == "aow")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: d["description"].pop("en"), "description.en", "missing text in en"),
        (lambda d: d["name"].update(en=" "), "name.en", "missing text in en"),
        (lambda d: d.update(authorities=[]), "authorities", "at least 1"),
        (lambda d: d.pop("legal_resources"), "legal_resources", "is required"),
        (lambda d: d.update(legal_resources=["no-such-law"]), "legal_resources", "no-such-law"),
        (lambda d: d.update(events=["wedding"]), "events", "no events with id 'wedding'"),
        (lambda d: d.pop("eid"), "eid", "information-only"),
        (lambda d: d.update(processing_time="8 weeks"), "processing_time", "ISO 8601"),
        (lambda d: d.update(channels=["fax"]), "channels[0]", "must be one of"),
        (lambda d: d["costs"][0].update(amount=-1), "costs[0].amount", "≥ 0"),
        (lambda d: d.update(colour="blue"), "colour", "unknown field"),
        (lambda d: d["steps"][0].update({"of later": "x"}), "steps[0].of later", "language code"),
    ],
)
def test_an_incomplete_service_is_refused_with_a_message_naming_the_field(change, field, message):
    raw = _raw_with(lambda kinds: change(_aow(kinds)))

    problems = [p for p in check_content(raw) if "aow" in p.where]

    assert any(p.field == field and message in p.message for p in problems), problems


def test_loading_content_with_problems_raises_with_every_problem(tmp_path: Path):
    (tmp_path / "events.yaml").write_text(
        "events:\n  - id: birth\n    kind: life\n    name: {nl: Geboorte}\n", encoding="utf-8"
    )

    with pytest.raises(ContentError) as raised:
        load_catalog(tmp_path)

    fields = {p.field for p in raised.value.problems}
    assert {"name.en", "description", "eu_type", "eu_type_label"} <= fields
