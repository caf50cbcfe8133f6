# SPDX-License-Identifier: EUPL-1.2
"""The exchange block's door. Every read of personal data in the platform goes through
`read_person_data`; see README.md for the contract.

    from lifegate.exchange import services as exchange

    released = exchange.read_person_data(
        exchange.Requester("belastingdienst-toeslagen"),
        "toeslagen-healthcare-allowance",
        exchange.Subject.bsn(bsn),
        ["incomes.yearlyIncome", "insurances.healthInsured"],
        trace,                      # TraceContext.parse(request.headers.get("traceparent"))
        journey="journey:123",
    )
    released.value("incomes.yearlyIncome")
"""

from __future__ import annotations

from lifegate.exchange import activities, consent, labels, log
from lifegate.exchange.activities import Activity
from lifegate.exchange.feeds import PersonEvent, registry_events
from lifegate.exchange.policy import REASONS, RefusedError
from lifegate.exchange.reads import Released, Requester, Subject, read_person_data
from lifegate.exchange.statistics import read_for_statistics
from lifegate.exchange.trace import TraceContext
from lifegate.exchange.uses import DataUse, DataUseLog, data_uses

__all__ = [
    "REASONS",
    "Activity",
    "DataUse",
    "DataUseLog",
    "PersonEvent",
    "RefusedError",
    "Released",
    "Requester",
    "Subject",
    "TraceContext",
    "consent_activities",
    "data_uses",
    "field_label",
    "find_activity",
    "give_consent",
    "has_consent",
    "read_for_statistics",
    "read_person_data",
    "registry_events",
    "subject_hash",
    "withdraw_consent",
]


def subject_hash(kind: str, identifier: str) -> str:
    """The keyed hash the log knows a subject by: kind "bsn", "kvk" or "eidas"."""
    return log.subject_hash(kind, identifier)


def consent_activities() -> list[Activity]:
    """The processing activities a citizen can give or withdraw consent for."""
    return [a for a in activities.register().values() if a.needs_consent]


def give_consent(subject: Subject, activity_id: str) -> None:
    consent.give(subject.hash, _consent_activity(activity_id))


def withdraw_consent(subject: Subject, activity_id: str) -> None:
    """Effective for the very next read (consent is never cached)."""
    consent.withdraw(subject.hash, _consent_activity(activity_id))


def has_consent(subject: Subject, activity_id: str) -> bool:
    return consent.is_given(subject.hash, activity_id)


def _consent_activity(activity_id: str) -> str:
    activity = activities.find(activity_id)
    if activity is None or not activity.needs_consent:
        raise ValueError(f"{activity_id!r} is not an activity based on consent")
    return activity.id


def find_activity(activity_id: str) -> Activity | None:
    """A processing activity of the register by id (what it may read, on what basis)."""
    return activities.find(activity_id)


def field_label(name: str) -> str:
    """A registry field (`persons.birthDate`) as citizens read it, in the active language."""
    return labels.field_label(name)
