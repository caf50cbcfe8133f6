# SPDX-License-Identifier: EUPL-1.2
"""The catalog block's door: what other blocks may ask of the catalog."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import connections, models, transaction
from django.db.models.functions import Cast, Coalesce, Concat

from lifegate.catalog import models as tables
from lifegate.catalog import store
from lifegate.catalog.cpsv import DEFAULT_BASE, Catalog, Violation, import_rdf, load_catalog
from lifegate.catalog.cpsv.serialise import Format
from lifegate.catalog.models import Event, Organisation
from lifegate.catalog.search import SearchIndex, build_index

CONTENT = Path(__file__).parent / "content"
SEED_REASON = "content"
"""History reason of a service version written from the content files."""
_ORGANISATION_FIELDS = (
    "kind",
    "country",
    "municipality_code",
    "name",
    "website",
    "email",
    "phone",
    "oin",
)


@dataclass(frozen=True)
class OrganisationSummary:
    identifier: str
    name: str
    kind: str
    municipality_code: str


@dataclass(frozen=True)
class SeedCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def list_organisations(language: str) -> list[OrganisationSummary]:
    """Every organisation, named in `language` (Dutch when no text in that language)."""
    return [
        OrganisationSummary(
            identifier=o.identifier,
            name=str(o.name.get(language) or o.name.get("nl") or o.identifier),
            kind=o.kind,
            municipality_code=o.municipality_code,
        )
        for o in Organisation.objects.all()
    ]


def organisation_names(language: str) -> dict[str, str]:
    """Organisation identifier -> its name in `language`, for pages that show who did what."""
    return {o.identifier: o.name for o in list_organisations(language)}


def organisation_content() -> list[dict[str, Any]]:
    """The demo government's organisations as written in `content/organisations.yaml`."""
    with (CONTENT / "organisations.yaml").open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return list(document["organisations"])


def seed_organisations() -> SeedCounts:
    """Create or update the demo organisations, then the rest of the catalog (`seed_catalog`).

    A second run changes nothing. The counts are those of the organisations.
    """
    created = updated = unchanged = 0
    existing = {o.identifier: o for o in Organisation.objects.all()}
    with transaction.atomic():
        for entry in organisation_content():
            values = {name: entry.get(name, "") for name in _ORGANISATION_FIELDS}
            current = existing.get(entry["id"])
            if current is None:
                Organisation.objects.create(identifier=entry["id"], **values)
                created += 1
            elif any(getattr(current, k) != v for k, v in values.items()):
                Organisation.objects.filter(pk=current.pk).update(**values)
                updated += 1
            else:
                unchanged += 1
        seed_catalog()
    return SeedCounts(created, updated, unchanged)


def seed_catalog() -> SeedCounts:
    """Write the content files' events, services and what they refer to. Idempotent.

    A service an official has changed since it was seeded keeps the official's version: the
    content files only overwrite services whose latest version came from the content.
    """
    content = load_catalog()
    edited = store.edited_services(since_reason=SEED_REASON)
    seeded = Catalog(
        **{**content.__dict__, "services": tuple(s for s in content.services if s.id not in edited)}
    )
    with transaction.atomic():
        store.write_references(seeded)
        counts = store.write_services(seeded, reason=SEED_REASON)
    return SeedCounts(len(counts.created), len(counts.updated), len(counts.unchanged) + len(edited))


def current_catalog() -> Catalog:
    """The whole catalog as stored now."""
    return store.read_catalog()


def id_base() -> str:
    """The base of the catalog's resource URIs: `<public URL>/id/`."""
    public = str(getattr(settings, "PUBLIC_URL", "") or "").rstrip("/")
    return f"{public}/id/" if public else DEFAULT_BASE


@dataclass(frozen=True)
class Snapshot:
    """The catalog as stored now, with its search index and a fingerprint for ETags."""

    catalog: Catalog
    index: SearchIndex
    fingerprint: str


_SNAPSHOTS: dict[str, Snapshot] = {}


def snapshot() -> Snapshot:
    """The current catalog; the search index is rebuilt only when the catalog changed."""
    catalog = store.read_catalog()
    fingerprint = hashlib.sha256(repr(catalog).encode()).hexdigest()[:32]
    found = _SNAPSHOTS.get(fingerprint)
    if found is None:
        _SNAPSHOTS.clear()  # one catalog at a time: the old index is of no more use
        found = _SNAPSHOTS[fingerprint] = Snapshot(catalog, build_index(catalog), fingerprint)
    return found


_REFERENCES: tuple[type[models.Model], ...] = (
    tables.Organisation,
    tables.ContactPoint,
    tables.Event,
    tables.LegalResource,
    tables.EvidenceType,
    tables.Redress,
)


def version() -> str:
    """A cheap stamp of the stored catalog, for caches of other blocks: two queries, no parsing.

    It changes whenever `current_catalog()` may have changed: a service written, edited,
    reverted, completed or deleted (each leaves a history record: their count and latest date)
    or any organisation, contact point, event, legal resource, evidence type or redress
    text edited (their rows, as text). Unlike `snapshot().fingerprint` it reads no service
    row: one aggregate and one query of about a hundred short rows per call.
    """
    history = tables.Service.history.model._default_manager.aggregate(
        count=models.Count("pk"), latest=models.Max("history_date")
    )
    digest = hashlib.sha256(f"{history['count']}\x1e{history['latest']}\x1d".encode())
    with connections[_STAMP_DATABASE].cursor() as cursor:
        cursor.execute(*_references_sql())
        rows = cursor.fetchall()
    # rows in the order the database gives them: another order only costs a cache refill
    for label, value in rows:
        digest.update(f"{label}\x1e{value}\x1d".encode())
    return digest.hexdigest()[:32]


_STAMP_DATABASE = "default"
_STAMP_SQL: dict[str, tuple[str, Any]] = {}


def _references_sql() -> tuple[str, Any]:
    """Every reference row as one text, in one query; compiled once per database vendor
    (compiling the expressions costs more than running the query)."""
    connection = connections[_STAMP_DATABASE]
    if connection.vendor not in _STAMP_SQL:
        first, *rest = (
            model._default_manager.order_by().values_list(
                models.Value(model.__name__, output_field=models.TextField()),
                Concat(
                    *(_as_text(f) for f in model._meta.concrete_fields),
                    output_field=models.TextField(),
                ),
            )
            for model in _REFERENCES
        )
        union = first.union(*rest, all=True)
        _STAMP_SQL[connection.vendor] = union.query.get_compiler(_STAMP_DATABASE).as_sql()
    return _STAMP_SQL[connection.vendor]


def _as_text(field: models.Field[Any, Any]) -> Concat:
    # a separator after each field keeps ("ab", "c") apart from ("a", "bc")
    text: models.TextField[str, str] = models.TextField()
    return Concat(
        Coalesce(Cast(field.attname, text), models.Value("", output_field=text), output_field=text),
        models.Value("\x1f", output_field=text),
        output_field=text,
    )


@dataclass(frozen=True)
class ImportReport:
    """What an import did, or would do with `dry_run`; `violations` means nothing was written."""

    violations: tuple[Violation, ...] = ()
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    dry_run: bool = False
    incomplete: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Service id → SDG items it lacks: stored as a draft, not shown to citizens."""

    @property
    def ok(self) -> bool:
        return not self.violations


IMPORT_REASON = "import"


def import_catalog(
    data: str | bytes,
    rdf_format: Format,
    *,
    dry_run: bool = False,
    progress: store.Progress | None = None,
) -> ImportReport:
    """Validate a CPSV-AP catalog (Turtle or JSON-LD) and write it, all or nothing.

    Invalid RDF or any violation of the official CPSV-AP shapes: nothing is written and
    the report lists each violation with its node and property. A service that only lacks
    SDG items (a plain CPSV-AP catalog) is written as incomplete: `incomplete` names them. With
    `dry_run`, the report says what would change and the transaction is rolled back.
    """
    result = import_rdf(data, rdf_format)
    if result.catalog is None:
        return ImportReport(violations=result.violations, dry_run=dry_run)
    with transaction.atomic():
        store.write_references(result.catalog)
        counts = store.write_services(
            result.catalog, reason=IMPORT_REASON, progress=progress, incomplete=result.incomplete
        )
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(
        (), counts.created, counts.updated, counts.unchanged, dry_run, result.incomplete
    )


@dataclass(frozen=True)
class EventSummary:
    identifier: str
    name: str
    kind: str


def list_events(language: str) -> list[EventSummary]:
    """Every life event and business event, named in `language` (else Dutch)."""
    return [
        EventSummary(
            e.identifier, str(e.name.get(language) or e.name.get("nl") or e.identifier), e.kind
        )
        for e in Event.objects.all()
    ]
