# SPDX-License-Identifier: EUPL-1.2
"""Messages to the citizen's message box: a journey opened, a case changed, a decision.

Each message is written in Dutch and English, in the caller's transaction, with an
idempotency key per occasion, so retrying an operation never sends a message twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.utils import translation

from lifegate.messagebox import services as messagebox

LANGUAGES = ("nl", "en")
RETENTION_DAYS = 7 * 365
Compose = Callable[[str], tuple[str, str]]  # language -> (subject, body)


def _texts(compose: Compose) -> tuple[messagebox.Text, ...]:
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            subject, body = compose(language)
        texts.append(messagebox.Text(language, subject, body))
    return tuple(texts)


def send(
    organisation: str,
    person_id: int,
    key: str,
    compose: Compose,
    *,
    legal_basis: str,
    reference: str = "",
    actions: tuple[messagebox.Action, ...] = (),
) -> None:
    """Send one message to the person (nothing when they have no box: not in a registry)."""
    recipient = messagebox.recipient_of_person(person_id)
    if recipient is None:
        return
    draft = messagebox.MessageDraft(
        recipient=recipient,
        texts=_texts(compose),
        legal_basis=legal_basis[:200],
        retention_days=RETENTION_DAYS,
        actions=actions,
        reference=reference,
    )
    digest = hashlib.sha256(key.encode()).hexdigest()
    messagebox.send_message(organisation, messagebox.Keyed(f"cases:{key}", digest, draft))
