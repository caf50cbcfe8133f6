# SPDX-License-Identifier: EUPL-1.2
"""Journeys show the stored catalog: officials' edits and imported services reach the steps
without a restart; drafts and deleted services do not appear."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.catalog import services as catalog
from lifegate.catalog.cpsv import parse_rdf
from lifegate.catalog.models import Organisation, Service
from tests.cases.conftest import signed_in
from tests.catalog.officials import catalog_official
from tests.catalog.test_admin import _form

pytestmark = pytest.mark.django_db
FLANDERS = Path(__file__).parents[1] / "catalog" / "data" / "flanders-groeipakket.ttl"
PLAIN = FLANDERS.with_name("flanders-groeipakket-plain.ttl")
JOURNEY_PAGE = {"nl": "/nl/levensgebeurtenissen/{}", "en": "/en/life-events/{}"}


def _official_of(organisation: str) -> Client:
    """An official of `organisation` signed in to the catalog admin."""
    return catalog_official(organisation, f"ambtenaar-{organisation}")


def _names(journey: cases.Journey, language: str) -> dict[str, str]:
    return {s.service: s.name for s in cases.steps_of(journey, language)}


def _import_into_birth(path: Path) -> catalog.ImportReport:
    """Import the Flemish catalog with its service grouped under our `birth` event."""
    turtle = path.read_text(encoding="utf-8").replace(
        'dct:identifier "vl-kind-krijgen"', 'dct:identifier "birth"'
    )
    assert parse_rdf(turtle, "turtle")  # still valid Turtle after the rewrite
    return catalog.import_catalog(turtle, "turtle")


def test_an_officials_new_service_name_shows_in_the_journey_in_dutch_and_english(
    population, journey
):
    assert _names(journey, "en")["kinderbijslag"] == "Child benefit"
    service = Service.objects.get(identifier="kinderbijslag")
    name = {"nl": "Kinderbijslag (AKW)", "en": "Child benefit (AKW)"}

    saved = _official_of("svb").post(
        f"/en/admin/catalog/service/{service.pk}/change/", _form(service, name=name)
    )

    assert saved.status_code == 302
    assert _names(journey, "nl")["kinderbijslag"] == "Kinderbijslag (AKW)"
    assert _names(journey, "en")["kinderbijslag"] == "Child benefit (AKW)"
    sanne = signed_in(population["sanne"])
    for language, text in (("nl", "Kinderbijslag (AKW)"), ("en", "Child benefit (AKW)")):
        page = sanne.get(JOURNEY_PAGE[language].format(journey.id)).content.decode()
        assert text in page


def test_an_officials_new_organisation_name_shows_as_the_steps_agency(population, journey):
    before = {s.service: s.agencies for s in cases.steps_of(journey, "en")}
    assert before["kinderbijslag"] == "Social Insurance Bank"
    svb = Organisation.objects.get(identifier="svb")
    form = {
        "identifier": "svb", "kind": svb.kind, "country": svb.country,
        "municipality_code": "", "website": svb.website, "email": svb.email,
        "phone": svb.phone, "oin": svb.oin,
        "name": '{"nl": "SVB (Sociale Verzekeringsbank)", "en": "SVB (Social Insurance Bank)"}',
    }  # fmt: skip

    saved = _official_of("svb").post(f"/en/admin/catalog/organisation/{svb.pk}/change/", form)

    assert saved.status_code == 302
    after = {s.service: s.agencies for s in cases.steps_of(journey, "en")}
    assert after["kinderbijslag"] == "SVB (Social Insurance Bank)"
    dutch = {s.service: s.agencies for s in cases.steps_of(journey, "nl")}
    assert dutch["kinderbijslag"] == "SVB (Sociale Verzekeringsbank)"


def test_a_complete_imported_service_of_the_event_appears_in_its_journey(population, journey):
    assert "groeipakket" not in _names(journey, "nl")

    report = _import_into_birth(FLANDERS)

    assert report.ok and report.created == ("groeipakket",)
    steps = {s.service: s for s in cases.steps_of(journey, "en")}
    assert steps["groeipakket"].name == "Growth package (Flemish child benefit)"
    assert steps["groeipakket"].agencies == "Opgroeien (Flemish agency for growing up)"
    assert steps["groeipakket"].state == "to-do"
    assert _names(journey, "nl")["groeipakket"] == "Groeipakket"
    assert "kinderbijslag" in steps  # the event's own services are still there


def test_an_incomplete_draft_does_not_appear_until_it_is_complete(population, journey):
    draft = _import_into_birth(PLAIN)
    assert draft.incomplete.get("groeipakket")

    assert "groeipakket" not in _names(journey, "en")

    _import_into_birth(FLANDERS)
    assert "groeipakket" in _names(journey, "en")


def test_a_deleted_service_leaves_the_journey_and_its_offer_cannot_be_accepted(
    population, journey, admin_client
):
    offer = Offer.objects.get(service="kinderbijslag", state="open")
    service = Service.objects.get(identifier="kinderbijslag")

    admin_client.post(f"/en/admin/catalog/service/{service.pk}/delete/", {"post": "yes"})

    assert not Service.objects.filter(identifier="kinderbijslag").exists()
    assert "kinderbijslag" not in _names(journey, "en")
    with pytest.raises(cases.ProblemError) as refused:
        cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    assert cases.code_of(refused.value) == "not-applicable"
    assert Offer.objects.get(id=offer.id).state == "open"


def test_an_unchanged_catalog_is_not_read_again_for_the_next_journey_page(population, journey):
    cases.steps_of(journey, "en")

    with CaptureQueriesContext(connection) as queries:
        cases.steps_of(journey, "en")

    read = [q["sql"] for q in queries.captured_queries if '"catalog_service"' in q["sql"]]
    assert read == []
    assert len(queries.captured_queries) <= 4  # the version, the offers, the cases
