# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: the catalog loaded once, its graph built once, and a seeded database."""

from __future__ import annotations

import pytest
from rdflib import Graph

from lifegate.catalog import services
from lifegate.catalog.cpsv import Catalog, build_graph, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def catalog_graph(catalog: Catalog) -> Graph:
    return build_graph(catalog)


@pytest.fixture
def seeded(db) -> None:
    """The demo government's organisations and the whole catalog, as `seed_demo` writes it."""
    services.seed_organisations()
