# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: the catalog loaded once, and its graph built once, per test session."""

from __future__ import annotations

import pytest
from rdflib import Graph

from lifegate.catalog.cpsv import Catalog, build_graph, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def catalog_graph(catalog: Catalog) -> Graph:
    return build_graph(catalog)
