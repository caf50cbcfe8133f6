# SPDX-License-Identifier: EUPL-1.2
"""Message box tables; nobody outside the block imports them (use `messagebox.services`).

Content (subjects, bodies, action details, attachment names and bytes) is stored only
encrypted; what stays readable is what routing, listing order and retention need.
"""

from __future__ import annotations

import uuid

from django.db import models


class Folder(models.TextChoices):
    INBOX = "inbox", "inbox"
    ARCHIVE = "archive", "archive"
    SENT = "sent", "sent"  # the citizen's replies
    RECALLED = "recalled", "recalled"  # withdrawn by the agency before it was read


class Message(models.Model):
    """A message in one party's box: from an agency, or a reply from the party.

    `party` is "person:<id>" or "company:<kvk>". Idempotency lives on the row itself (one
    insert per send): `(organisation, idempotency_key)` is unique and `request_hash` tells a
    retry from a reused key.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    thread_id = models.UUIDField(db_index=True)
    in_reply_to = models.UUIDField(null=True, blank=True)
    from_party = models.BooleanField(default=False)
    organisation = models.CharField(max_length=64)
    party = models.CharField(max_length=80)
    folder = models.CharField(max_length=10, choices=Folder.choices, default=Folder.INBOX)
    is_read = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=200, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    reference = models.CharField(max_length=120, blank=True)
    kek_id = models.CharField(max_length=40)
    wrapped_key = models.BinaryField()
    ciphertext = models.BinaryField()
    languages = models.CharField(max_length=40)
    search_tokens = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    retention_until = models.DateField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.CharField(max_length=80, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    recalled_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.CharField(max_length=30, blank=True)
    action_taken_at = models.DateTimeField(null=True, blank=True)
    attachment_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                name="messagebox_message_idempotency",
                condition=~models.Q(idempotency_key=""),
            )
        ]
        indexes = [
            models.Index(
                fields=["party", "folder", "is_read", "-created_at"], name="messagebox_inbox"
            ),
            models.Index(fields=["organisation", "-created_at"], name="messagebox_sent_by"),
            models.Index(fields=["retention_until"], name="messagebox_retention"),
            models.Index(
                fields=["created_at"],
                name="messagebox_to_notify",
                condition=models.Q(notified_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"message {self.id}"


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    ciphertext = models.BinaryField()

    class Meta:
        ordering = ["position"]


class Preference(models.Model):
    """How a party wants to hear about new messages; e-mail address kept only here."""

    party = models.CharField(max_length=80, unique=True)
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=2, default="nl")
    notify_by_email = models.BooleanField(default=True)
    # A mobile number (+31612345678) for text messages, used only if an SMS channel is set up.
    phone = models.CharField(max_length=16, blank=True)
    notify_by_sms = models.BooleanField(default=False)
    reminder_days = models.PositiveSmallIntegerField(
        default=7, help_text="Remind after this many days unread; 0: never."
    )


class IdempotentRequest(models.Model):
    """The stored answer to a POST other than a single send (batches, recalls)."""

    organisation = models.CharField(max_length=64)
    idempotency_key = models.CharField(max_length=200)
    operation = models.CharField(max_length=40)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"], name="messagebox_idempotent_request"
            )
        ]


class AccessAttempt(models.Model):
    """A refused look at a message that is not the caller's: logged for the security team."""

    at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=10)  # "portal" or "api"
    actor = models.CharField(max_length=80)
    message_id = models.CharField(max_length=64)
