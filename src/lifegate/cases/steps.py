# SPDX-License-Identifier: EUPL-1.2
"""A journey as the citizen sees it: every service of the life event, across agencies, with
its state: done, offered, to do, waiting for the agency, or not applicable."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.utils import translation

from lifegate.cases import casetypes, catalogue
from lifegate.cases.models import Case, Journey, Offer
from lifegate.exchange import services as exchange

DONE, OFFERED, TO_DO, WAITING, NOT_APPLICABLE = (
    "done",
    "offered",
    "to-do",
    "waiting",
    "not-applicable",
)
# What the registry event itself has done (the birth is registered, ...).
DONE_BY_TRIGGER = {
    "person.born": {"aangifte-geboorte"},
    "person.moved-in": {"eerste-inschrijving-brp"},
    "person.died": {"aangifte-overlijden"},
}


@dataclass(frozen=True)
class SharedField:
    name: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str  # "<person or home>:<field>", the form field's name
    text: str
    kind: str  # "number", "yes-no" or "date"


def _questions(offer: Offer | None, language: str) -> tuple[Question, ...]:
    if offer is None or offer.state != "open" or offer.eligibility != "need_more_info":
        return ()
    kinds = {
        "yearly_income": "number",
        "assets": "number",
        "monthly_rent": "number",
        "birth_date": "date",
    }
    return tuple(
        Question(
            f"{q['person'] or 'home'}:{q['field']}",
            q.get(language) or q["nl"],
            kinds.get(q["field"], "yes-no"),
        )
        for q in offer.questions
    )


@dataclass(frozen=True)
class Step:
    service: str
    name: str
    agencies: str
    mode: str
    state: str
    offer: Offer | None
    case: Case | None
    headline: str
    explanation: str
    shared_with: str  # the agency that receives `shared` on accept
    shared: tuple[SharedField, ...]
    questions: tuple[Question, ...] = ()


def _state(mode: str, done: bool, offer: Offer | None, case: Case | None) -> str:
    if done or (case is not None and case.status == casetypes.DECIDED):
        return DONE
    if case is not None:
        return WAITING
    if offer is None:
        return TO_DO
    if offer.state in ("declined", "withdrawn") or offer.eligibility == "not_entitled":
        return NOT_APPLICABLE
    return OFFERED if offer.eligibility == "entitled" else TO_DO


@dataclass(frozen=True)
class _Service:
    """What a step shows of its service: catalog data, the same for every journey."""

    id: str
    name: str
    agencies: str
    mode: str
    shared_with: str
    shared: tuple[SharedField, ...]


@functools.lru_cache(maxsize=128)
def _services(event: str, language: str, view: catalogue.CatalogView) -> tuple[_Service, ...]:
    """The event's services as steps show them, in `language`: computed once per catalog
    version (`view`), so the journey page does no catalog work per request."""
    found = []
    with translation.override(language):
        for service in view.services_of(event):
            organisation, _activity, fields = catalogue.shared_fields(service.id, view)
            found.append(
                _Service(
                    id=service.id,
                    name=view.service_name(service.id, language),
                    agencies=", ".join(
                        view.organisation_name(a, language) for a in service.authorities
                    ),
                    mode=service.mode,
                    shared_with=view.organisation_name(organisation, language),
                    shared=tuple(SharedField(f, exchange.field_label(f)) for f in fields),
                )
            )
    return tuple(found)


_SEEN: dict[str, str] = {}  # "version": the catalog version `_services` holds entries of


def _services_now(event: str, language: str) -> tuple[_Service, ...]:
    """`_services` of the stored catalog now; a new catalog version empties the cache, so an
    official's edit shows on the next page without a restart."""
    view = catalogue.current()
    if _SEEN.get("version") != view.version:
        _services.cache_clear()
        _SEEN["version"] = view.version
    return _services(event, language, view)


def steps_of(journey: Journey, language: str) -> list[Step]:
    offers = {
        o.service: o
        for o in Offer.objects.filter(
            instance=journey.instance, household_key=journey.household_key
        ).select_related("case")
    }
    cases = {c.service: c for c in Case.objects.filter(journey=journey)}
    done = DONE_BY_TRIGGER.get(journey.trigger, set())
    steps = []
    for service in _services_now(journey.event, language):
        offer = offers.get(service.id)
        case = cases.get(service.id) or (getattr(offer, "case", None) if offer else None)
        steps.append(
            Step(
                service=service.id,
                name=service.name,
                agencies=service.agencies,
                mode=service.mode,
                state=_state(service.mode, service.id in done, offer, case),
                offer=offer,
                case=case,
                headline=offer.headline.get(language, "") if offer else "",
                explanation=offer.explanation.get(language, "") if offer else "",
                shared_with=service.shared_with,
                shared=service.shared,
                questions=_questions(offer, language),
            )
        )
    return steps
