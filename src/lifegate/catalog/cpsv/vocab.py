# SPDX-License-Identifier: EUPL-1.2
"""Namespaces, URI patterns and the small code lists the catalog uses.

EU code lists come from the Publications Office authority tables (languages, countries,
currencies) and eIDAS (levels of assurance). Channel kinds, service modes, organisation
kinds and eID means have no EU list yet, so they are concepts in our own schemes under the
catalog's base URI, each with a `skos:notation` that the importer reads back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace, URIRef

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
LG = Namespace("https://w3id.org/lifegate/ns#")
"""Our extension for SDG items CPSV-AP has no property for (steps, deadline, redress)."""

DEFAULT_BASE = "http://127.0.0.1:8000/id/"

AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGES: dict[str, str] = {
    "nl": AUTHORITY + "language/NLD",
    "en": AUTHORITY + "language/ENG",
    "de": AUTHORITY + "language/DEU",
    "fr": AUTHORITY + "language/FRA",
    "es": AUTHORITY + "language/SPA",
}
COUNTRIES: dict[str, str] = {
    "NL": AUTHORITY + "country/NLD",
    "ES": AUTHORITY + "country/ESP",
    "BE": AUTHORITY + "country/BEL",
    "DE": AUTHORITY + "country/DEU",
}
CURRENCIES: dict[str, str] = {"EUR": AUTHORITY + "currency/EUR"}
LOA_SCHEME = "http://eidas.europa.eu/LoA"
LEVELS_OF_ASSURANCE: dict[str, str] = {
    "low": LOA_SCHEME + "/low",
    "substantial": LOA_SCHEME + "/substantial",
    "high": LOA_SCHEME + "/high",
}
LIFE_EVENT_SCHEME = "http://publications.europa.eu/resource/dataset/life-event"
BUSINESS_EVENT_SCHEME = "http://publications.europa.eu/resource/dataset/business-event"


@dataclass(frozen=True)
class Code:
    """One concept in one of our own code lists."""

    notation: str
    nl: str
    en: str


CHANNELS = (
    Code("online", "Online", "Online"),
    Code("phone", "Telefoon", "Telephone"),
    Code("in-person", "Aan de balie", "In person"),
    Code("post", "Per post", "By post"),
)
MODES = (
    Code("proactive", "Proactief aangeboden", "Offered proactively"),
    Code("apply", "Aanvragen of melden", "Apply or report"),
    Code("information", "Alleen informatie", "Information only"),
)
ORGANISATION_KINDS = (
    Code("municipality", "Gemeente", "Municipality"),
    Code("agency", "Uitvoeringsorganisatie", "Executive agency"),
    Code("insurer", "Zorgverzekeraar", "Health insurer"),
    Code("foreign-authority", "Buitenlandse overheid", "Foreign authority"),
)
EID_MEANS = (
    Code("digid", "DigiD", "DigiD"),
    Code("eherkenning", "eHerkenning", "eHerkenning"),
    Code("eu-eid", "Erkend Europees eID (eIDAS)", "Notified European eID (eIDAS)"),
)
CODE_LISTS: dict[str, tuple[Code, ...]] = {
    "channel": CHANNELS,
    "service-mode": MODES,
    "organisation-kind": ORGANISATION_KINDS,
    "eid-means": EID_MEANS,
}


def notations(scheme: str) -> frozenset[str]:
    """The notations allowed in one of our code lists."""
    return frozenset(code.notation for code in CODE_LISTS[scheme])


class Uris:
    """Stable URIs under one base, e.g. ``Uris().service("aow")`` → ``…/id/service/aow``."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith("/") else base + "/"

    def __call__(self, *parts: str | int) -> URIRef:
        return URIRef(self.base + "/".join(str(part) for part in parts))

    def service(self, service_id: str) -> URIRef:
        return self("service", service_id)

    def event(self, event_id: str) -> URIRef:
        return self("event", event_id)

    def organisation(self, organisation_id: str) -> URIRef:
        return self("organisation", organisation_id)

    def rule(self, service_id: str) -> URIRef:
        return self("rule", service_id)

    def concept(self, scheme: str, notation: str) -> URIRef:
        return self("concept", scheme, notation)

    def scheme(self, scheme: str) -> URIRef:
        return self("concept", scheme)
