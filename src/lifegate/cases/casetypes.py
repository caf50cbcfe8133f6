# SPDX-License-Identifier: EUPL-1.2
"""ZGW-style case statuses, their order, citizen-facing sub-statuses and results (pure).

A case starts `received`; agencies move it on; `decided` is set only by a decision and
nothing follows it. Sub-statuses ("documents received", "waiting for you") are statuses
the citizen sees while the agency works on the case.
"""

from __future__ import annotations

RECEIVED = "received"
IN_PROGRESS = "in-progress"
WAITING_FOR_CITIZEN = "waiting-for-citizen"
DOCUMENTS_RECEIVED = "documents-received"
DECIDED = "decided"

STATUSES = (RECEIVED, IN_PROGRESS, WAITING_FOR_CITIZEN, DOCUMENTS_RECEIVED, DECIDED)
SETTABLE = (IN_PROGRESS, WAITING_FOR_CITIZEN, DOCUMENTS_RECEIVED)
RESULTS = ("granted", "refused")

# Which status may follow which (a decision is its own operation).
_NEXT: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({IN_PROGRESS, WAITING_FOR_CITIZEN}),
    IN_PROGRESS: frozenset({WAITING_FOR_CITIZEN, DOCUMENTS_RECEIVED}),
    WAITING_FOR_CITIZEN: frozenset({DOCUMENTS_RECEIVED, IN_PROGRESS}),
    DOCUMENTS_RECEIVED: frozenset({IN_PROGRESS, WAITING_FOR_CITIZEN}),
    DECIDED: frozenset(),
}
# Changes the citizen gets a message about (the others show in the journey only).
NOTIFY = frozenset({WAITING_FOR_CITIZEN, DOCUMENTS_RECEIVED, DECIDED})


def may_follow(current: str, new: str) -> bool:
    """Whether `new` may follow `current`: `may_follow("received", "decided")` is False."""
    return new in _NEXT.get(current, frozenset())


def case_type(service_id: str) -> str:
    """The case type of a service: one per catalog service, e.g. `zaaktype:kinderbijslag`."""
    return f"zaaktype:{service_id}"
