# SPDX-License-Identifier: EUPL-1.2
"""Notifications of new messages, reminders of unread ones, and retention (crypto-shredding)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lifegate.catalog.services import organisation_names
from lifegate.messagebox import events
from lifegate.messagebox.channels import (
    ChannelRefusedError,
    ChannelRegistry,
    ChannelUnavailableError,
    Notification,
    NotificationChannel,
)
from lifegate.messagebox.models import Folder, Message, Preference

logger = structlog.get_logger(__name__)
_BATCH = 500


@dataclass(frozen=True)
class Outcome:
    sent: int = 0
    refused: int = 0
    postponed: int = 0


def _mail(preference: Preference, template: str, organisations: list[str]) -> Notification:
    with translation.override(preference.language):
        names = organisation_names(preference.language)
        context = {
            "organisations": sorted({names.get(o, o) for o in organisations}),
            "inbox_url": f"{settings.PUBLIC_URL}/{preference.language}/",
        }
        subject = render_to_string(f"messagebox/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"messagebox/email/{template}.txt", context)
    return Notification(preference.email, subject, text)


def _sms(preference: Preference, template: str, organisations: list[str]) -> Notification:
    """A text message: the e-mail's subject, from whom, and where to read it; no content."""
    mail = _mail(preference, template, organisations)
    names = organisation_names(preference.language)
    senders = ", ".join(sorted({names.get(o, o) for o in organisations}))
    url = f"{settings.PUBLIC_URL}/{preference.language}/"
    return Notification(preference.phone, "", f"{mail.subject} ({senders}): {url}")


def _wanted(
    channels: ChannelRegistry, preference: Preference | None
) -> list[tuple[NotificationChannel, Callable[..., Notification]]]:
    """The channels the party asked for that this installation has, with how to write them."""
    if preference is None:
        return []
    asked = (
        ("email", preference.notify_by_email and bool(preference.email), _mail),
        ("sms", preference.notify_by_sms and bool(preference.phone), _sms),
    )
    found = [(channels.get(name), write) for name, wanted, write in asked if wanted]
    return [(channel, write) for channel, write in found if channel is not None]


def _deliver(
    channels: ChannelRegistry, preference: Preference | None, template: str, rows: list[Message]
) -> str:
    """'sent' (by at least one channel), 'skipped' (none wanted), 'refused' or 'postponed'."""
    results = []
    for channel, write in _wanted(channels, preference):
        try:
            channel.send(write(preference, template, [row.organisation for row in rows]))
        except ChannelRefusedError:
            results.append("refused")
        except ChannelUnavailableError:
            results.append("postponed")
        else:
            results.append("sent")
    for result in ("sent", "postponed", "refused"):
        if result in results:
            return result
    return "skipped"


def _group(rows: list[Message]) -> dict[str, list[Message]]:
    by_party: dict[str, list[Message]] = defaultdict(list)
    for row in rows:
        by_party[row.party].append(row)
    return by_party


def notify_new(channels: ChannelRegistry, now: dt.datetime | None = None) -> Outcome:
    """One e-mail per party with new messages; marks them notified (at least once)."""
    now = now or timezone.now()
    rows = list(
        Message.objects.filter(notified_at__isnull=True, created_at__lte=now)
        .only("id", "party", "organisation", "reference")
        .order_by("created_at")[:_BATCH]
    )
    by_party = _group(rows)
    preferences = {p.party: p for p in Preference.objects.filter(party__in=list(by_party))}
    counts: dict[str, int] = defaultdict(int)
    for party, messages in by_party.items():
        result = _deliver(channels, preferences.get(party), "new_message", messages)
        counts[result] += 1
        if result == "postponed":
            continue
        with transaction.atomic():
            Message.objects.filter(id__in=[m.id for m in messages]).update(notified_at=now)
            if result == "refused":
                for m in messages:
                    events.publish(
                        events.FAILED,
                        m.organisation,
                        str(m.id),
                        m.reference,
                        now,
                        reason="notification-refused",
                    )
    return Outcome(counts["sent"], counts["refused"], counts["postponed"])


def remind_unread(channels: ChannelRegistry, now: dt.datetime | None = None) -> Outcome:
    """Remind parties whose messages stayed unread longer than their preference says."""
    now = now or timezone.now()
    counts: dict[str, int] = defaultdict(int)
    wanted = (Q(notify_by_email=True) & ~Q(email="")) | (Q(notify_by_sms=True) & ~Q(phone=""))
    for preference in Preference.objects.filter(wanted, reminder_days__gt=0):
        cutoff = now - dt.timedelta(days=preference.reminder_days)
        due = list(
            Message.objects.filter(
                party=preference.party,
                folder=Folder.INBOX,
                is_read=False,
                reminded_at__isnull=True,
                notified_at__isnull=False,
                created_at__lte=cutoff,
            ).only("id", "organisation")
        )
        if not due:
            continue
        result = _deliver(channels, preference, "reminder", due)
        counts[result] += 1
        if result != "postponed":
            Message.objects.filter(id__in=[m.id for m in due]).update(reminded_at=now)
    return Outcome(counts["sent"], counts["refused"], counts["postponed"])


def shred_expired(today: dt.date | None = None) -> int:
    """Delete messages past their retention period, keys first (crypto-shredding)."""
    today = today or timezone.localdate()
    expired = Message.objects.filter(retention_until__lt=today)
    total = 0
    while True:
        ids = list(expired.values_list("id", flat=True)[:_BATCH])
        if not ids:
            break
        with transaction.atomic():
            # Without its wrapped key the ciphertext is noise, in every copy of the database.
            Message.objects.filter(id__in=ids).update(wrapped_key=b"", kek_id="shredded")
            Message.objects.filter(id__in=ids).delete()
        total += len(ids)
    if total:
        logger.info("messagebox.retention.shredded", messages=total, before=today.isoformat())
    return total
