# SPDX-License-Identifier: EUPL-1.2
"""The open-data catalogue as DCAT-AP 3.0.1 with the High-Value Datasets properties.

Every code-list concept and location the graph points to is typed in the graph
(`skos:Concept`, `dct:Location`, ...), as the official SHACL shapes require.
Pure: no Django, no IO.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from lifegate.catalog.cpsv.model import LangText
from lifegate.opendata.catalogue import (
    HVD_REGULATION,
    HVD_STATISTICS,
    LICENCE,
    SPATIAL_NL,
    DatasetInfo,
    FileInfo,
    Publisher,
)

DCATAP = Namespace("http://data.europa.eu/r5r/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
THEME = URIRef(f"{EU}data-theme/GOVE")
FILE_TYPES = {"text/csv": "CSV", "application/vnd.apache.parquet": "PARQUET"}


def _text(graph: Graph, node: URIRef | BNode, prop: URIRef, text: LangText) -> None:
    for language, value in text.items():
        graph.add((node, prop, Literal(value, lang=language)))


def _typed(graph: Graph, uri: str, kind: URIRef, label: str = "") -> URIRef:
    node = URIRef(uri)
    graph.add((node, RDF.type, kind))
    if label:
        graph.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    return node


def _resource(graph: Graph, uri: str) -> URIRef:
    """An address (access, download or endpoint URL), typed as the shapes ask."""
    return _typed(graph, uri, RDFS.Resource)


def _agent(graph: Graph, publisher: Publisher) -> URIRef:
    agent = URIRef(publisher.url("open-data/id/publisher"))
    graph.add((agent, RDF.type, FOAF.Agent))
    _text(graph, agent, FOAF.name, publisher.name)
    return agent


def _contact(graph: Graph, publisher: Publisher) -> BNode:
    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(publisher.name["en"], lang="en")))
    graph.add((contact, VCARD.hasEmail, _resource(graph, f"mailto:{publisher.email}")))
    return contact


def _common(graph: Graph, node: URIRef, publisher: Publisher) -> None:
    """What the HVD Regulation asks of every dataset, distribution and data service."""
    graph.add((node, DCATAP.applicableLegislation, URIRef(HVD_REGULATION)))
    graph.add((node, DCATAP.hvdCategory, URIRef(HVD_STATISTICS)))


def _vocabulary(graph: Graph) -> None:
    _typed(graph, HVD_REGULATION, ELI.LegalResource)
    _typed(graph, HVD_STATISTICS, SKOS.Concept, "Statistics")
    _typed(graph, f"{EU}data-theme/GOVE", SKOS.Concept, "Government and public sector")
    _typed(graph, SPATIAL_NL, DCTERMS.Location)
    _typed(graph, LICENCE, DCTERMS.LicenseDocument)
    _typed(graph, str(SPDX.checksumAlgorithm_sha256), SPDX.ChecksumAlgorithm)
    for media_type, file_type in FILE_TYPES.items():
        _typed(graph, f"{IANA}{media_type}", DCTERMS.MediaType)
        _typed(graph, f"{EU}file-type/{file_type}", DCTERMS.MediaTypeOrExtent)


def _checksum(graph: Graph, sha256: str) -> BNode:
    checksum = BNode()
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    return checksum


def _distribution(graph: Graph, item: FileInfo, dataset: DatasetInfo, pub: Publisher) -> URIRef:
    node = URIRef(pub.url(f"open-data/id/{item.period}/v{item.version}/{item.name}"))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(f"{item.period} v{item.version} ({item.format})")))
    graph.add((node, DCAT.accessURL, _resource(graph, dataset.page)))
    graph.add((node, DCAT.downloadURL, _resource(graph, item.url)))
    graph.add((node, DCAT.mediaType, URIRef(f"{IANA}{item.media_type}")))
    graph.add((node, DCTERMS.format, URIRef(f"{EU}file-type/{FILE_TYPES[item.media_type]}")))
    graph.add((node, DCAT.byteSize, Literal(item.byte_size, datatype=XSD.nonNegativeInteger)))
    graph.add((node, SPDX.checksum, _checksum(graph, item.sha256)))
    graph.add((node, DCTERMS.license, URIRef(LICENCE)))
    graph.add((node, DCTERMS.issued, Literal(item.published)))
    epsilon = f"{item.epsilon:g}"
    _text(graph, node, DCTERMS.description, {
        "nl": f"Versie {item.version} van {item.period}; differentiële privacy, ε = {epsilon}.",
        "en": f"Version {item.version} of {item.period}; differential privacy, ε = {epsilon}.",
    })  # fmt: skip
    _common(graph, node, pub)
    if item.media_type == "text/csv":
        schema = _typed(graph, item.url.replace(".csv", ".schema.json"), DCTERMS.Standard)
        graph.add((node, DCTERMS.conformsTo, schema))
    return node


def _temporal(graph: Graph, dataset: DatasetInfo) -> BNode | None:
    if not dataset.periods:
        return None
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(dataset.periods[0].first_day)))
    graph.add((period, DCAT.endDate, Literal(dataset.periods[-1].last_day)))
    return period


def _dataset(graph: Graph, dataset: DatasetInfo, pub: Publisher, agent: URIRef) -> URIRef:
    node = URIRef(pub.url(f"open-data/id/{dataset.id}"))
    graph.add((node, RDF.type, DCAT.Dataset))
    _text(graph, node, DCTERMS.title, dataset.spec.title)
    _text(graph, node, DCTERMS.description, dataset.spec.description)
    graph.add((node, DCTERMS.identifier, Literal(dataset.id)))
    graph.add((node, DCTERMS.publisher, agent))
    graph.add((node, DCAT.contactPoint, _contact(graph, pub)))
    graph.add((node, DCAT.theme, THEME))
    graph.add((node, DCTERMS.spatial, URIRef(SPATIAL_NL)))
    graph.add((node, DCAT.landingPage, _typed(graph, dataset.page, FOAF.Document)))
    for keyword in ("statistics", "life events", "public services", "differential privacy"):
        graph.add((node, DCAT.keyword, Literal(keyword, lang="en")))
    temporal = _temporal(graph, dataset)
    if temporal is not None:
        graph.add((node, DCTERMS.temporal, temporal))
    if dataset.modified is not None:
        graph.add((node, DCTERMS.modified, Literal(dataset.modified)))
    _common(graph, node, pub)
    for item in dataset.files:
        if item.media_type in FILE_TYPES:
            graph.add((node, DCAT.distribution, _distribution(graph, item, dataset, pub)))
    return node


def _service(graph: Graph, pub: Publisher, datasets: list[URIRef]) -> URIRef:
    node = URIRef(pub.url("open-data/id/api"))
    graph.add((node, RDF.type, DCAT.DataService))
    _text(graph, node, DCTERMS.title, {"nl": "Open-data-API", "en": "Open data API"})
    graph.add((node, DCAT.endpointURL, _resource(graph, pub.url("api/v1/opendata"))))
    description = _typed(graph, pub.url("api/v1/openapi.json"), FOAF.Document)
    graph.add((description, RDF.type, RDFS.Resource))
    graph.add((node, DCAT.endpointDescription, description))
    graph.add((node, FOAF.page, _typed(graph, pub.url("en/open-data/methodology"), FOAF.Document)))
    graph.add((node, DCAT.contactPoint, _contact(graph, pub)))
    graph.add((node, DCTERMS.license, URIRef(LICENCE)))
    graph.add((node, DCTERMS.publisher, _agent(graph, pub)))
    _common(graph, node, pub)
    for dataset in datasets:
        graph.add((node, DCAT.servesDataset, dataset))
    return node


def build_catalog(datasets: list[DatasetInfo], publisher: Publisher) -> Graph:
    """The DCAT-AP 3 catalogue of every dataset and the query API that serves them."""
    graph = Graph()
    for prefix, namespace in (("dcatap", DCATAP), ("eli", ELI), ("spdx", SPDX), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    catalog = URIRef(publisher.url("open-data/id/catalogue"))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _text(graph, catalog, DCTERMS.title, {"nl": "lifegate open data", "en": "lifegate open data"})
    _text(graph, catalog, DCTERMS.description, {
        "nl": "Statistieken over levensgebeurtenissen en diensten, beschermd met "
              "differentiële privacy.",
        "en": "Statistics on life events and public services, protected with differential "
              "privacy.",
    })  # fmt: skip
    agent = _agent(graph, publisher)
    graph.add((catalog, DCTERMS.publisher, agent))
    graph.add((catalog, DCTERMS.license, URIRef(LICENCE)))
    graph.add((catalog, DCTERMS.spatial, URIRef(SPATIAL_NL)))
    graph.add((catalog, FOAF.homepage, _typed(graph, publisher.url("en/open-data"), FOAF.Document)))
    nodes = [_dataset(graph, dataset, publisher, agent) for dataset in datasets]
    for node in nodes:
        graph.add((catalog, DCAT.dataset, node))
    graph.add((catalog, DCAT.service, _service(graph, publisher, nodes)))
    _vocabulary(graph)
    return graph
