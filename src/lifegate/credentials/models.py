# SPDX-License-Identifier: EUPL-1.2
"""Credentials tables; nobody outside the block imports them (use `credentials.services`).

No credential is stored: once issued it belongs to the holder. What stays is what the
issuer needs to revoke it (its status index) and to show an official which one it is.
Secrets handed to a wallet (pre-authorised codes, access tokens) are stored as digests.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

# `status_changed_by` when the holders withdrew their own credential (a lost or stolen
# wallet): parentheses cannot be in a username, so no official can be taken for the holder.
BY_HOLDER = "(holder)"


class CredentialStatus(models.TextChoices):
    VALID = "valid", _("valid")
    SUSPENDED = "suspended", _("suspended")
    REVOKED = "revoked", _("revoked")


class StatusListRecord(models.Model):
    """One Token Status List of an issuing organisation (2 bits: valid, revoked, suspended)."""

    organisation = models.CharField(max_length=64)
    number = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    # The last signed `statuslist+jwt`, served until it nears expiry or a status changes
    # (then emptied), so every request in between gets the same bytes and the same ETag.
    token = models.TextField(blank=True)
    token_fresh_until = models.BigIntegerField(default=0)
    # Bumped with every status change; a token signed from an older version is not stored.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="status_list_number")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}/{self.number}"


class IssuedCredentialQuerySet(models.QuerySet["IssuedCredential"]):
    def one_per_credential(self) -> IssuedCredentialQuerySet:
        """Each credential once, by the first copy of its batch: what officials, lists and
        status changes address (the other copies follow it)."""
        return self.filter(copy_of__isnull=True)


class IssuedCredential(models.Model):
    """A credential an organisation issued: its status index is never given out again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.CharField(max_length=64, db_index=True)
    configuration = models.CharField(max_length=40)
    vct = models.CharField(max_length=120)
    subject_person_id = models.BigIntegerField(db_index=True)
    label = models.CharField(max_length=200, help_text="What an official sees, e.g. the degree.")
    holder_key_thumbprint = models.CharField(max_length=64)
    signing_kid = models.CharField(
        max_length=64, blank=True, help_text="The issuer key that signed it (empty: before 0002)."
    )
    status_list = models.ForeignKey(StatusListRecord, on_delete=models.PROTECT)
    status_index = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=CredentialStatus.choices, default=CredentialStatus.VALID
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.CharField(max_length=150, blank=True)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # A keyed digest (HMAC) of the claims the credential says, so that new copies asked for
    # later (renewal) are issued only while the registries still say the very same.
    claims_digest = models.CharField(max_length=64, blank=True)
    # When a refresh token of this credential was used twice: no new copies ever after.
    renewal_stopped_at = models.DateTimeField(null=True, blank=True)
    # Batch issuance (OpenID4VCI 1.0): a wallet may take a credential in several copies, each
    # with its own holder key, salts and status index, and show each to one verifier only, so
    # verifiers cannot link what they saw. The first copy stands for them all (officials and
    # lists see it alone); a status change applies to every copy.
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
        help_text="The first copy of the batch this copy was issued in (empty: the first).",
    )

    objects = IssuedCredentialQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="status_index")
        ]
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.status})"


class CredentialOffer(models.Model):
    """A pre-authorised code offer; redeemed once, with the transaction code, before expiry."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    configuration = models.CharField(max_length=40)
    subject_person_id = models.BigIntegerField()
    code_digest = models.CharField(max_length=64, unique=True)
    tx_code_digest = models.CharField(max_length=64)
    failed_tx_codes = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)


class IssuanceGrant(models.Model):
    """The access token for one call of the credential endpoint: of a redeemed offer, or of
    a renewal (more copies of a credential already issued, asked with a refresh token)."""

    token_digest = models.CharField(max_length=64, unique=True)
    offer = models.ForeignKey(CredentialOffer, on_delete=models.CASCADE, related_name="grants")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    credential = models.OneToOneField(
        IssuedCredential, null=True, blank=True, on_delete=models.SET_NULL
    )
    renews = models.ForeignKey(
        IssuedCredential,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="renewals",
        help_text="The credential (its first copy) this grant gives more copies of.",
    )
    # The refresh token that comes with this grant: used once (a new one comes with each
    # renewal); used again, it stops renewal of the credential (someone else has it too).
    refresh_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    refresh_used_at = models.DateTimeField(null=True, blank=True)
    refreshed_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text="The grant whose refresh token gave this one.",
    )


class IssuanceNonce(models.Model):
    """A `c_nonce` from the nonce endpoint; a proof may use it once, before it expires."""

    value = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)


class PresentationRequest(models.Model):
    """An OpenID4VP request of a demo verifier; answered once (its nonce is single use)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    verifier = models.CharField(max_length=40)
    language = models.CharField(max_length=5, default="nl")
    state = models.CharField(max_length=64, unique=True)
    nonce = models.CharField(max_length=64, unique=True)
    dcql_query = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    response_code_digest = models.CharField(max_length=64, blank=True)
    verdict = models.JSONField(null=True, blank=True)
