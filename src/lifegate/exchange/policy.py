# SPDX-License-Identifier: EUPL-1.2
"""Deny by default: who may read which fields of whom, for which processing activity.

Each refusal names a stable reason, answered as problem+json and logged like a release.
"""

from __future__ import annotations

from dataclasses import dataclass

from lifegate.core.problems import InvalidParam, Problem
from lifegate.exchange import activities
from lifegate.exchange.activities import Activity
from lifegate.registries.catalogue import REGISTRIES, UnknownFieldError, split_fields

# reason -> (problem kind, what to tell the caller)
REASONS: dict[str, tuple[str, str]] = {
    "purpose-missing": ("invalid-input", "Name the purpose: a processing activity of yours."),
    "purpose-unknown": (
        "forbidden",
        "This purpose is not in the register of processing activities.",
    ),
    "purpose-not-of-requester": (
        "forbidden",
        "This processing activity belongs to another organisation.",
    ),
    "purpose-not-statistical": (
        "forbidden",
        "This processing activity is not for statistics: read one person at a time.",
    ),
    "fields-missing": ("invalid-input", "Name the fields you need (data minimisation)."),
    "field-unknown": ("invalid-input", "No registry has these fields."),
    "field-not-for-subject": ("invalid-input", "These fields are not about this kind of subject."),
    "field-not-allowed": ("forbidden", "This purpose does not allow these fields."),
    "subject-unknown": ("not-found", "The registries know no such data subject."),
    "subject-outside-remit": ("forbidden", "This person is outside your organisation's remit."),
    "consent-missing": (
        "forbidden",
        "This purpose needs the person's consent, which was not given.",
    ),
    "consent-withdrawn": ("forbidden", "The person withdrew their consent for this purpose."),
    "registry-unavailable": (
        "service-unavailable",
        "A registry did not answer; nothing was released.",
    ),
    "log-unavailable": (
        "service-unavailable",
        "The read could not be logged, so nothing was released.",
    ),
}


class RefusedError(Exception):
    """A read the policy (or a failure) did not allow; `reason` is a key of `REASONS`."""

    def __init__(self, reason: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fields = fields

    def problem(self) -> Problem:
        kind, detail = REASONS[self.reason]
        params = tuple(
            InvalidParam("fields", f"{f}: {self.reason}", self.reason) for f in self.fields
        )
        return Problem(kind, detail, invalid_params=params, extra={"reason": self.reason})


@dataclass(frozen=True)
class Decision:
    activity: Activity
    by_registry: dict[str, tuple[str, ...]]


def decide(organisation: str, purpose: str, subject_kind: str, fields: tuple[str, ...]) -> Decision:
    """The activity and fields per registry, or `RefusedError`; consent and remit come later."""
    if not purpose:
        raise RefusedError("purpose-missing")
    activity = activities.find(purpose)
    if activity is None:
        raise RefusedError("purpose-unknown")
    if activity.organisation != organisation:
        raise RefusedError("purpose-not-of-requester")
    if not fields:
        raise RefusedError("fields-missing")
    try:
        by_registry = split_fields(fields)
    except UnknownFieldError as exc:
        raise RefusedError("field-unknown", tuple(exc.names)) from exc
    key = "kvkNumber" if subject_kind == "kvk" else "bsn"
    wrong = tuple(
        f"{r}.{f}" for r, fs in by_registry.items() if REGISTRIES[r].key != key for f in fs
    )
    if wrong:
        raise RefusedError("field-not-for-subject", wrong)
    not_allowed = tuple(f for f in fields if f not in activity.fields)
    if not_allowed:
        raise RefusedError("field-not-allowed", not_allowed)
    return Decision(activity, by_registry)
