# SPDX-License-Identifier: EUPL-1.2
"""`lifegate catalog import FILE [--dry-run]`: all or nothing, with a report."""

import io

import pytest
from django.core.management import CommandError, call_command
from rdflib.compare import isomorphic

from lifegate.catalog import services
from lifegate.catalog.cpsv import parse_rdf
from lifegate.catalog.models import Service

pytestmark = pytest.mark.django_db

SUFFIX = {"turtle": "ttl", "json-ld": "jsonld"}


def _export(rdf_format: str) -> str:
    out = io.StringIO()
    call_command("catalog", "export", "--format", rdf_format, stdout=out)
    return out.getvalue()


def _import(path, *args: str) -> str:
    out = io.StringIO()
    call_command("catalog", "import", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("rdf_format", ["turtle", "json-ld"])
def test_export_import_export_through_the_database_is_isomorphic(seeded, tmp_path, rdf_format):
    first = _export(rdf_format)
    Service.objects.all().delete()
    path = tmp_path / f"catalog.{SUFFIX[rdf_format]}"
    path.write_text(first, encoding="utf-8")

    report = _import(path)

    assert "50 service(s) were created" in report
    assert "50/50 services written" in report
    assert isomorphic(parse_rdf(first, rdf_format), parse_rdf(_export(rdf_format), rdf_format))


@pytest.mark.slow
def test_a_dry_run_reports_and_writes_nothing(seeded, tmp_path):
    path = tmp_path / "catalog.ttl"
    path.write_text(_export("turtle"), encoding="utf-8")
    Service.objects.filter(identifier="aow").delete()

    report = _import(path, "--dry-run")

    assert "1 service(s) would be created" in report
    assert "Dry run: nothing was written." in report
    assert not Service.objects.filter(identifier="aow").exists()


@pytest.mark.slow
def test_a_graph_that_violates_the_shapes_writes_nothing_and_lists_node_and_property(
    seeded, tmp_path
):
    broken = _export("turtle").replace('dct:identifier "aow"', 'dct:description "aow"')
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    Service.objects.all().delete()

    with pytest.raises(CommandError, match="nothing was written") as raised:
        _import(path)

    assert Service.objects.count() == 0
    assert "violation" in str(raised.value)


def test_invalid_rdf_is_reported_without_writing(seeded, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is { not turtle", encoding="utf-8")

    report = services.import_catalog(path.read_bytes(), "turtle")

    assert not report.ok
    assert "not valid turtle" in report.violations[0].message


def test_a_file_of_unknown_format_is_refused_with_the_fix(db, tmp_path):
    path = tmp_path / "catalog.xml"
    path.write_text("<rdf/>", encoding="utf-8")

    with pytest.raises(CommandError, match=r"name it \.ttl or \.jsonld"):
        _import(path)
