# SPDX-License-Identifier: EUPL-1.2
"""Cases at agencies: opened on accept or on application, statuses, information, decisions.

Every change publishes its case event through the outbox in the same transaction (CloudEvents,
NL GOV profile; ids and statuses only, never personal data) and, where it matters to the
citizen, sends a message.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lifegate.cases import casetypes, catalogue, notify
from lifegate.cases.models import Case, CaseStatus, Journey, Offer
from lifegate.cases.refusals import refused
from lifegate.demo import services as registry
from lifegate.exchange import services as exchange
from lifegate.messagebox import services as messagebox
from lifegate.outbox import services as outbox

EVENT_PREFIX = "nl.lifegate.cases."


def _publish(case: Case, kind: str, **data: Any) -> None:
    body = {
        "caseId": str(case.id),
        "reference": case.reference,
        "caseType": case.case_type,
        "status": case.status,
        **data,
    }
    outbox.publish(EVENT_PREFIX + kind, str(case.id), body, case.organisation)


def _shared_data(
    case: Case, actor_id: int, activity: str, fields: tuple[str, ...]
) -> dict[str, Any]:
    """What the agency receives: read through the exchange under its own activity."""
    person = registry.find_person(case.person_id)
    if not activity or person is None or not person.bsn:
        return {}
    released = exchange.read_person_data(
        exchange.Requester(case.organisation, actor=f"person:{actor_id}"),
        activity,
        exchange.Subject.bsn(person.bsn),
        list(fields),
        journey=f"journey:{case.journey_id}" if case.journey_id else "",
    )
    return {name: released.value(name) for name in fields}


def open_case(
    service: str, person_id: int, actor_id: int, journey: Journey | None, offer: Offer | None = None
) -> Case:
    """Open a case at the competent agency; call inside a transaction."""
    organisation, activity, fields = catalogue.shared_fields(service)
    case = Case.objects.create(
        reference=f"LG-{secrets.token_hex(5).upper()}",
        case_type=casetypes.case_type(service),
        service=service,
        organisation=organisation,
        person_id=person_id,
        journey=journey,
        offer=offer,
        shared_fields=list(fields),
    )
    case.shared_data = _shared_data(case, actor_id, activity, fields)
    case.save(update_fields=["shared_data"])
    CaseStatus.objects.create(case=case, status=casetypes.RECEIVED, set_by="citizen")
    _publish(case, "case-opened")
    _tell(case, "opened")
    return case


def case_uuid(case_id: str) -> uuid.UUID:
    """The case id as a UUID; text that is no UUID names no case (404, not a server error)."""
    try:
        return uuid.UUID(case_id)
    except ValueError:
        raise refused("case-not-found") from None


def _case_for(case_id: str, organisation: str | None) -> Case:
    case = Case.objects.select_for_update().filter(id=case_uuid(case_id)).first()
    if case is None:
        raise refused("case-not-found")
    if organisation is not None and case.organisation != organisation:
        raise refused("case-of-another-organisation")
    return case


def set_status(case_id: str, organisation: str, status: str, note: str, set_by: str) -> Case:
    if status not in casetypes.STATUSES:
        raise refused("status-unknown")
    with transaction.atomic():
        case = _case_for(case_id, organisation)
        if case.status == casetypes.DECIDED:
            raise refused("case-already-decided")
        if not casetypes.may_follow(case.status, status):
            raise refused("status-out-of-order", f"“{status}” cannot follow “{case.status}”.")
        _move(case, status, note, set_by)
    return case


def _move(case: Case, status: str, note: str, set_by: str) -> None:
    case.status = status
    case.save(update_fields=["status"])
    CaseStatus.objects.create(case=case, status=status, note=note, set_by=set_by)
    _publish(case, "status-changed")
    if status in casetypes.NOTIFY and status != casetypes.WAITING_FOR_CITIZEN:
        _tell(case, status)


def request_information(case_id: str, organisation: str, question: str, set_by: str) -> Case:
    """Ask the citizen; the question lands in the message box as an action to reply to."""
    if not question.strip():
        raise refused("question-missing")
    with transaction.atomic():
        case = _case_for(case_id, organisation)
        if case.status == casetypes.DECIDED:
            raise refused("case-already-decided")
        if case.status != casetypes.WAITING_FOR_CITIZEN:
            _move(case, casetypes.WAITING_FOR_CITIZEN, "", set_by)
        count = case.statuses.count()
        _tell(
            case,
            "question",
            question=question,
            key=f"{case.id}:question:{count}",
            actions=(messagebox.Action("reply", reference=case.reference),),
        )
        _publish(case, "information-requested")
    return case


def decide(case_id: str, organisation: str, result: str, reasons: str, set_by: str) -> Case:
    if result not in casetypes.RESULTS:
        raise refused("result-unknown")
    if not reasons.strip():
        raise refused("reasons-missing")
    with transaction.atomic():
        case = _case_for(case_id, organisation)
        if case.status == casetypes.DECIDED:
            raise refused("case-already-decided")
        case.result, case.reasons, case.decided_at = result, reasons.strip(), timezone.now()
        case.save(update_fields=["result", "reasons", "decided_at"])
        _move(case, casetypes.DECIDED, "", set_by)
        _publish(case, "case-decided", result=result)
    return case


def _tell(
    case: Case,
    occasion: str,
    *,
    question: str = "",
    key: str = "",
    actions: tuple[messagebox.Action, ...] = (),
) -> None:
    def compose(language: str) -> tuple[str, str]:
        name = catalogue.service_name(case.service, language)
        agency = catalogue.organisation_name(case.organisation, language)
        return _case_text(case, occasion, name, agency, question=question, language=language)

    notify.send(
        case.organisation,
        case.person_id,
        key or f"{case.id}:{occasion}",
        compose,
        legal_basis=catalogue.service_name(case.service, "nl"),
        reference=case.reference,
        actions=actions,
    )


def _case_text(
    case: Case, occasion: str, name: str, agency: str, *, question: str, language: str
) -> tuple[str, str]:
    ids = {"service": name, "agency": agency, "reference": case.reference}
    if occasion == "opened":
        return (
            _("Case opened: %(service)s") % ids,
            _(
                "%(agency)s has received your case %(reference)s for %(service)s. "
                "Follow it under “My cases”."
            )
            % ids,
        )
    if occasion == "question":
        return (_("%(agency)s asks for information (%(reference)s)") % ids, question)
    if occasion == casetypes.DOCUMENTS_RECEIVED:
        return (
            _("Documents received (%(reference)s)") % ids,
            _("%(agency)s has received your documents for %(service)s.") % ids,
        )
    outcome = _("granted") if case.result == "granted" else _("refused")
    body = _("Decision on %(service)s (%(reference)s): %(outcome)s.") % {**ids, "outcome": outcome}
    body += "\n\n" + _("Reasons: %(reasons)s") % {"reasons": case.reasons}
    body += "\n\n" + _("How to object: %(objection)s") % {
        "objection": catalogue.objection_text(case.service, language)
    }
    return _("Decision: %(service)s") % ids, body
