# SPDX-License-Identifier: EUPL-1.2
"""The holder hears it when the issuer suspends, reinstates or revokes their credential, and
when they withdrew it themselves.

A message from the issuing organisation to the person's message box, in Dutch and English,
sent in the status change's own transaction (whichever door changed it: the officials'
page, the API, the admin) with an idempotency key per credential, status and moment.
Verifiers refuse a suspended or revoked credential; the holder should not learn that at
a landlord's desk.
"""

from __future__ import annotations

import hashlib
import logging

from lifegate.core.problems import ProblemError
from lifegate.credentials.configurations import CONFIGURATIONS
from lifegate.credentials.models import BY_HOLDER, CredentialStatus, IssuedCredential
from lifegate.messagebox import services as messagebox

logger = logging.getLogger(__name__)
RETENTION_DAYS = 2 * 365
# A citation, in Dutch as every other legal basis in the message box.
LEGAL_BASIS = "Uitgifte en intrekking van uw bewijs (AVG art. 6 lid 1 onder e)"
_SUBJECT = {
    (CredentialStatus.SUSPENDED, "nl"): "Uw bewijs {title} is geschorst",
    (CredentialStatus.SUSPENDED, "en"): "Your {title} credential is suspended",
    (CredentialStatus.VALID, "nl"): "Uw bewijs {title} is weer geldig",
    (CredentialStatus.VALID, "en"): "Your {title} credential is valid again",
    (CredentialStatus.REVOKED, "nl"): "Uw bewijs {title} is ingetrokken",
    (CredentialStatus.REVOKED, "en"): "Your {title} credential is revoked",
}
_BODY = {
    (CredentialStatus.SUSPENDED, "nl"): "Wij hebben uw bewijs '{label}' in uw wallet geschorst. "
    "Zolang het geschorst is, accepteren controleurs het niet. Hebt u vragen, of denkt u dat "
    "dit niet klopt? Beantwoord dan dit bericht.",
    (CredentialStatus.SUSPENDED, "en"): "We have suspended your credential '{label}' in your "
    "wallet. While it is suspended, verifiers do not accept it. If you have questions, or think "
    "this is wrong, reply to this message.",
    (CredentialStatus.VALID, "nl"): "Uw bewijs '{label}' is weer geldig. Controleurs "
    "accepteren het weer.",
    (CredentialStatus.VALID, "en"): "Your credential '{label}' is valid again. Verifiers accept "
    "it again.",
    (CredentialStatus.REVOKED, "nl"): "Wij hebben uw bewijs '{label}' ingetrokken. Het is niet "
    "meer geldig en controleurs accepteren het niet. Hebt u nog recht op dit bewijs, dan kunt "
    "u een nieuw aanvragen op de pagina Bewijzen. Hebt u vragen? Beantwoord dan dit bericht.",
    (CredentialStatus.REVOKED, "en"): "We have revoked your credential '{label}'. It is no "
    "longer valid and verifiers do not accept it. If you are still entitled to it, you can ask "
    "for a new one on the Credentials page. If you have questions, reply to this message.",
}

# The holders withdrew it themselves: told too, so that one who did not (someone using their
# sign-in) finds out at once.
_WITHDRAWN_SUBJECT = {
    "nl": "U hebt uw bewijs {title} ingetrokken",
    "en": "You withdrew your {title} credential",
}
_WITHDRAWN_BODY = {
    "nl": "U hebt uw bewijs '{label}' ingetrokken op de pagina Bewijzen. Het is niet meer "
    "geldig en controleurs accepteren het niet, ook niet de exemplaren in uw wallet. Hebt u het "
    "nog nodig, vraag dan een nieuw aan op de pagina Bewijzen. Hebt u dit niet zelf gedaan? "
    "Beantwoord dan meteen dit bericht.",
    "en": "You withdrew your credential '{label}' on the Credentials page. It is no longer "
    "valid and verifiers do not accept it, nor any copy of it in your wallet. If you still "
    "need it, ask for a new one on the Credentials page. If you did not do this yourself, "
    "reply to this message at once.",
}


def _words(row: IssuedCredential, status: CredentialStatus, language: str) -> tuple[str, str]:
    """The subject and body templates for this change, in `language`."""
    if status == CredentialStatus.REVOKED and row.status_changed_by == BY_HOLDER:
        return _WITHDRAWN_SUBJECT[language], _WITHDRAWN_BODY[language]
    return _SUBJECT[(status, language)], _BODY[(status, language)]


def tell_holder(row: IssuedCredential) -> None:
    """Send the holder of `row` the news of its status (call in the change's transaction)."""
    recipient = messagebox.recipient_of_person(row.subject_person_id)
    if recipient is None:
        return  # not in a registry: no message box to write to
    status = CredentialStatus(row.status)
    configuration = CONFIGURATIONS.get(row.configuration)
    titles = {
        "nl": configuration.metadata.name_nl if configuration else row.configuration,
        "en": configuration.metadata.name_en if configuration else row.configuration,
    }
    words = {language: _words(row, status, language) for language in ("nl", "en")}
    texts = tuple(
        messagebox.Text(
            language,
            subject.format(title=titles[language]),
            body.format(label=row.label),
        )
        for language, (subject, body) in words.items()
    )
    draft = messagebox.MessageDraft(
        recipient, texts, LEGAL_BASIS, RETENTION_DAYS, reference=f"credential-{row.pk}"
    )
    moment = row.status_changed_at.isoformat() if row.status_changed_at else ""
    key = f"credentials:status:{row.pk}:{status}:{moment}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    try:
        messagebox.send_message(row.organisation, messagebox.Keyed(key, digest, draft))
    except ProblemError as refused:  # no box for this person: the status still changed
        logger.warning("credentials.notice_not_sent", extra={"reason": refused.problem.kind})
