# SPDX-License-Identifier: EUPL-1.2
"""Another government's CPSV-AP catalog, written by hand, loads with `lifegate catalog import`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lifegate.catalog.cpsv import official_shapes, parse_rdf, profile_shapes, validate
from lifegate.catalog.models import Organisation, Redress, Service
from tests.catalog.test_admin import _form

pytestmark = pytest.mark.django_db
FLANDERS = Path(__file__).parent / "data" / "flanders-groeipakket.ttl"


def _import(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("catalog", "import", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_a_dry_run_of_a_foreign_catalog_reports_the_new_service_and_writes_nothing(seeded):
    report = _import(FLANDERS, "--dry-run")

    assert "1 service(s) would be created" in report
    assert "created: groeipakket" in report
    assert not Service.objects.filter(identifier="groeipakket").exists()
    assert not Organisation.objects.filter(identifier="opgroeien").exists()


def test_a_foreign_catalog_is_imported_next_to_ours_and_served_again(seeded, client):
    report = _import(FLANDERS)

    assert "1 service(s) were created, 0 updated, 0 unchanged" in report
    assert Service.objects.count() == 51
    listed = client.get("/api/v1/catalog/services", {"organisation": "opgroeien", "lang": "en"})
    assert [s["id"] for s in listed.json()["items"]] == ["groeipakket"]
    page = client.get("/nl/diensten/groeipakket").content.decode()
    assert "Kies uw uitbetaler" in page and "Opgroeien regie" in page
    assert "883/2004" in page
    exported = parse_rdf(
        client.get("/api/v1/catalog/services/groeipakket/cpsv-ap.ttl").content, "turtle"
    )
    assert validate(exported, official_shapes()) == []
    assert validate(exported, profile_shapes()) == []


def test_importing_the_same_foreign_catalog_again_changes_nothing(seeded):
    _import(FLANDERS)

    again = _import(FLANDERS)

    assert "0 service(s) were created, 0 updated, 1 unchanged" in again
    assert Service.objects.get(identifier="groeipakket").history.count() == 1


PLAIN = FLANDERS.with_name("flanders-groeipakket-plain.ttl")
MISSING = "incomplete: groeipakket lacks lg:deadline, lg:redress, lg:step"


def test_the_plain_file_passes_the_official_shapes_and_lacks_only_sdg_items():
    graph = parse_rdf(PLAIN.read_bytes(), "turtle")

    assert "w3id.org/lifegate" not in PLAIN.read_text(encoding="utf-8").split("@prefix", 1)[1]
    assert validate(graph, official_shapes()) == []
    assert {v.path for v in validate(graph, profile_shapes())} == {
        "lg:deadline",
        "lg:redress",
        "lg:step",
    }


def test_a_plain_cpsv_ap_catalog_is_imported_as_incomplete_listing_what_is_missing(seeded):
    report = _import(PLAIN)

    assert "1 service(s) were created, 0 updated, 0 unchanged" in report
    assert "1 service(s) are incomplete: not shown to citizens" in report
    assert MISSING in report
    row = Service.objects.get(identifier="groeipakket")
    assert (row.complete, row.missing_sdg_items) == (
        False,
        ["lg:deadline", "lg:redress", "lg:step"],
    )
    assert row.steps == [] and row.redress is None
    assert Organisation.objects.get(identifier="opgroeien").email == "info@opgroeien.example"


def test_a_dry_run_of_a_plain_catalog_names_the_missing_items_and_writes_nothing(seeded):
    report = _import(PLAIN, "--dry-run")

    assert "1 service(s) would be incomplete" in report and MISSING in report
    assert not Service.objects.filter(identifier="groeipakket").exists()


def test_an_incomplete_service_is_not_shown_to_citizens(seeded, client):
    _import(PLAIN)

    listed = client.get("/api/v1/catalog/services", {"organisation": "opgroeien", "lang": "en"})
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert client.get("/api/v1/catalog/services/groeipakket").status_code == 404
    assert client.get("/nl/diensten/groeipakket").status_code == 404
    assert "Groeipakket" not in client.get("/nl/zoeken", {"q": "groeipakket"}).content.decode()
    assert b"service/groeipakket" not in client.get("/api/v1/catalog/cpsv-ap.ttl").content


def test_importing_the_same_plain_catalog_again_changes_nothing(seeded):
    _import(PLAIN)

    again = _import(PLAIN)

    assert "0 service(s) were created, 0 updated, 1 unchanged" in again
    assert MISSING in again
    assert Service.objects.get(identifier="groeipakket").history.count() == 1


def test_the_complete_catalog_later_completes_and_publishes_the_service(seeded, client):
    _import(PLAIN)

    report = _import(FLANDERS)

    assert "0 service(s) were created, 1 updated, 0 unchanged" in report
    assert "incomplete" not in report
    row = Service.objects.get(identifier="groeipakket")
    assert (row.complete, row.missing_sdg_items) == (True, [])
    assert "Kies uw uitbetaler" in client.get("/nl/diensten/groeipakket").content.decode()


def test_an_official_completes_an_incomplete_service_in_the_admin(seeded, admin_client):
    _import(PLAIN)
    service = Service.objects.get(identifier="groeipakket")
    url = f"/en/admin/catalog/service/{service.pk}/change/"
    assert "lg:step" in admin_client.get(url).content.decode()
    steps = [{"nl": "Kies uw uitbetaler.", "en": "Choose your payment agency."}]
    deadline = {"nl": "Binnen 5 jaar.", "en": "Within 5 years."}

    refused = admin_client.post(url, _form(service, deadline=deadline))
    assert refused.status_code == 200
    assert not Service.objects.get(pk=service.pk).complete
    admin_client.post(
        url, _form(service, steps=steps, deadline=deadline, redress=Redress.objects.all()[0].pk)
    )

    row = Service.objects.get(pk=service.pk)
    assert (row.complete, row.missing_sdg_items, row.steps) == (True, [], steps)
    assert admin_client.get("/en/services/groeipakket").status_code == 200


def test_a_plain_catalog_that_fails_the_official_shapes_is_refused(seeded, tmp_path):
    broken = PLAIN.read_text(encoding="utf-8").replace(
        'dct:identifier "groeipakket" ;', 'dct:identifier "groeipakket", "other" ;'
    )
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    errors = io.StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("catalog", "import", str(path), stdout=io.StringIO(), stderr=errors)

    assert "https://data.vlaanderen.example/id/service/groeipakket dct:identifier" in (
        errors.getvalue()
    )
    assert not Service.objects.filter(identifier="groeipakket").exists()
    assert not Organisation.objects.filter(identifier="opgroeien").exists()
