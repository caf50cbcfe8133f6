# SPDX-License-Identifier: EUPL-1.2
"""The demo registries' side of a call: check the grant, read the synthetic population, and
answer only the fields asked for (data minimisation, Haal Centraal `fields`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from lifegate.demo import services as demo
from lifegate.registries import grants
from lifegate.registries.catalogue import REGISTRIES
from lifegate.registries.transport import RegistryAnswer, RegistryCall

Record = dict[str, Any]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _as_record(value: Any) -> Record:
    return {_camel(k): _plain(v) for k, v in dataclasses.asdict(value).items()}


def _persons(ids: list[str]) -> dict[str, Record]:
    found = {}
    for bsn, person in demo.registry_persons(ids).items():
        record = _as_record(person)
        record["registered"] = record.pop("registeredInBrp")
        found[bsn] = record
    return found


def _addresses(ids: list[str]) -> dict[str, Record]:
    return {bsn: _as_record(a) for bsn, a in demo.registry_addresses(ids).items()}


def _incomes(ids: list[str]) -> dict[str, Record]:
    return {bsn: _as_record(i) for bsn, i in demo.registry_incomes(ids).items()}


def _insurances(ids: list[str]) -> dict[str, Record]:
    return {
        bsn: {"healthInsured": i.health_insured} for bsn, i in demo.registry_incomes(ids).items()
    }


def _diplomas(ids: list[str]) -> dict[str, Record]:
    # One record per person; each asked field is the list over their diplomas, in order.
    found = {}
    for bsn, diplomas in demo.registry_diplomas(ids).items():
        rows = [_as_record(d) for d in diplomas]
        found[bsn] = {
            field: [row[field] for row in rows] for field in REGISTRIES["diplomas"].fields
        }
    return found


def _companies(ids: list[str]) -> dict[str, Record]:
    return {kvk: _as_record(c) for kvk, c in demo.registry_companies(ids).items()}


READERS: dict[str, Callable[[list[str]], dict[str, Record]]] = {
    "persons": _persons,
    "addresses": _addresses,
    "incomes": _incomes,
    "insurances": _insurances,
    "diplomas": _diplomas,
    "companies": _companies,
}


def answer(call: RegistryCall) -> RegistryAnswer:
    """Serve a call; raises `grants.GrantRefusedError` unless the exchange granted it."""
    grants.check(call.grant, call.registry, call.fields, call.identifiers)
    found = READERS[call.registry](list(call.identifiers))
    return RegistryAnswer(
        {key: {f: record.get(f) for f in call.fields} for key, record in found.items()}
    )


EVENT_FEED = "person-events"  # a grant for the feed names this instead of a registry
EVENT_FIELD = "events"


@dataclasses.dataclass(frozen=True)
class PersonEvent:
    """One change of the persons registry on a day (BRP "mutaties" for subscribers)."""

    type: str  # "person.born", "person.turns-18", "person.reaches-pension-age", "person.died"
    bsn: str
    related_bsns: tuple[str, ...]  # parents of a newborn, children of the deceased


def events_on(day: dt.date, grant: str) -> list[PersonEvent]:
    """The persons registry's events of `day`; `grants.GrantRefusedError` unless granted."""
    grants.check(grant, EVENT_FEED, (EVENT_FIELD,), ())
    return [PersonEvent(e.type, e.bsn, e.related_bsns) for e in demo.registry_events_on(day)]
