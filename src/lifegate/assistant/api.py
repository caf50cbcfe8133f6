# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/assistant/…: the service finder and the algorithm register (public, read-only)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from lifegate.assistant import register, services

router = Router(tags=["assistant"])


class SearchParams(Schema):
    q: str = Field(
        "",
        description="The situation in the citizen's own words, in Dutch or English. Longer "
        f"than {services.MAX_LENGTH} characters: searched trimmed, and `trimmed` says so.",
    )
    lang: Literal["nl", "en"] = Field("nl", description="Language of names and explanations.")


class SearchResultOut(Schema):
    kind: Literal["life-event", "business-event", "service"]
    identifier: str = Field(description="The catalog id of the life event or service.")
    name: str
    score: float = Field(description="Combined lexical and semantic score; higher is better.")
    explanation: str = Field(description='Why it matched: "matched: baby → Birth of a child".')
    matched: list[str] = Field(description="The question's words and synonyms that matched.")


class SearchOut(Schema):
    query: str = Field(description="The question as searched (cleaned, maybe trimmed).")
    trimmed: bool = Field(description=f"The question was cut to {services.MAX_LENGTH} chars.")
    results: list[SearchResultOut] = Field(description="Best first; empty when nothing matched.")


@router.get(
    "/search",
    response=SearchOut,
    operation_id="searchServices",
    summary="Find the life events and services that fit a situation, with the reason",
    description="An aid, not a decision: each result says what matched. Questions are "
    "counted only in aggregate, and never when they look like they hold personal data.",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    answer = services.search(params.q, params.lang)
    return {
        "query": answer.question,
        "trimmed": answer.trimmed,
        "results": [
            {
                "kind": r.kind,
                "identifier": r.id,
                "name": r.name,
                "score": r.score,
                "explanation": r.explanation(params.lang),
                "matched": list(dict.fromkeys(r.words + r.synonyms)),
            }
            for r in answer.results
        ],
    }


class AlgorithmOut(Schema):
    id: str
    name: dict[str, str]
    organisation: dict[str, str]
    status: dict[str, str]
    purpose: dict[str, str]
    how_it_works: dict[str, str] = Field(alias="howItWorks")
    data_used: dict[str, str] = Field(alias="dataUsed")
    human_involvement: dict[str, str] = Field(alias="humanInvolvement")
    risks: dict[str, str]
    evaluation: dict[str, str]
    fairness: dict[str, str]
    objection: dict[str, str]
    contact: dict[str, str]
    legal_basis: dict[str, str] = Field(alias="legalBasis")


@router.get(
    "/algorithms",
    response=list[AlgorithmOut],
    by_alias=True,
    operation_id="listAlgorithms",
    summary="The algorithm register: every automated component, with the Algoritmeregister "
    "fields in Dutch and English",
)
def list_algorithms(request: HttpRequest) -> list[dict[str, Any]]:
    return register.as_documents(services.register_entries())
