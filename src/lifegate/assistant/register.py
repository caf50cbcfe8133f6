# SPDX-License-Identifier: EUPL-1.2
"""The algorithm register: entries with the Algoritmeregister fields, and their export as
rows (CSV) and documents (JSON). Pure: no Django; IO only to read the YAML file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

REGISTER_FILE = Path(__file__).parent / "content" / "register.yaml"
# The Algoritmeregister fields, in the order the register shows them.
FIELDS = (
    "name",
    "organisation",
    "status",
    "purpose",
    "how_it_works",
    "data_used",
    "human_involvement",
    "risks",
    "evaluation",
    "fairness",
    "objection",
    "contact",
    "legal_basis",
)


@dataclass(frozen=True)
class Entry:
    """One automated component: `texts[field][lang]` for every field of `FIELDS`."""

    id: str
    texts: Mapping[str, Mapping[str, str]]

    def text(self, field: str, lang: str) -> str:
        values = self.texts.get(field, {})
        return values.get(lang) or values.get("nl", "")

    def with_evaluation(self, results: Mapping[str, str]) -> Entry:
        """The entry with the figures of the latest evaluation added to its evaluation text."""
        texts = dict(self.texts)
        texts["evaluation"] = {
            lang: f"{text} {results[lang]}".strip() if lang in results else text
            for lang, text in self.texts.get("evaluation", {}).items()
        }
        return replace(self, texts=texts)


class RegisterError(ValueError):
    """An entry of the register file lacks a field or a language."""


def load_register(
    path: Path = REGISTER_FILE, languages: Sequence[str] = ("nl", "en")
) -> list[Entry]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    entries = []
    for raw in document["algorithms"]:
        missing = [
            f"{raw.get('id')}.{f}.{lang}"
            for f in FIELDS
            for lang in languages
            if not str((raw.get(f) or {}).get(lang, "")).strip()
        ]
        if missing:
            raise RegisterError(f"register entries lack: {', '.join(missing)}")
        texts = {
            f: {lang: " ".join(str(raw[f][lang]).split()) for lang in languages} for f in FIELDS
        }
        entries.append(Entry(str(raw["id"]), texts))
    return entries


def camel(field: str) -> str:
    """The JSON name of a field (NL API Design Rules): `how_it_works` → `howItWorks`."""
    first, *rest = field.split("_")
    return first + "".join(part.capitalize() for part in rest)


def as_documents(
    entries: Sequence[Entry], languages: Sequence[str] = ("nl", "en")
) -> list[dict[str, Any]]:
    """JSON export: per entry its id and every field (camelCase) as a language map."""
    return [
        {"id": e.id, **{camel(f): {lang: e.text(f, lang) for lang in languages} for f in FIELDS}}
        for e in entries
    ]


def as_csv(entries: Sequence[Entry], languages: Sequence[str] = ("nl", "en")) -> str:
    """CSV export: one row per entry, one column per field and language (`purpose_nl`, …)."""
    columns = ["id"] + [f"{f}_{lang}" for f in FIELDS for lang in languages]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for e in entries:
        writer.writerow([e.id] + [e.text(f, lang) for f in FIELDS for lang in languages])
    return out.getvalue()
