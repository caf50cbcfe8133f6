# SPDX-License-Identifier: EUPL-1.2
"""Notification channels: e-mail over SMTP, and a registry where SMS and others plug in.

A notification only says that there is a new message and from whom, never its content.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from lifegate.config import env


@dataclass(frozen=True)
class Notification:
    to: str
    subject: str
    text: str


class ChannelRefusedError(Exception):
    """The channel will never deliver this notification (e.g. the address does not exist)."""


class ChannelUnavailableError(Exception):
    """The channel could not deliver now; try again later."""


class NotificationChannel(Protocol):
    def send(self, notification: Notification) -> None: ...


class SmtpChannel:
    """One SMTP connection per `send`; permanent refusals (5xx) are told from outages."""

    def __init__(self, host: str, port: int, sender: str, *, starttls: bool = False) -> None:
        self.host, self.port, self.sender, self.starttls = host, port, sender, starttls

    def send(self, notification: Notification) -> None:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = notification.to
        mail["Subject"] = notification.subject
        mail.set_content(notification.text)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                if self.starttls:
                    smtp.starttls()
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            raise ChannelRefusedError("recipient refused") from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500:
                raise ChannelRefusedError(f"smtp {error.smtp_code}") from error
            raise ChannelUnavailableError(f"smtp {error.smtp_code}") from error
        except (OSError, smtplib.SMTPException) as error:
            raise ChannelUnavailableError(type(error).__name__) from error


class ChannelRegistry:
    """Channels by id; registering an id twice is a mistake and refused."""

    def __init__(self) -> None:
        self._channels: dict[str, NotificationChannel] = {}

    def register(self, channel_id: str, channel: NotificationChannel) -> None:
        if channel_id in self._channels:
            raise ValueError(f"a notification channel {channel_id!r} is already registered")
        self._channels[channel_id] = channel

    def get(self, channel_id: str) -> NotificationChannel | None:
        return self._channels.get(channel_id)


def default_channels() -> ChannelRegistry:
    """The channels this installation's settings configure (the one place they are made)."""
    registry = ChannelRegistry()
    host = env.SMTP_HOST.read()
    if host:
        channel = SmtpChannel(
            host, env.SMTP_PORT.read(), env.MAIL_FROM.read(), starttls=env.SMTP_STARTTLS.read()
        )
        registry.register("email", channel)
    return registry
