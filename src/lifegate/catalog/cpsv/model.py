# SPDX-License-Identifier: EUPL-1.2
"""The catalog content as typed values: what the YAML files hold and the RDF graph says.

Every text is a `LangText`, a mapping from a language code to a text
(``{"nl": "Kinderbijslag", "en": "Child benefit"}``), so a language can be added without
a schema change. Identifiers are stable kebab-case strings used in URIs and APIs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LangText = dict[str, str]
"""A text in several languages, keyed by ISO 639-1 code."""


@dataclass(frozen=True)
class Organisation:
    """A public organisation that is competent for services (cv:PublicOrganisation)."""

    id: str
    kind: str
    country: str
    name: LangText
    website: str
    email: str
    phone: str
    oin: str = ""
    municipality_code: str = ""


@dataclass(frozen=True)
class ContactPoint:
    """How citizens reach an organisation about a service (cv:ContactPoint)."""

    id: str
    organisation: str
    phone: str
    email: str
    page: str
    hours: LangText


@dataclass(frozen=True)
class Event:
    """A life event or business event grouping services (cv:LifeEvent / cv:BusinessEvent)."""

    id: str
    kind: str  # "life" or "business"
    name: LangText
    description: LangText
    eu_type: str  # URI of the concept in the EU life-event / business-event code list
    eu_type_label: LangText
    eu_type_verify: bool = False  # True while the concept URI is not confirmed at the source


@dataclass(frozen=True)
class LegalResource:
    """A law or regulation with its official identifier (eli:LegalResource)."""

    id: str
    uri: str  # wetten.overheid.nl (BWB) or EUR-Lex ELI URI
    local_id: str  # BWB id (BWBR…) or CELEX-like ELI path
    title: LangText
    verify: bool = False  # True while the identifier is not confirmed at the source


@dataclass(frozen=True)
class EvidenceType:
    """A kind of document or data that proves a requirement (cv:EvidenceType)."""

    id: str
    name: LangText
    description: LangText


@dataclass(frozen=True)
class Redress:
    """How to object and appeal, and what happens when the authority is late."""

    id: str
    objection: LangText
    no_response: LangText


@dataclass(frozen=True)
class Requirement:
    """A condition for the service and the evidence that shows it is met (cv:Requirement)."""

    name: LangText
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cost:
    """A fee (0 for free) with how to pay it (cv:Cost)."""

    amount: float
    currency: str
    description: LangText


@dataclass(frozen=True)
class Eid:
    """Accepted electronic identification means and the minimum eIDAS level of assurance."""

    loa: str  # "low", "substantial" or "high"
    means: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """What the citizen gets (cv:Output): a decision, a document, a registration."""

    name: LangText
    description: LangText


@dataclass(frozen=True)
class Service:
    """A public service with every SDG Regulation (EU) 2018/1724 Art. 9-10 item."""

    id: str
    name: LangText
    description: LangText
    authorities: tuple[str, ...]
    events: tuple[str, ...]
    mode: str  # "proactive", "apply" or "information"
    contact_points: tuple[str, ...]
    channels: tuple[str, ...]
    steps: tuple[LangText, ...]
    requirements: tuple[Requirement, ...]
    costs: tuple[Cost, ...]
    processing_time: str  # ISO 8601 duration, e.g. "P8W"
    deadline: LangText
    redress: str  # "" while a service imported from plain CPSV-AP lacks it (incomplete)
    legal_resources: tuple[str, ...]
    output: Output
    updated: dt.date
    eid: Eid | None = None  # None only for information-only services


@dataclass(frozen=True)
class Catalog:
    """The whole catalog: every kind of content, keyed lists in content order."""

    organisations: tuple[Organisation, ...] = ()
    contact_points: tuple[ContactPoint, ...] = ()
    events: tuple[Event, ...] = ()
    legal_resources: tuple[LegalResource, ...] = ()
    evidence_types: tuple[EvidenceType, ...] = ()
    redress: tuple[Redress, ...] = ()
    services: tuple[Service, ...] = field(default=())

    def service(self, service_id: str) -> Service:
        """The service with this id; KeyError when there is none."""
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)
