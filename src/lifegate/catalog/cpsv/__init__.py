# SPDX-License-Identifier: EUPL-1.2
"""The catalog's pure linked-data core: content → CPSV-AP 3.2 graph → content.

No Django and no IO except reading the content files and the SHACL shapes.
"""

from lifegate.catalog.cpsv.checks import ContentProblem
from lifegate.catalog.cpsv.graph import build_graph, build_service_graph, service_catalog
from lifegate.catalog.cpsv.loading import (
    CONTENT_DIR,
    ContentError,
    check_content,
    load_catalog,
    parse_catalog,
    read_content,
)
from lifegate.catalog.cpsv.model import Catalog, Service
from lifegate.catalog.cpsv.reading import GraphContentError
from lifegate.catalog.cpsv.reverse import graph_to_content
from lifegate.catalog.cpsv.serialise import parse_rdf, serialise, to_jsonld, to_turtle
from lifegate.catalog.cpsv.validation import (
    ImportResult,
    Violation,
    import_rdf,
    official_shapes,
    profile_shapes,
    validate,
    validate_all,
)
from lifegate.catalog.cpsv.vocab import DEFAULT_BASE

__all__ = [
    "CONTENT_DIR",
    "DEFAULT_BASE",
    "Catalog",
    "ContentError",
    "ContentProblem",
    "GraphContentError",
    "ImportResult",
    "Service",
    "Violation",
    "build_graph",
    "build_service_graph",
    "check_content",
    "graph_to_content",
    "import_rdf",
    "load_catalog",
    "official_shapes",
    "parse_catalog",
    "parse_rdf",
    "profile_shapes",
    "read_content",
    "serialise",
    "service_catalog",
    "to_jsonld",
    "to_turtle",
    "validate",
    "validate_all",
]
