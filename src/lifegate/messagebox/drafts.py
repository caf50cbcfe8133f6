# SPDX-License-Identifier: EUPL-1.2
"""What an agency sends, and the checks it must pass before anything is stored.

Pure: no Django, no IO. Each refusal is a `Problem` naming the field, so the API and the bulk
send report it the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lifegate.core.problems import InvalidParam, Problem, ProblemError

RECIPIENT_TYPES = ("bsn", "foreign-id", "kvk")
ACTION_TYPES = ("pay", "reply", "book-appointment", "accept-offer", "sign")
ATTACHMENT_TYPES = ("application/pdf",)
MAX_ATTACHMENTS = 10
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_BSN = re.compile(r"^\d{9}$")
_KVK = re.compile(r"^\d{8}$")
# eIDAS persistent identifier: issuing country / receiving country / identifier.
_FOREIGN_ID = re.compile(r"^[A-Z]{2}/[A-Z]{2}/[A-Za-z0-9+/=._-]{1,100}$")


@dataclass(frozen=True)
class Recipient:
    type: str
    id: str


@dataclass(frozen=True)
class Text:
    language: str
    subject: str
    body: str


@dataclass(frozen=True)
class AttachmentDraft:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Action:
    """A structured action the message offers; `url` for pay and book-appointment."""

    type: str
    label: str = ""
    url: str = ""
    amount: str = ""
    reference: str = ""


@dataclass(frozen=True)
class MessageDraft:
    recipient: Recipient
    texts: tuple[Text, ...]
    legal_basis: str
    retention_days: int
    attachments: tuple[AttachmentDraft, ...] = ()
    actions: tuple[Action, ...] = ()
    reference: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def _bsn_valid(bsn: str) -> bool:
    """The eleven-test every BSN passes."""
    if not _BSN.match(bsn):
        return False
    digits = [int(d) for d in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def _recipient_problems(recipient: Recipient) -> list[InvalidParam]:
    checks: dict[str, Callable[[str], object]] = {
        "bsn": _bsn_valid,
        "foreign-id": _FOREIGN_ID.match,
        "kvk": _KVK.match,
    }
    check = checks.get(recipient.type)
    if check is None:
        return [InvalidParam("recipient.type", f"use one of {', '.join(RECIPIENT_TYPES)}")]
    if not check(recipient.id):
        return [InvalidParam("recipient.id", f"not a valid {recipient.type}", "format")]
    return []


def _text_problems(texts: Sequence[Text]) -> list[InvalidParam]:
    if not texts:
        return [InvalidParam("texts", "give the subject and body in at least one language")]
    problems: list[InvalidParam] = []
    seen: set[str] = set()
    for index, text in enumerate(texts):
        where = f"texts.{index}"
        if not _LANGUAGE.match(text.language):
            problems.append(InvalidParam(f"{where}.language", "an ISO 639-1 code such as nl"))
        elif text.language in seen:
            problems.append(InvalidParam(f"{where}.language", "each language once"))
        seen.add(text.language)
        if not text.subject.strip():
            problems.append(InvalidParam(f"{where}.subject", "must not be empty"))
        if not text.body.strip():
            problems.append(InvalidParam(f"{where}.body", "must not be empty"))
    return problems


def _attachment_problems(
    attachments: Sequence[AttachmentDraft], max_bytes: int
) -> list[InvalidParam]:
    if len(attachments) > MAX_ATTACHMENTS:
        return [InvalidParam("attachments", f"at most {MAX_ATTACHMENTS} attachments")]
    problems: list[InvalidParam] = []
    for index, item in enumerate(attachments):
        where = f"attachments.{index}"
        if item.content_type not in ATTACHMENT_TYPES or not item.content.startswith(b"%PDF-"):
            problems.append(InvalidParam(f"{where}.contentType", "only PDF documents", "type"))
        if len(item.content) > max_bytes:
            problems.append(
                InvalidParam(f"{where}.content", f"larger than {max_bytes} bytes", "size")
            )
        if not item.filename.strip():
            problems.append(InvalidParam(f"{where}.filename", "must not be empty"))
    return problems


def _action_problems(actions: Sequence[Action]) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    for index, action in enumerate(actions):
        where = f"actions.{index}"
        if action.type not in ACTION_TYPES:
            reason = f"use one of {', '.join(ACTION_TYPES)}"
            problems.append(InvalidParam(f"{where}.type", reason))
        elif action.type in {"pay", "book-appointment"} and not action.url.startswith("https://"):
            problems.append(InvalidParam(f"{where}.url", "an https:// address is needed"))
    return problems


def validate(draft: MessageDraft, *, max_attachment_bytes: int) -> None:
    """Raise a `ProblemError` naming every wrong field; return when the draft is sound."""
    problems = [
        *_recipient_problems(draft.recipient),
        *_text_problems(draft.texts),
        *_attachment_problems(draft.attachments, max_attachment_bytes),
        *_action_problems(draft.actions),
    ]
    if not 1 <= draft.retention_days <= 36_500:
        problems.append(InvalidParam("retentionDays", "between 1 and 36500 days"))
    if not draft.legal_basis.strip():
        problems.append(InvalidParam("legalBasis", "name the law that allows this message"))
    if problems:
        too_large = any(p.code == "size" for p in problems)
        kind = "payload-too-large" if too_large else "invalid-input"
        names = ", ".join(p.name for p in problems)
        raise ProblemError(
            Problem(kind, f"Check these fields: {names}.", invalid_params=tuple(problems))
        )


def unknown_recipient(recipient: Recipient) -> ProblemError:
    param = InvalidParam(
        "recipient.id", f"no {recipient.type} recipient with this number", "unknown"
    )
    return ProblemError(
        Problem("unprocessable", "The recipient is not known.", invalid_params=(param,))
    )
