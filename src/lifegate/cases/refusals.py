# SPDX-License-Identifier: EUPL-1.2
"""Refusals with a clear reason (problem+json with a stable `code`); nothing is changed."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from lifegate.core.problems import Problem, ProblemError

DETAILS: dict[str, tuple[str, str]] = {
    "offer-not-found": ("not-found", gettext_noop("There is no such offer in your journeys.")),
    "offer-already-accepted": ("conflict", gettext_noop("This offer was already accepted.")),
    "offer-already-declined": (
        "conflict",
        gettext_noop("This offer was declined; it cannot be accepted."),
    ),
    "offer-withdrawn": ("gone", gettext_noop("This offer was withdrawn by the agency.")),
    "offer-expired": (
        "gone",
        gettext_noop("This offer has expired; apply for the service instead."),
    ),
    "offer-not-entitled": (
        "conflict",
        gettext_noop("The rules found no entitlement: there is nothing to accept."),
    ),
    "offer-needs-answers": (
        "conflict",
        gettext_noop("Answer the questions first; then the offer is computed."),
    ),
    "question-missing": ("invalid-input", gettext_noop("Write the question for the citizen.")),
    "answer-invalid": ("invalid-input", gettext_noop("Please answer every question.")),
    "journey-not-found": ("not-found", gettext_noop("There is no such journey among yours.")),
    "consent-not-asked": ("conflict", gettext_noop("This journey does not need your permission.")),
    "already-applied": (
        "conflict",
        gettext_noop("You already applied for this service in this journey."),
    ),
    "not-applicable": ("conflict", gettext_noop("This service cannot be applied for online here.")),
    "case-not-found": ("not-found", gettext_noop("There is no case with this id.")),
    "case-of-another-organisation": (
        "forbidden",
        gettext_noop("This case belongs to another organisation; you may not see or change it."),
    ),
    "case-already-decided": (
        "conflict",
        gettext_noop("This case has been decided; it cannot change again."),
    ),
    "status-out-of-order": (
        "conflict",
        gettext_noop("This status cannot follow the case's current status."),
    ),
    "status-unknown": ("invalid-input", gettext_noop("Unknown status.")),
    "result-unknown": ("invalid-input", gettext_noop("The result must be granted or refused.")),
    "reasons-missing": ("invalid-input", gettext_noop("A decision needs its reasons.")),
    "event-unknown": ("invalid-input", gettext_noop("Unknown registry event type.")),
    "person-unknown": ("unprocessable", gettext_noop("The registry does not know this person.")),
    "organisation-may-not-report": (
        "forbidden",
        gettext_noop("Only a municipality or the persons registry reports registry events."),
    ),
}


def refused(code: str, detail: str = "") -> ProblemError:
    kind, default = DETAILS[code]
    return ProblemError(Problem(kind, detail or default, extra={"code": code}))


def code_of(error: ProblemError) -> str:
    return str(error.problem.extra.get("code", ""))


def explained(error: ProblemError) -> str:
    """The refusal in the page's language (the API answers in English)."""
    code = code_of(error)
    return gettext(DETAILS[code][1]) if code in DETAILS else error.problem.detail
