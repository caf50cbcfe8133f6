# SPDX-License-Identifier: EUPL-1.2
"""The database holds the content files without loss; seeding is idempotent."""

import pytest
from rdflib.compare import isomorphic

from lifegate.catalog import services, store
from lifegate.catalog.cpsv import build_graph
from lifegate.catalog.models import Service

pytestmark = pytest.mark.django_db


def test_the_seeded_database_gives_the_same_graph_as_the_content_files(seeded, catalog_graph):
    assert isomorphic(build_graph(store.read_catalog()), catalog_graph)


def test_seeding_again_changes_nothing_and_adds_no_history(seeded, catalog):
    versions = Service.history.count()

    counts = services.seed_catalog()

    assert counts == services.SeedCounts(unchanged=len(catalog.services))
    assert Service.history.count() == versions == len(catalog.services)


def test_a_service_an_official_changed_keeps_the_officials_version_on_the_next_seed(seeded):
    row = Service.objects.get(identifier="kinderbijslag")
    row.name = {**row.name, "en": "Child benefit (SVB)"}
    store.record_version(row, created=False, reason="admin", user=None)
    row.save()

    services.seed_catalog()

    assert Service.objects.get(identifier="kinderbijslag").name["en"] == "Child benefit (SVB)"


def test_the_references_keep_the_order_of_the_content(seeded, catalog):
    stored = store.read_catalog().service("aangifte-geboorte")

    assert stored.authorities == catalog.service("aangifte-geboorte").authorities
