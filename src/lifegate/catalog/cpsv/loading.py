# SPDX-License-Identifier: EUPL-1.2
"""Load the catalog content files into a `Catalog`, refusing incomplete entries.

Each YAML file under the content directory maps kinds (``services``, ``events``, …) to
lists of entries; a kind may be spread over several files. `check_content` returns every
problem at once; `load_catalog` raises `ContentError` carrying them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lifegate.catalog.cpsv import checks
from lifegate.catalog.cpsv.checks import ContentProblem
from lifegate.catalog.cpsv.model import (
    Catalog,
    ContactPoint,
    Cost,
    Eid,
    Event,
    EvidenceType,
    LegalResource,
    Organisation,
    Output,
    Redress,
    Requirement,
    Service,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

# (kind, field, referenced kind) for every reference between entries
_REFERENCES = (
    ("contact_points", "organisation", "organisations"),
    ("services", "authorities", "organisations"),
    ("services", "events", "events"),
    ("services", "contact_points", "contact_points"),
    ("services", "redress", "redress"),
    ("services", "legal_resources", "legal_resources"),
)


@dataclass(frozen=True)
class Entry:
    """One raw entry with the file it came from."""

    source: str
    data: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.source} {self.data.get('id', '?')}"


RawContent = dict[str, list[Entry]]


class ContentError(ValueError):
    """The content is incomplete or inconsistent; `problems` says where and why."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def read_content(content_dir: Path = CONTENT_DIR) -> RawContent:
    """Every entry of every kind in the YAML files under `content_dir`."""
    raw: RawContent = {kind: [] for kind in checks.KINDS}
    for path in sorted(content_dir.rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        source = path.relative_to(content_dir).as_posix()
        for kind, entries in document.items():
            if kind not in raw:
                raise ContentError([ContentProblem(source, kind, "unknown kind of content")])
            raw[kind].extend(Entry(source, entry) for entry in entries or [])
    return raw


def check_content(raw: RawContent) -> list[ContentProblem]:
    """Every problem in the content: missing or malformed fields, duplicates, dangling ids."""
    problems = list(_field_problems(raw))
    problems.extend(_duplicate_problems(raw))
    problems.extend(_reference_problems(raw))
    return problems


def load_catalog(content_dir: Path = CONTENT_DIR) -> Catalog:
    """The checked catalog; raises `ContentError` listing every problem."""
    raw = read_content(content_dir)
    problems = check_content(raw)
    if problems:
        raise ContentError(problems)
    return parse_catalog(raw)


def _field_problems(raw: RawContent) -> Iterator[ContentProblem]:
    for kind, entries in raw.items():
        check = checks.record(checks.KINDS[kind], checks.OPTIONAL.get(kind, frozenset()))
        for entry in entries:
            for path, message in check(entry.data):
                yield ContentProblem(entry.where, path.lstrip("."), message)
            for unknown in sorted(set(entry.data) - set(checks.KINDS[kind])):
                yield ContentProblem(entry.where, unknown, "unknown field")
            information = entry.data.get("mode") == "information"
            if kind == "services" and not information and not entry.data.get("eid"):
                yield ContentProblem(
                    entry.where, "eid", "is required unless the service is information-only"
                )


def _duplicate_problems(raw: RawContent) -> Iterator[ContentProblem]:
    for kind, entries in raw.items():
        seen: set[str] = set()
        for entry in entries:
            identifier = str(entry.data.get("id"))
            if identifier in seen:
                yield ContentProblem(entry.where, "id", f"duplicate id in {kind}")
            seen.add(identifier)


def _reference_problems(raw: RawContent) -> Iterator[ContentProblem]:
    ids = {kind: {str(e.data.get("id")) for e in entries} for kind, entries in raw.items()}
    for kind, field, target in _REFERENCES:
        for entry in raw[kind]:
            value = entry.data.get(field)
            for reference in value if isinstance(value, list) else [value]:
                if reference is not None and reference not in ids[target]:
                    yield ContentProblem(entry.where, field, f"no {target} with id {reference!r}")
    for entry in raw["services"]:
        for index, requirement in enumerate(entry.data.get("requirements") or []):
            for evidence in (requirement or {}).get("evidence") or []:
                if evidence not in ids["evidence_types"]:
                    field = f"requirements[{index}].evidence"
                    yield ContentProblem(entry.where, field, f"no evidence type {evidence!r}")


def parse_catalog(raw: RawContent) -> Catalog:
    """Typed values from checked raw content (call `check_content` first)."""

    def data(kind: str) -> list[dict[str, Any]]:
        return [entry.data for entry in raw[kind]]

    return Catalog(
        organisations=tuple(_organisation(d) for d in data("organisations")),
        contact_points=tuple(ContactPoint(**d) for d in data("contact_points")),
        events=tuple(Event(**d) for d in data("events")),
        legal_resources=tuple(LegalResource(**d) for d in data("legal_resources")),
        evidence_types=tuple(EvidenceType(**d) for d in data("evidence_types")),
        redress=tuple(Redress(**d) for d in data("redress")),
        services=tuple(_service(d) for d in data("services")),
    )


def _organisation(d: dict[str, Any]) -> Organisation:
    fields = {**d, "oin": d.get("oin") or "", "municipality_code": d.get("municipality_code")}
    fields["municipality_code"] = fields["municipality_code"] or ""
    return Organisation(**fields)


def _service(d: dict[str, Any]) -> Service:
    eid = d.get("eid")
    return Service(
        id=d["id"],
        name=d["name"],
        description=d["description"],
        authorities=tuple(d["authorities"]),
        events=tuple(d["events"]),
        mode=d["mode"],
        contact_points=tuple(d["contact_points"]),
        channels=tuple(d["channels"]),
        steps=tuple(d["steps"]),
        requirements=tuple(
            Requirement(r["name"], tuple(r.get("evidence") or ())) for r in d["requirements"]
        ),
        costs=tuple(Cost(float(c["amount"]), c["currency"], c["description"]) for c in d["costs"]),
        processing_time=d["processing_time"],
        deadline=d["deadline"],
        redress=d["redress"],
        legal_resources=tuple(d["legal_resources"]),
        output=Output(d["output"]["name"], d["output"]["description"]),
        updated=d["updated"],
        eid=Eid(eid["loa"], tuple(eid["means"])) if eid else None,
    )
