# SPDX-License-Identifier: EUPL-1.2
"""What the finder searches: the catalog's life events and services with their texts in
every language, and the curated synonyms. Pure: no Django; IO only to read the YAML file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lifegate.catalog.cpsv import Catalog

LANGUAGES = ("nl", "en")
SYNONYMS_FILE = Path(__file__).parent / "content" / "synonyms.yaml"


@dataclass(frozen=True)
class Target:
    """A life event or service the finder can point to, with what it is known by.

    `texts[lang]` is the catalog's wording (name first); `synonyms[lang]` the curated words
    and phrases citizens use for it.
    """

    id: str
    kind: str  # "life-event", "business-event" or "service"
    name: Mapping[str, str]
    texts: Mapping[str, tuple[str, ...]]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    events: tuple[str, ...] = ()


class SynonymError(ValueError):
    """The synonyms file names an id the catalog does not have, or is malformed."""


Synonyms = dict[str, dict[str, tuple[str, ...]]]


def read_synonyms(path: Path = SYNONYMS_FILE) -> Synonyms:
    """The synonyms file as {catalog id: {language: phrases}}."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    raw = document.get("synonyms") or {}
    if not isinstance(raw, dict):
        raise SynonymError(f"{path.name}: `synonyms` must map catalog ids to languages")
    return {
        str(key): {str(lang): tuple(str(p) for p in phrases) for lang, phrases in value.items()}
        for key, value in raw.items()
    }


def merge_synonyms(*sources: Synonyms) -> Synonyms:
    """All phrases of several sources (the file and the officials' additions), deduplicated."""
    merged: dict[str, dict[str, list[str]]] = {}
    for source in sources:
        for key, by_lang in source.items():
            for lang, phrases in by_lang.items():
                known = merged.setdefault(key, {}).setdefault(lang, [])
                known.extend(p for p in phrases if p not in known)
    return {key: {lang: tuple(p) for lang, p in v.items()} for key, v in merged.items()}


def build_targets(catalog: Catalog, synonyms: Synonyms) -> tuple[Target, ...]:
    """One target per life event and service; raises `SynonymError` for an unknown id."""
    events = tuple(
        Target(
            id=e.id,
            kind=f"{e.kind}-event",
            name=dict(e.name),
            texts={lang: _texts(lang, e.name, e.description) for lang in LANGUAGES},
            synonyms=synonyms.get(e.id, {}),
        )
        for e in catalog.events
    )
    services = tuple(
        Target(
            id=s.id,
            kind="service",
            name=dict(s.name),
            texts={lang: _texts(lang, s.name, s.description, s.output.name) for lang in LANGUAGES},
            synonyms=synonyms.get(s.id, {}),
            events=s.events,
        )
        for s in catalog.services
    )
    targets = events + services
    unknown = sorted(set(synonyms) - {t.id for t in targets})
    if unknown:
        raise SynonymError(f"synonyms for ids the catalog does not have: {', '.join(unknown)}")
    return targets


def _texts(lang: str, *texts: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(text.get(lang, "") for text in texts if text.get(lang))


def target_ids(targets: Iterable[Target]) -> set[str]:
    return {t.id for t in targets}
