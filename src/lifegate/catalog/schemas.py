# SPDX-License-Identifier: EUPL-1.2
"""Response bodies of the catalog API (camelCase on the wire), texts in one language."""

from __future__ import annotations

from ninja import Field
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Link(Camel):
    href: str


class PageLinks(Camel):
    self: Link
    first: Link
    last: Link
    prev: Link | None = None
    next: Link | None = None


class EventOut(Camel):
    id: str = Field(description="Stable identifier, e.g. birth or moving-to-nl.")
    kind: str = Field(description="life or business.")
    name: str
    description: str
    eu_type: str = Field(description="URI of the concept in the EU life-event code list.")
    services: list[str] = Field(description="Identifiers of the event's services.")
    uri: str = Field(description="The event's linked-data URI (content negotiation).")


class CostOut(Camel):
    amount: float = Field(description="0 when free.")
    currency: str
    description: str = Field(description="What the fee is for and how to pay it.")


class RequirementOut(Camel):
    name: str
    evidence: list[str] = Field(description="Names of the accepted kinds of evidence.")


class LegalResourceOut(Camel):
    id: str
    title: str
    uri: str = Field(description="wetten.overheid.nl (BWB) or EUR-Lex (ELI) address.")


class ServiceOut(Camel):
    id: str = Field(description="Stable identifier; also the rules-engine id.")
    name: str
    description: str
    mode: str = Field(description="proactive, apply or information.")
    events: list[str]
    authorities: list[str] = Field(description="Identifiers of the competent organisations.")
    channels: list[str]
    level_of_assurance: str | None = Field(description="low, substantial or high; null: none.")
    eid_means: list[str]
    steps: list[str]
    requirements: list[RequirementOut]
    costs: list[CostOut]
    processing_time: str = Field(description="ISO 8601 duration, e.g. P8W.")
    deadline: str
    output: str
    legal_resources: list[LegalResourceOut]
    updated: str = Field(description="Date of the last update (YYYY-MM-DD).")
    uri: str = Field(description="The service's linked-data URI (content negotiation).")


class EventPage(Camel):
    links: PageLinks = Field(alias="_links")
    total: int
    items: list[EventOut]


class ServicePage(Camel):
    links: PageLinks = Field(alias="_links")
    total: int
    items: list[ServiceOut]
