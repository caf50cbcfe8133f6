# SPDX-License-Identifier: EUPL-1.2
"""What citizens asked, aggregated: normalised questions with counts, never who or when."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from lifegate.assistant.models import QueryStat
from lifegate.assistant.query import looks_personal
from lifegate.catalog import text

_WORD = re.compile(r"\w+")
MAX_STORED = 200


def normalise(question: str) -> str:
    """Folded words only ("Baby!  geboren?" → "baby geboren"), at most 200 characters."""
    return " ".join(_WORD.findall(text.fold(question)))[:MAX_STORED].strip()


def _row(question: str, lang: str) -> QueryStat | None:
    """The row to count this question in; None when it must not be stored."""
    key = normalise(question)
    if not key or looks_personal(question):
        return None
    today = timezone.localdate()
    row, _ = QueryStat.objects.get_or_create(
        query=key, language=lang, defaults={"last_seen": today}
    )
    return row


def record_search(question: str, lang: str, *, found: bool) -> None:
    try:
        with transaction.atomic():
            row = _row(question, lang)
            if row is None:
                return
            QueryStat.objects.filter(pk=row.pk).update(
                searches=F("searches") + 1,
                unanswered=F("unanswered") + (0 if found else 1),
                last_seen=timezone.localdate(),
            )
    except IntegrityError:  # two first searches at once: the other one counted it
        return


def record_not_meant(question: str, lang: str, target: str) -> None:
    with transaction.atomic():
        row = _row(question, lang)
        if row is None:
            return
        locked = QueryStat.objects.select_for_update().get(pk=row.pk)
        targets = dict(locked.not_meant_targets)
        if target:
            targets[target] = int(targets.get(target, 0)) + 1
        locked.not_meant += 1
        locked.not_meant_targets = targets
        locked.last_seen = timezone.localdate()
        locked.save(update_fields=["not_meant", "not_meant_targets", "last_seen"])


@dataclass(frozen=True)
class Missed:
    """A question citizens did not find an answer to, as officials see it."""

    query: str
    language: str
    searches: int
    unanswered: int
    not_meant: int
    not_meant_targets: dict[str, int]


def missed(min_count: int, limit: int = 200) -> list[Missed]:
    """Questions that found nothing or got "not what I meant", asked at least `min_count`
    times, most missed first."""
    rows = QueryStat.objects.filter(Q(unanswered__gt=0) | Q(not_meant__gt=0)).filter(
        searches__gte=min_count
    )[:limit]
    return [
        Missed(r.query, r.language, r.searches, r.unanswered, r.not_meant, r.not_meant_targets)
        for r in rows
    ]
