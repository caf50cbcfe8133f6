# SPDX-License-Identifier: EUPL-1.2
"""What the reference wallet tells its user when something goes wrong: what happened and what
to do next, one sentence each, marked for translation (the pages and `lifegate wallet` show
them in the user's language). No Django."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks a sentence for translation (`makemessages` reads this name); the module stays
    free of Django, and the pages translate `WalletError.message` when they show it."""
    return message


# What the wallet's user reads: what went wrong and what to do next.
DAMAGED_KEY = gettext_noop(
    "The wallet's key is damaged. Empty the wallet and receive your credentials again."
)
UNREACHABLE = gettext_noop(
    "A service this link points to could not be reached. Check the link and your connection, "
    "then try again."
)
SERVICE_FAILED = gettext_noop(
    "A service this link points to had a problem and could not answer. Try again later."
)
NOT_AN_OFFER = gettext_noop(
    "This is not a credential offer link. Copy the whole link shown with the offer; it starts "
    "with openid-credential-offer://."
)
NOT_AN_ISSUER = gettext_noop(
    "The issuer of this offer does not answer as a credential issuer does. Ask the "
    "organisation for a new offer."
)
CODE_REFUSED = gettext_noop(
    "The issuer did not accept the offer. Check the transaction code shown with it; if the "
    "code is right, the offer has expired or was used: ask for a new one."
)
TX_CODE_FORM = gettext_noop(
    "Type the transaction code shown with the offer: all its digits, and digits only. "
    "Nothing was sent to the issuer."
)
NOT_HANDED_OVER = gettext_noop(
    "The issuer did not hand over the credential. Ask the organisation for a new offer."
)
NOT_FOR_THIS_WALLET = gettext_noop(
    "What the issuer sent is not a credential for this wallet. Nothing was kept; ask the "
    "organisation for a new offer."
)
NOT_A_REQUEST = gettext_noop(
    "This is not a presentation request link. Copy the whole link the verifier shows; it "
    "starts with openid4vp://."
)
UNKNOWN_VERIFIER = gettext_noop(
    "This verifier is not in the register of verifiers. Nothing was shared; do not share "
    "anything with it."
)
UNTRUSTED_REQUEST = gettext_noop(
    "This request could not be checked: it is not signed by the verifier it names, it has "
    "expired, or it could not be fetched. Nothing was shared; ask the verifier for a new "
    "request."
)
REQUEST_CLOSED = gettext_noop(
    "This request is closed: it was answered already, or it has expired. Nothing was shared "
    "now. If the verifier still needs an answer, ask them for a new request."
)
NO_MATCHING_CREDENTIAL = gettext_noop(
    "None of your credentials answers this request, so nothing was shared. Receive the "
    "credential it asks for first, then ask the verifier for a new request."
)
NOT_WHAT_IS_ASKED = gettext_noop(
    "You hold the kind of credential this request asks for, but it does not say what the "
    "verifier asks (for example, an age you have not reached yet). Nothing was shared."
)
ANSWER_REFUSED = gettext_noop(
    "The verifier did not accept your answer. Ask the verifier for a new request."
)
SHOWN_BEFORE = gettext_noop(
    "You have shown this credential before. Verifiers that saw the same copy can tell it is "
    "the same person. For copies no verifier has seen, get new copies in your wallet, or ask "
    "for the credential again on the Credentials page."
)
NO_SUCH_CREDENTIAL = gettext_noop(
    "This wallet holds no such credential. Choose one of the credentials it lists."
)
NOTHING_SHOWN = gettext_noop(
    "No copy of this credential has been shown to a verifier yet, so you need no new copies."
)
CANNOT_RENEW = gettext_noop(
    "The issuer of this credential offers no new copies of it. Ask for the credential again "
    "on the Credentials page."
)
RENEWAL_REFUSED = gettext_noop(
    "The issuer gave no new copies of this credential: it may have been withdrawn or have "
    "expired, or the registries say something else now. Ask for the credential again on the "
    "Credentials page."
)
RENEWAL_PAUSED = gettext_noop(
    "The issuer has suspended this credential, so it gives no new copies of it for now. Ask "
    "again once the issuer has lifted the suspension: the issuer has sent you a message "
    "about it."
)

MESSAGES = (
    DAMAGED_KEY,
    UNREACHABLE,
    SERVICE_FAILED,
    NOT_AN_OFFER,
    NOT_AN_ISSUER,
    CODE_REFUSED,
    NOT_HANDED_OVER,
    NOT_FOR_THIS_WALLET,
    NOT_A_REQUEST,
    UNKNOWN_VERIFIER,
    UNTRUSTED_REQUEST,
    NO_MATCHING_CREDENTIAL,
    ANSWER_REFUSED,
    SHOWN_BEFORE,
    NO_SUCH_CREDENTIAL,
    NOTHING_SHOWN,
    CANNOT_RENEW,
    RENEWAL_REFUSED,
    RENEWAL_PAUSED,
    REQUEST_CLOSED,
    NOT_WHAT_IS_ASKED,
    TX_CODE_FORM,
)


class WalletError(Exception):
    """`message`: one of the sentences above; `detail`: the particulars (an address, a
    status, the other side's own words), for whoever looks into it, never translated."""

    def __init__(self, message: str, detail: str = "", code: str = "") -> None:
        super().__init__(f"{message} ({detail})" if detail else message)
        self.message = message
        self.detail = detail
        self.code = code  # the OAuth `error` the other side answered, if any
