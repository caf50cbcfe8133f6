# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/opendata/…: the published statistics, read-only, and the DCAT-AP 3 catalogue."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from lifegate.core.problems import Problem, ProblemError
from lifegate.opendata import services
from lifegate.opendata.catalogue import DatasetInfo
from lifegate.opendata.datasets import table
from lifegate.opendata.dcat import build_catalog

router = Router(tags=["opendata"])
_RDF = {200: None}


_RDF_SCHEMA = {
    "text/turtle": {"type": "string", "description": "DCAT-AP 3 RDF."},
    "application/ld+json": {
        "type": "object",
        "description": "DCAT-AP 3 RDF as expanded JSON-LD: the nodes in `@graph`.",
        "properties": {"@graph": {"type": "array", "items": {"type": "object"}}},
        "required": ["@graph"],
    },
}


def _rdf_doc(media_type: str) -> dict[str, object]:
    """RDF documented with its own media type: Turtle as text, JSON-LD as a JSON object."""
    content = {media_type: {"schema": _RDF_SCHEMA[media_type]}}
    return {"responses": {"200": {"description": "The catalogue.", "content": content}}}


_RDF_MEDIA = {"turtle": "text/turtle", "json-ld": "application/ld+json"}


class ColumnOut(Schema):
    name: str
    type: str = Field(description="Table Schema type: string, integer or yearmonth.")
    title: str
    description: str


class FileOut(Schema):
    period: str = Field(description="The month, YYYY-MM.")
    version: int
    name: str
    media_type: str = Field(alias="mediaType")
    byte_size: int = Field(alias="byteSize")
    sha256: str = Field(description="SHA-256 checksum of the file, hexadecimal.")
    download_url: str = Field(alias="downloadUrl")


class DatasetOut(Schema):
    id: str
    title: str
    description: str
    licence: str = Field(description="Licence URI (CC BY 4.0).")
    periods: list[str] = Field(description="Months published, oldest first.")
    columns: list[ColumnOut]
    files: list[FileOut] = Field(description="Files of each month's current version.")


class ObservationsOut(Schema):
    total: int = Field(description="Rows matching the filters.")
    rows: list[dict[str, str | int | None]] = Field(
        description="Rows; an empty count was below the suppression threshold."
    )


class ObservationQuery(Schema):
    period: str = Field("", description="Only this month (YYYY-MM).")
    life_event: str = Field("", alias="lifeEvent")
    service: str = ""
    organisation: str = ""
    municipality: str = Field("", description="CBS municipality code, e.g. GM0344.")
    channel: str = ""
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


class SpendOut(Schema):
    table: str
    measure: str
    epsilon: float


class ReleaseOut(Schema):
    period: str
    version: int
    published_at: str = Field(alias="publishedAt")
    epsilon: float = Field(description="Privacy loss of this release (pure ε-DP, δ = 0).")
    spends: list[SpendOut] = Field(description="ε of each query of the release.")
    parameters: dict[str, float | int] = Field(description="The privacy parameters.")
    changes: str = Field(description="What this version changed.")


class BudgetOut(Schema):
    year: int
    yearly_epsilon: float = Field(alias="yearlyEpsilon")
    spent: float
    remaining: float


def _language(request: HttpRequest) -> str:
    return "nl" if request.GET.get("lang") == "nl" else "en"


def _dataset_out(info: DatasetInfo, language: str) -> dict[str, object]:
    spec = info.spec
    return {
        "id": spec.id,
        "title": spec.title[language],
        "description": spec.description[language],
        "licence": "http://creativecommons.org/licenses/by/4.0/",
        "periods": [str(p) for p in info.periods],
        "columns": [
            {
                "name": c.name,
                "type": c.type,
                "title": c.title[language],
                "description": c.description[language],
            }
            for c in spec.columns
        ],
        "files": [
            {
                "period": f.period,
                "version": f.version,
                "name": f.name,
                "mediaType": f.media_type,
                "byteSize": f.byte_size,
                "sha256": f.sha256,
                "downloadUrl": f.url,
            }
            for f in info.files
        ],
    }


def _known(dataset_id: str) -> DatasetInfo:
    for info in services.datasets():
        if info.id == dataset_id:
            return info
    raise ProblemError(Problem("not-found", f"There is no dataset {dataset_id!r}."))


@router.get(
    "/datasets",
    response=list[DatasetOut],
    by_alias=True,
    operation_id="listDatasets",
    summary="Every open dataset with its columns and files",
)
def list_datasets(request: HttpRequest) -> list[dict[str, object]]:
    return [_dataset_out(info, _language(request)) for info in services.datasets()]


@router.get(
    "/datasets/{dataset_id}",
    response=DatasetOut,
    by_alias=True,
    operation_id="getDataset",
    summary="One open dataset",
)
def get_dataset(request: HttpRequest, dataset_id: str) -> dict[str, object]:
    return _dataset_out(_known(dataset_id), _language(request))


@router.get(
    "/datasets/{dataset_id}/observations",
    response=ObservationsOut,
    operation_id="listObservations",
    summary="Rows of a dataset, filtered",
)
def list_observations(
    request: HttpRequest, dataset_id: str, query: Query[ObservationQuery]
) -> dict[str, object]:
    spec = table(_known(dataset_id).id)
    filters = {
        "period": query.period,
        "life_event": query.life_event,
        "service": query.service,
        "organisation": query.organisation,
        "municipality": query.municipality,
        "channel": query.channel,
    }
    names = {c.name for c in spec.dimensions}
    unused = [k for k, v in filters.items() if v and k != "period" and k not in names]
    if unused:
        raise ProblemError(Problem("invalid-input", f"{spec.id} has no column {unused[0]}."))
    page = services.observations(spec.id, filters, limit=query.limit, offset=query.offset)
    return {"total": page.total, "rows": page.rows}


@router.get(
    "/releases",
    response=list[ReleaseOut],
    by_alias=True,
    operation_id="listReleases",
    summary="Every version of every month with its privacy loss",
)
def list_releases(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "period": r.period,
            "version": r.version,
            "publishedAt": r.published_at.isoformat(),
            "epsilon": r.epsilon,
            "spends": r.spends,
            "parameters": r.parameters,
            "changes": r.changes,
        }
        for r in services.releases()
    ]


@router.get(
    "/privacy-budgets",
    response=list[BudgetOut],
    by_alias=True,
    operation_id="listPrivacyBudgets",
    summary="The privacy budget spent per year",
)
def list_budgets(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "year": b.year,
            "yearlyEpsilon": b.yearly_epsilon,
            "spent": b.spent,
            "remaining": b.remaining,
        }
        for b in services.budgets()
    ]


def _jsonld_object(body: str) -> str:
    """rdflib writes expanded JSON-LD as a list of nodes; the same nodes in `@graph` of one
    object are the same graph, and the object the document promises."""
    parsed = json.loads(body)
    if isinstance(parsed, dict) and "@graph" in parsed:
        return body
    nodes = parsed if isinstance(parsed, list) else [parsed]
    return json.dumps({"@graph": nodes}, ensure_ascii=False, indent=2)


def _catalog(rdf_format: str) -> HttpResponse:
    graph = build_catalog(services.datasets(), services.publisher())
    body = graph.serialize(format=rdf_format)
    if rdf_format == "json-ld":
        body = _jsonld_object(body)
    return HttpResponse(body, content_type=f"{_RDF_MEDIA[rdf_format]}; charset=utf-8")


@router.get(
    "/catalog.ttl",
    response=_RDF,
    operation_id="getCatalogTurtle",
    openapi_extra=_rdf_doc("text/turtle"),
    summary="The DCAT-AP 3 catalogue (with HVD properties) as Turtle",
)
def catalog_turtle(request: HttpRequest) -> HttpResponse:
    return _catalog("turtle")


@router.get(
    "/catalog.jsonld",
    response=_RDF,
    operation_id="getCatalogJsonLd",
    openapi_extra=_rdf_doc("application/ld+json"),
    summary="The DCAT-AP 3 catalogue (with HVD properties) as JSON-LD",
)
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    return _catalog("json-ld")
