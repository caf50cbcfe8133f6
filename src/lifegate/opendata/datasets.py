# SPDX-License-Identifier: EUPL-1.2
"""The published tables: their dimensions, measures and Frictionless Table Schemas.

Pure: no Django, no IO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lifegate.catalog.cpsv.model import LangText


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: "string", "integer", "yearmonth"
    title: LangText
    description: LangText


@dataclass(frozen=True)
class TableSpec:
    """One published table (a DCAT dataset, a CKAN package)."""

    id: str
    title: LangText
    description: LangText
    dimensions: tuple[Column, ...]
    counts: tuple[Column, ...]
    quantiles: tuple[Column, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return (PERIOD, *self.dimensions, *self.counts, *self.quantiles)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, kind: str, nl: str, en: str, note: tuple[str, str] = ("", "")) -> Column:
    """A column titled `nl`/`en`, described by `note` (NL, EN) or else by its title."""
    return Column(name, kind, {"nl": nl, "en": en}, {"nl": note[0] or nl, "en": note[1] or en})


PERIOD = _c("period", "yearmonth", "Maand", "Month", ("Kalendermaand (JJJJ-MM)", "Calendar month"))
LIFE_EVENT = _c("life_event", "string", "Levensgebeurtenis", "Life event")
MUNICIPALITY = _c(
    "municipality", "string", "Gemeente", "Municipality", ("CBS-gemeentecode", "CBS code")
)
SERVICE = _c("service", "string", "Dienst", "Service")
ORGANISATION = _c("organisation", "string", "Organisatie", "Organisation")
CHANNEL = _c("channel", "string", "Kanaal", "Channel", ("online, telefoon, balie of post", ""))
_NOISY_NL = "Aantal met ruis (differentiële privacy); leeg als het onder de drempel ligt"
_NOISY_EN = "Count with noise (differential privacy); empty when below the threshold"


def _count(name: str, nl: str, en: str) -> Column:
    return _c(name, "integer", nl, en, (_NOISY_NL, _NOISY_EN))


def _days(name: str, nl: str, en: str) -> Column:
    return _c(name, "integer", nl, en, (f"{nl} in dagen (met ruis)", f"{en} in days (noisy)"))


JOURNEYS = TableSpec(
    "life-event-journeys",
    {"nl": "Gestarte levensgebeurtenissen", "en": "Life-event journeys started"},
    {
        "nl": "Aantal gestarte trajecten per maand, levensgebeurtenis en gemeente.",
        "en": "Journeys started per month, life event and municipality.",
    },
    (LIFE_EVENT, MUNICIPALITY),
    (_count("journeys_started", "Gestarte trajecten", "Journeys started"),),
)
SERVICES = TableSpec(
    "service-offers-and-cases",
    {"nl": "Aanbiedingen en zaken per dienst", "en": "Offers and cases per service"},
    {
        "nl": "Aanbiedingen gedaan en aanvaard, zaken geopend en beslist, per maand, "
        "levensgebeurtenis, dienst, organisatie en gemeente.",
        "en": "Offers made and accepted, cases opened and decided, per month, life event, "
        "service, organisation and municipality.",
    },
    (LIFE_EVENT, SERVICE, ORGANISATION, MUNICIPALITY),
    (
        _count("offers_made", "Aanbiedingen gedaan", "Offers made"),
        _count("offers_accepted", "Aanbiedingen aanvaard", "Offers accepted"),
        _count("cases_opened", "Zaken geopend", "Cases opened"),
        _count("cases_decided", "Zaken beslist", "Cases decided"),
    ),
)
PROCESSING = TableSpec(
    "processing-times-by-channel",
    {"nl": "Doorlooptijden per kanaal", "en": "Processing times by channel"},
    {
        "nl": "Zaken geopend en beslist en de doorlooptijd (mediaan en 90e percentiel) per "
        "maand, dienst, organisatie en kanaal.",
        "en": "Cases opened and decided and the processing time (median and 90th "
        "percentile) per month, service, organisation and channel.",
    },
    (SERVICE, ORGANISATION, CHANNEL),
    (
        _count("cases_opened", "Zaken geopend", "Cases opened"),
        _count("cases_decided", "Zaken beslist", "Cases decided"),
    ),
    (
        _days("processing_days_median", "Mediane doorlooptijd", "Median processing time"),
        _days("processing_days_p90", "Doorlooptijd 90e percentiel", "90th percentile time"),
    ),
)
TABLES: tuple[TableSpec, ...] = (JOURNEYS, SERVICES, PROCESSING)


def table(table_id: str) -> TableSpec:
    """The table with this id; KeyError when there is none."""
    for spec in TABLES:
        if spec.id == table_id:
            return spec
    raise KeyError(table_id)


def table_schema(spec: TableSpec, language: str = "en") -> dict[str, Any]:
    """The Frictionless Table Schema of a table (https://specs.frictionlessdata.io/table-schema/)."""
    fields: list[dict[str, Any]] = []
    for column in spec.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "title": column.title[language],
            "description": column.description[language],
        }
        if column in spec.counts or column in spec.quantiles:
            field["constraints"] = {"minimum": 0}
        else:
            field["constraints"] = {"required": True}
        fields.append(field)
    keys = [PERIOD.name, *(c.name for c in spec.dimensions)]
    return {"fields": fields, "primaryKey": keys, "missingValues": [""]}
