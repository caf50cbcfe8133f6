# SPDX-License-Identifier: EUPL-1.2
"""Expiry notices: grantor and holder hear that a mandate ends soon, once per mandate end date.

Each notice is kept here (shown on the profile page) and sent as a message to the person's
message box (`messagebox.services`), in Dutch and English, in the same transaction and with
an idempotency key per mandate, person and end date, so a rerun never sends twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from lifegate.core.problems import ProblemError
from lifegate.demo import services as demo
from lifegate.identity import models
from lifegate.identity.catalog_scopes import scope_catalog
from lifegate.identity.scopes import ScopeCatalog, label
from lifegate.messagebox import services as messagebox

logger = logging.getLogger(__name__)
SENDER = "logius"  # runs the national mandate register (Machtigen) in the Netherlands
RETENTION_DAYS = 2 * 365
# A citation, in Dutch as every other legal basis in the message box.
LEGAL_BASIS = "Uw machtiging en haar voorwaarden (AVG art. 6 lid 1 onder e)"
_SUBJECT = {"nl": "Een machtiging loopt binnenkort af", "en": "A mandate ends soon"}
_BODY = {
    ("holder", "nl"): "De machtiging die {other} u gaf voor {scope} loopt af op {day}. "
    "Hebt u hem daarna nog nodig, vraag {other} dan om een nieuwe.",
    ("holder", "en"): "The mandate {other} gave you for {scope} ends on {day}. "
    "If you still need it after that, ask {other} for a new one.",
    ("grantor", "nl"): "De machtiging die u {other} gaf voor {scope} loopt af op {day}. "
    "Wilt u dat {other} daarna voor u blijft handelen, geef dan een nieuwe machtiging "
    "op de pagina Machtigingen.",
    ("grantor", "en"): "The mandate you gave {other} for {scope} ends on {day}. "
    "If {other} should go on acting for you after that, give a new mandate on the "
    "Mandates page.",
}


@dataclass(frozen=True)
class Notice:
    mandate_id: int
    kind: str
    valid_until: dt.date
    created_at: dt.datetime


def _recipients(mandate: models.Mandate) -> list[tuple[int, str]]:
    people = [(mandate.holder_person_id, "holder")]
    if mandate.grantor_person_id is not None:
        people.append((mandate.grantor_person_id, "grantor"))
    return people


def _name(person_id: int | None) -> str:
    person = demo.find_person(person_id) if person_id is not None else None
    return f"{person.given_names} {person.family_name}" if person else "-"


def _other(mandate: models.Mandate, role: str) -> str:
    if role == "grantor":
        return _name(mandate.holder_person_id)
    if mandate.grantor_kvk_number:
        company = demo.find_company(mandate.grantor_kvk_number)
        return company.name if company else mandate.grantor_kvk_number
    return _name(mandate.grantor_person_id)


def _send(mandate: models.Mandate, person_id: int, role: str, catalog: ScopeCatalog) -> None:
    recipient = messagebox.recipient_of_person(person_id)
    if recipient is None:
        return  # not in a registry: no message box, the profile page still shows it
    other, day = _other(mandate, role), mandate.valid_until
    texts = tuple(
        messagebox.Text(
            language,
            _SUBJECT[language],
            _BODY[(role, language)].format(
                other=other,
                scope=label(mandate.scope, catalog, language),
                day=day.strftime("%d-%m-%Y"),
            ),
        )
        for language in ("nl", "en")
    )
    draft = messagebox.MessageDraft(
        recipient, texts, LEGAL_BASIS, RETENTION_DAYS, reference=f"mandate-{mandate.pk}"
    )
    key = f"identity:mandate-ends:{mandate.pk}:{person_id}:{day.isoformat()}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    try:
        messagebox.send_message(SENDER, messagebox.Keyed(key, digest, draft))
    except ProblemError as refused:  # no box for this person: the profile page still shows it
        logger.warning("identity.notice_not_sent", extra={"reason": refused.problem.kind})


def announce_expiring(today: dt.date | None = None, days: int | None = None) -> int:
    """Notify grantor and holder of each active mandate ending within `days` (default
    LIFEGATE_MANDATE_NOTICE_DAYS); returns how many notices are new."""
    day = today or timezone.localdate()
    horizon = day + dt.timedelta(days=settings.MANDATE_NOTICE_DAYS if days is None else days)
    expiring = models.Mandate.objects.filter(
        status=models.Mandate.ACTIVE, valid_until__gte=day, valid_until__lte=horizon
    )
    catalog = scope_catalog()
    created = 0
    for mandate in expiring:
        for person_id, role in _recipients(mandate):
            try:
                with transaction.atomic():
                    models.MandateNotice.objects.create(
                        mandate=mandate, person_id=person_id, valid_until=mandate.valid_until
                    )
                    _send(mandate, person_id, role, catalog)
                created += 1
            except IntegrityError:
                pass  # announced before: the unique constraint makes the sweep idempotent
    return created


def notices_for(person_id: int) -> list[Notice]:
    rows = models.MandateNotice.objects.filter(person_id=person_id).order_by("-created_at")
    return [Notice(n.mandate_id, n.kind, n.valid_until, n.created_at) for n in rows]
