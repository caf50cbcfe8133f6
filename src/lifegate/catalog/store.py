# SPDX-License-Identifier: EUPL-1.2
"""The database ↔ the pure `Catalog`: read every table into one, and write one back.

Writing is an upsert by stable identifier (nothing is deleted: another source may have
added entries), done in one transaction by the caller. A service that is unchanged is not
saved again, so seeding twice or importing the same catalog twice leaves no new history.
Each service that changes gets exactly one history record, with the reason and user given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from lifegate.catalog import models as tables
from lifegate.catalog.cpsv import model as pure

Progress = Callable[[int, int], None]
"""Called with (services done, services in all) while a catalog is written."""


@dataclass(frozen=True)
class WriteCounts:
    """What writing a catalog did, per service."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


def read_catalog(services: Iterable[tables.Service] | None = None) -> pure.Catalog:
    """The complete catalog as stored; with `services`, only those (and everything else).

    Services still lacking SDG items (`complete=False`) are drafts: left out unless given.
    """
    rows = list(services if services is not None else _service_rows().filter(complete=True))
    relations = _relations([row.pk for row in rows])
    return pure.Catalog(
        organisations=tuple(_organisation(o) for o in tables.Organisation.objects.all()),
        contact_points=tuple(
            pure.ContactPoint(
                c.identifier, c.organisation.identifier, c.phone, c.email, c.page, c.hours
            )
            for c in tables.ContactPoint.objects.select_related("organisation")
        ),
        events=tuple(_event(e) for e in tables.Event.objects.all()),
        legal_resources=tuple(
            pure.LegalResource(r.identifier, r.uri, r.local_id, r.title, r.verify)
            for r in tables.LegalResource.objects.all()
        ),
        evidence_types=tuple(
            pure.EvidenceType(e.identifier, e.name, e.description)
            for e in tables.EvidenceType.objects.all()
        ),
        redress=tuple(
            pure.Redress(r.identifier, r.objection, r.no_response)
            for r in tables.Redress.objects.all()
        ),
        services=tuple(service_value(s, relations.get(s.pk, {})) for s in rows),
    )


def _service_rows() -> models.QuerySet[tables.Service]:
    return tables.Service.objects.select_related("redress")


# (field, the target's foreign key in the through table); the through table's own id keeps
# the order in which the references were written, which is the order of the content.
_RELATIONS = (
    ("authorities", "organisation"),
    ("events", "event"),
    ("contact_points", "contactpoint"),
    ("legal_resources", "legalresource"),
)
Relations = dict[str, list[str]]


def _relations(service_pks: list[int]) -> dict[int, Relations]:
    found: dict[int, Relations] = {pk: {name: [] for name, _ in _RELATIONS} for pk in service_pks}
    for name, target in _RELATIONS:
        through = getattr(tables.Service, name).through
        rows = through.objects.filter(service_id__in=service_pks).order_by("id")
        for service_pk, identifier in rows.values_list("service_id", f"{target}__identifier"):
            found[service_pk][name].append(identifier)
    return found


def _organisation(o: tables.Organisation) -> pure.Organisation:
    return pure.Organisation(
        o.identifier, o.kind, o.country, o.name, o.website, o.email, o.phone,
        o.oin, o.municipality_code,
    )  # fmt: skip


def _event(e: tables.Event) -> pure.Event:
    return pure.Event(
        e.identifier, e.kind, e.name, e.description, e.eu_type, e.eu_type_label, e.eu_type_verify
    )


def service_value(s: tables.Service, relations: Relations | None = None) -> pure.Service:
    """One service row as the pure value (`read_catalog` passes the relations of many)."""
    linked = relations if relations is not None else _relations([s.pk])[s.pk]
    eid = pure.Eid(s.eid["loa"], tuple(s.eid["means"])) if s.eid else None
    return pure.Service(
        id=s.identifier,
        name=s.name,
        description=s.description,
        authorities=tuple(linked["authorities"]),
        events=tuple(linked["events"]),
        mode=s.mode,
        contact_points=tuple(linked["contact_points"]),
        channels=tuple(s.channels),
        steps=tuple(s.steps),
        requirements=tuple(
            pure.Requirement(r["name"], tuple(r.get("evidence") or ())) for r in s.requirements
        ),
        costs=tuple(
            pure.Cost(float(c["amount"]), c["currency"], c["description"]) for c in s.costs
        ),
        processing_time=s.processing_time,
        deadline=s.deadline,
        redress=s.redress.identifier if s.redress else "",
        legal_resources=tuple(linked["legal_resources"]),
        output=pure.Output(s.output["name"], s.output["description"]),
        updated=s.updated,
        eid=eid,
    )


def _upsert(model: type[models.Model], identifier: str, values: dict[str, Any]) -> models.Model:
    row, created = model._default_manager.get_or_create(identifier=identifier, defaults=values)
    if not created and any(getattr(row, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
    return row


def write_references(catalog: pure.Catalog) -> None:
    """Create or update every entry a service refers to (organisations, events, …)."""
    for o in catalog.organisations:
        values = dataclasses.asdict(o)
        _upsert(tables.Organisation, values.pop("id"), values)
    organisations = {o.identifier: o for o in tables.Organisation.objects.all()}
    for c in catalog.contact_points:
        values = dataclasses.asdict(c)
        values["organisation"] = organisations[values["organisation"]]
        _upsert(tables.ContactPoint, values.pop("id"), values)
    for position, e in enumerate(catalog.events):
        values = {**dataclasses.asdict(e), "position": position}
        _upsert(tables.Event, values.pop("id"), values)
    for kind, model in (
        (catalog.legal_resources, tables.LegalResource),
        (catalog.evidence_types, tables.EvidenceType),
        (catalog.redress, tables.Redress),
    ):
        for entry in kind:
            values = dataclasses.asdict(entry)
            _upsert(model, values.pop("id"), values)


def write_services(
    catalog: pure.Catalog,
    *,
    reason: str,
    user: AbstractBaseUser | None = None,
    progress: Progress | None = None,
    incomplete: Mapping[str, tuple[str, ...]] | None = None,
) -> WriteCounts:
    """Create or update every service of `catalog` (call `write_references` first).

    `incomplete` maps a service id to the SDG items it lacks: it is stored as a draft.
    """
    missing = incomplete or {}
    existing = {s.identifier: s for s in _service_rows()}
    relations = _relations([row.pk for row in existing.values()])
    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for done, service in enumerate(catalog.services, start=1):
        row = existing.get(service.id)
        if row is None:
            row = tables.Service(identifier=service.id, position=len(existing) + done)
            created.append(service.id)
        elif same_content(service_value(row, relations[row.pk]), service) and (
            row.missing_sdg_items == list(missing.get(service.id, ()))
        ):
            unchanged.append(service.id)
            continue
        else:
            updated.append(service.id)
        save_service(row, service, reason=reason, user=user, missing=missing.get(service.id, ()))
        if progress is not None:
            progress(done, len(catalog.services))
    return WriteCounts(tuple(created), tuple(updated), tuple(unchanged))


def same_content(a: pure.Service, b: pure.Service) -> bool:
    """Whether two versions say the same: RDF keeps no order of references, requirements or
    costs, so a catalog read back from its own export differs from the stored one only there.
    """
    return _unordered(a) == _unordered(b)


def _unordered(s: pure.Service) -> pure.Service:
    return dataclasses.replace(
        s,
        authorities=tuple(sorted(s.authorities)),
        events=tuple(sorted(s.events)),
        contact_points=tuple(sorted(s.contact_points)),
        legal_resources=tuple(sorted(s.legal_resources)),
        requirements=tuple(
            sorted(
                (
                    dataclasses.replace(r, evidence=tuple(sorted(r.evidence)))
                    for r in s.requirements
                ),
                key=_canonical,
            )
        ),
        costs=tuple(sorted(s.costs, key=_canonical)),
        processing_time=_days(s.processing_time),
        channels=tuple(sorted(s.channels)),
        eid=dataclasses.replace(s.eid, means=tuple(sorted(s.eid.means))) if s.eid else None,
    )


def _canonical(value: Any) -> str:
    return json.dumps(dataclasses.asdict(value), sort_keys=True)


def _days(duration: str) -> str:
    # xsd:duration has no weeks, so the graph says P56D for the content's P8W
    weeks = re.fullmatch(r"P(\d+)W", duration)
    return f"P{int(weeks.group(1)) * 7}D" if weeks else duration


def save_service(
    row: tables.Service,
    service: pure.Service,
    *,
    reason: str,
    user: AbstractBaseUser | None,
    missing: tuple[str, ...] = (),
) -> None:
    """Write `service` into `row` and keep exactly one history record of the new version.

    `missing` lists the SDG items it lacks; without any, the service is complete.
    """
    created = row.pk is None
    row.name, row.description, row.mode = service.name, service.description, service.mode
    row.channels, row.steps = list(service.channels), list(service.steps)
    row.eid = {"loa": service.eid.loa, "means": list(service.eid.means)} if service.eid else None
    row.requirements = [
        {"name": r.name, "evidence": list(r.evidence)} for r in service.requirements
    ]
    row.costs = [dataclasses.asdict(c) for c in service.costs]
    row.processing_time, row.deadline = service.processing_time, service.deadline
    row.redress = (
        tables.Redress.objects.get(identifier=service.redress) if service.redress else None
    )
    row.missing_sdg_items, row.complete = list(missing), not missing
    row.output = {"name": service.output.name, "description": service.output.description}
    row.updated = service.updated
    row.skip_history_when_saving = True  # type: ignore[attr-defined]
    row.save()
    _link(row, service)
    del row.skip_history_when_saving  # type: ignore[attr-defined]
    record_version(row, created=created, reason=reason, user=user)


def _link(row: tables.Service, service: pure.Service) -> None:
    # one `add` per target: `set()` adds a set of ids, which would lose the content's order
    targets: dict[str, type[models.Model]] = {
        "authorities": tables.Organisation,
        "events": tables.Event,
        "contact_points": tables.ContactPoint,
        "legal_resources": tables.LegalResource,
    }
    for name, model in targets.items():
        wanted: tuple[str, ...] = getattr(service, name)
        by_id = {r.identifier: r for r in model._default_manager.filter(identifier__in=wanted)}  # type: ignore[attr-defined]
        related = getattr(row, name)
        related.clear()
        for identifier in wanted:
            related.add(by_id[identifier])


def record_version(
    row: tables.Service, *, created: bool, reason: str, user: AbstractBaseUser | None
) -> None:
    """One history record of `row` as it is now, relations included (who, when, why)."""
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = reason  # type: ignore[attr-defined]
    row._history_date = dt.datetime.now(tz=dt.UTC)  # type: ignore[attr-defined]
    tables.SERVICE_HISTORY.create_historical_record(row, "+" if created else "~")


def edited_services(*, since_reason: str) -> set[str]:
    """Identifiers of services whose latest version was not written with `since_reason`."""
    latest: dict[str, str] = {}
    history = tables.Service.history.order_by("history_date", "history_id")
    for identifier, reason in history.values_list("identifier", "history_change_reason"):
        latest[identifier] = reason or ""
    return {identifier for identifier, reason in latest.items() if reason != since_reason}
