# SPDX-License-Identifier: EUPL-1.2
"""OpenID4VCI issuance with the pre-authorised code grant: offer, token (with transaction
code), nonce and credential; new copies later with the refresh token grant (`renewal.py`).
Each secret is single use and stored only as a digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lifegate.credentials import configurations, housekeeping, keystore, renewal, statuses
from lifegate.credentials.errors import CredentialError
from lifegate.credentials.models import (
    CredentialOffer,
    IssuanceGrant,
    IssuanceNonce,
    IssuedCredential,
    StatusListRecord,
)
from lifegate.credentials.openid4vc import (
    PAUSED_ERROR,
    PRE_AUTHORIZED_GRANT,
    offer_link,
    verify_proof,
)
from lifegate.credentials.registry import SourcedClaims
from lifegate.credentials.vc import StatusReference, issue_vc

OFFER_LIFETIME = dt.timedelta(minutes=10)
TOKEN_LIFETIME = dt.timedelta(minutes=5)
NONCE_LIFETIME = dt.timedelta(minutes=5)
MAX_TX_CODE_FAILURES = 3
BATCH_SIZE = 5  # copies of one credential a wallet may take at once (batch issuance)
TX_CODE_LENGTH = 6


class IssuanceError(Exception):
    """An OAuth-style error (`error`, `error_description`) with its HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status


class NothingToIssueError(Exception):
    """The registries hold nothing this credential could say about this person."""


@dataclass(frozen=True)
class NewOffer:
    id: uuid.UUID
    configuration: configurations.Configuration
    link: str
    tx_code: str
    expires_at: dt.datetime
    label: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _tx_digest(offer_id: uuid.UUID, tx_code: str) -> str:
    # Keyed: six digits hashed plainly would be read back from a copy of the database.
    message = f"{offer_id}:{tx_code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def create_offer(configuration_id: str, person_id: int) -> NewOffer:
    """A one-time credential offer of `configuration_id` for the registry person."""
    configuration = configurations.CONFIGURATIONS[configuration_id]
    sourced = configuration.source(person_id, timezone.localdate())
    if sourced is None:
        raise NothingToIssueError(configuration_id)
    code = secrets.token_urlsafe(32)
    tx_code = f"{secrets.randbelow(10**TX_CODE_LENGTH):0{TX_CODE_LENGTH}d}"
    offer_id = uuid.uuid4()
    offer = CredentialOffer.objects.create(
        id=offer_id,
        configuration=configuration_id,
        subject_person_id=person_id,
        code_digest=digest(code),
        tx_code_digest=_tx_digest(offer_id, tx_code),
        expires_at=timezone.now() + OFFER_LIFETIME,
    )
    housekeeping.plan(offer.created_at)
    grant = {
        "pre-authorized_code": code,
        "tx_code": {
            "input_mode": "numeric",
            "length": TX_CODE_LENGTH,
            "description": "The code shown next to the offer in the portal.",
        },
    }
    body = {
        "credential_issuer": configurations.credential_issuer(),
        "credential_configuration_ids": [configuration_id],
        "grants": {PRE_AUTHORIZED_GRANT: grant},
    }
    return NewOffer(
        offer.id, configuration, offer_link(body), tx_code, offer.expires_at, sourced.label
    )


class OfferState(StrEnum):
    """Where an offer stands, as the citizen's offer page follows it."""

    WAITING = "waiting"  # not yet taken, or a wallet is taking it now
    COLLECTED = "collected"  # the credential was issued to a wallet
    CLOSED = "closed"  # expired, locked by wrong codes, or a wallet gave up: ask again


def offer_state(offer_id: uuid.UUID, person_id: int) -> OfferState | None:
    """The state of `person_id`'s own offer; None for an offer that is not theirs."""
    offer = CredentialOffer.objects.filter(pk=offer_id, subject_person_id=person_id).first()
    if offer is None:
        return None
    now = timezone.now()
    grant = offer.grants.filter(renews__isnull=True).first()  # the redeemed offer's own
    if grant is not None:
        if grant.used_at is not None:
            return OfferState.COLLECTED
        return OfferState.WAITING if grant.expires_at > now else OfferState.CLOSED
    usable = offer.expires_at > now and offer.failed_tx_codes < MAX_TX_CODE_FAILURES
    return OfferState.WAITING if usable else OfferState.CLOSED


def _wrong_code(tries_left: int) -> str:
    if tries_left > 0:
        return f"the transaction code is not right ({tries_left} more tries)"
    return (
        f"{MAX_TX_CODE_FAILURES} wrong transaction codes: the offer can no longer be used;"
        " ask for a new one"
    )


def _check_offer(offer: CredentialOffer | None, now: dt.datetime) -> CredentialOffer:
    if offer is None:
        raise IssuanceError("invalid_grant", "unknown pre-authorized code")
    if offer.redeemed_at is not None:
        raise IssuanceError("invalid_grant", "the pre-authorized code was already used")
    if offer.failed_tx_codes >= MAX_TX_CODE_FAILURES:
        raise IssuanceError("invalid_grant", _wrong_code(0))
    if offer.expires_at <= now:
        raise IssuanceError("invalid_grant", "the offer has expired; ask for a new one")
    return offer


def redeem(code: str, tx_code: str) -> dict[str, Any]:
    """Token endpoint: exchange the pre-authorised code and transaction code once."""
    now = timezone.now()
    with transaction.atomic():
        offer = _check_offer(
            CredentialOffer.objects.select_for_update().filter(code_digest=digest(code)).first(),
            now,
        )
        right = hmac.compare_digest(offer.tx_code_digest, _tx_digest(offer.id, tx_code))
        if right:
            offer.redeemed_at = now
            offer.save(update_fields=["redeemed_at"])
            token, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            IssuanceGrant.objects.create(
                token_digest=digest(token),
                offer=offer,
                expires_at=now + TOKEN_LIFETIME,
                refresh_digest=digest(refresh),
            )
        else:  # counted in this transaction, refused after it commits
            offer.failed_tx_codes += 1
            offer.save(update_fields=["failed_tx_codes"])
    if not right:
        tries_left = MAX_TX_CODE_FAILURES - offer.failed_tx_codes
        raise IssuanceError("invalid_grant", _wrong_code(tries_left))
    return _token_answer(token, refresh)


def renew(refresh_token: str) -> dict[str, Any]:
    """Token endpoint, refresh token grant: an access token for new copies of the credential
    the refresh token came with, and the next refresh token (this one is used up)."""
    token, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    try:
        renewal.refresh(digest(refresh_token), digest(token), digest(refresh), TOKEN_LIFETIME)
    except renewal.RenewalRefusedError as exc:
        raise _renewal_refused("invalid_grant", exc) from exc
    return _token_answer(token, refresh)


def _renewal_refused(error: str, refused: renewal.RenewalRefusedError) -> IssuanceError:
    """`error` for good, or `temporarily_unavailable` while the credential is suspended."""
    if isinstance(refused, renewal.RenewalPausedError):
        return IssuanceError(PAUSED_ERROR, refused.description)
    return IssuanceError(error, refused.description)


def _token_answer(token: str, refresh: str) -> dict[str, Any]:
    seconds = int(TOKEN_LIFETIME.total_seconds())
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": seconds,
        "refresh_token": refresh,  # for new copies later (renewal)
    }


def new_nonce() -> str:
    """Nonce endpoint: a fresh `c_nonce`; expired ones are cleared on the way."""
    now = timezone.now()
    IssuanceNonce.objects.filter(expires_at__lt=now - dt.timedelta(days=1)).delete()
    value = secrets.token_urlsafe(24)
    IssuanceNonce.objects.create(value=value, expires_at=now + NONCE_LIFETIME)
    return value


def _consume_nonce(value: str, now: dt.datetime) -> bool:
    taken = IssuanceNonce.objects.filter(
        value=value, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    return taken == 1


def _grant(access_token: str, now: dt.datetime) -> IssuanceGrant:
    grant = (
        IssuanceGrant.objects.select_for_update()
        .select_related("offer")
        .filter(token_digest=digest(access_token))
        .first()
    )
    if grant is None or grant.used_at is not None or grant.expires_at <= now:
        raise IssuanceError("invalid_token", "the access token is unknown, used or expired", 401)
    return grant


def _proof_jwts(body: dict[str, Any]) -> list[str]:
    """The request's key proofs: one per copy wanted (batch issuance), at most BATCH_SIZE."""
    proofs = body.get("proofs")
    if proofs is not None and body.get("proof") is not None:
        raise IssuanceError("invalid_credential_request", "send proofs or proof, not both")
    if isinstance(proofs, dict) and isinstance(proofs.get("jwt"), list) and proofs["jwt"]:
        jwts: list[Any] = proofs["jwt"]
        if len(jwts) > BATCH_SIZE:
            raise IssuanceError(
                "invalid_credential_request", f"send at most {BATCH_SIZE} proofs, one per copy"
            )
    else:  # the draft-13 form many wallets still send
        proof = body.get("proof")
        is_jwt = isinstance(proof, dict) and proof.get("proof_type") == "jwt"
        jwts = [proof.get("jwt") if is_jwt and isinstance(proof, dict) else None]
    if not all(isinstance(jwt, str) for jwt in jwts):
        raise IssuanceError("invalid_proof", "a jwt proof of possession is required")
    return jwts


def _holder_keys(body: dict[str, Any], now: dt.datetime) -> list[dict[str, str]]:
    """The holder key of each proof, once each proof is checked: all for one c_nonce (used
    up here), each for a key of its own (a copy per key, or copies could be linked)."""
    checked = []
    for jwt in _proof_jwts(body):
        try:
            checked.append(
                verify_proof(jwt, aud=configurations.credential_issuer(), now=int(time.time()))
            )
        except CredentialError as exc:
            raise IssuanceError("invalid_proof", exc.message) from exc
    if len({proof.nonce for proof in checked}) != 1:
        raise IssuanceError("invalid_nonce", "every proof must carry the same c_nonce")
    keys = [proof.holder_jwk for proof in checked]
    if len({keystore.thumbprint(key) for key in keys}) != len(keys):
        raise IssuanceError("invalid_proof", "each proof must be for another key: one per copy")
    if not _consume_nonce(checked[0].nonce, now):
        raise IssuanceError("invalid_nonce", "the c_nonce is unknown, used or expired")
    return keys


@dataclass(frozen=True)
class _Issuing:
    """What every copy of one issuance shares. `iat` and `exp` are signed in the clear, so
    they are the day's (midnight UTC), not the second's: a second would give the copies,
    and so what different verifiers saw, something in common no other credential has."""

    grant: IssuanceGrant
    configuration: configurations.Configuration
    sourced: SourcedClaims
    key: keystore.SigningKey
    now: dt.datetime

    @cached_property
    def claims_digest(self) -> str:
        return renewal.claims_digest(self.sourced.claims)  # once for all its copies

    @property
    def iat(self) -> int:
        # New copies of a credential (a renewal) have its first copies' day.
        issued = self.grant.renews.issued_at if self.grant.renews else self.now
        day = issued.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return int(day.timestamp())

    @property
    def exp(self) -> int:
        if self.grant.renews:
            return int(self.grant.renews.expires_at.timestamp())
        return self.iat + settings.CREDENTIALS_VALIDITY_DAYS * 86_400


def _copy(
    issuing: _Issuing, holder_jwk: dict[str, str], first: IssuedCredential | None
) -> tuple[IssuedCredential, str]:
    """One copy: its own status index (a row), holder key and salts; signed."""
    offer, sourced, key = issuing.grant.offer, issuing.sourced, issuing.key
    configuration = issuing.configuration
    organisation = sourced.organisation

    def build(record: StatusListRecord, index: int) -> IssuedCredential:
        return IssuedCredential(
            organisation=organisation,
            configuration=configuration.id,
            vct=configuration.metadata.vct,
            subject_person_id=offer.subject_person_id,
            label=sourced.label[:200],
            holder_key_thumbprint=keystore.thumbprint(holder_jwk),
            signing_kid=key.kid,
            status_list=record,
            status_index=index,
            issued_at=issuing.now,
            expires_at=dt.datetime.fromtimestamp(issuing.exp, dt.UTC),
            claims_digest=issuing.claims_digest,
            copy_of=first,
        )

    row = statuses.issue_with_index(organisation, build)
    return row, issue_vc(
        configuration.metadata,
        sourced.claims,
        issuer=configurations.issuer_id(organisation),
        issuer_key=key.key,
        holder_jwk=holder_jwk,
        iat=issuing.iat,
        exp=issuing.exp,
        status=StatusReference(
            configurations.status_list_uri(organisation, row.status_list.number), row.status_index
        ),
        kid=key.kid,
    ).serialize()


def _issue(
    grant: IssuanceGrant, holder_jwks: list[dict[str, str]], now: dt.datetime
) -> list[str] | IssuanceError:
    """The credential, in one copy per holder key; the first stands for them all (for a
    renewal: the credential's first copy). Or, once the registries have been read (a use
    of personal data, logged, so it must be committed), why nothing is issued."""
    renews = _renewing(grant, len(holder_jwks), now)  # checked before any registry is read
    configuration = configurations.CONFIGURATIONS[grant.offer.configuration]
    sourced = configuration.source(grant.offer.subject_person_id, timezone.localdate())
    refusal = _refusal(renews, sourced)
    if refusal is not None or sourced is None:
        _spend(grant, now, None)
        return refusal or IssuanceError("credential_request_denied", "nothing to issue")
    key = keystore.signing_key(f"issuer-{sourced.organisation}")
    issuing = _Issuing(grant, configuration, sourced, key, now)
    if renews is None:
        first, credential = _copy(issuing, holder_jwks[0], None)
        copies = [credential, *(_copy(issuing, jwk, first)[1] for jwk in holder_jwks[1:])]
        _spend(grant, now, first)
    else:
        copies = [_copy(issuing, jwk, renews)[1] for jwk in holder_jwks]
        _spend(grant, now, None)
    return copies


def _spend(grant: IssuanceGrant, now: dt.datetime, first: IssuedCredential | None) -> None:
    grant.used_at, grant.credential = now, first
    grant.save(update_fields=["used_at", "credential"])


def _renewing(grant: IssuanceGrant, copies: int, now: dt.datetime) -> IssuedCredential | None:
    """The credential a renewal grant gives new copies of, locked as a status change locks
    it (so new copies either get its new status with the others, or see it and are not
    issued), once it may have `copies` more; None for a first issuance."""
    if grant.renews_id is None:
        return None
    grant.renews = IssuedCredential.objects.select_for_update().get(pk=grant.renews_id)
    try:
        renewal.check_renewable(grant.renews, now, copies=copies)
    except renewal.RenewalRefusedError as exc:
        raise _renewal_refused("credential_request_denied", exc) from exc
    return grant.renews


def _refusal(
    renews: IssuedCredential | None, sourced: SourcedClaims | None
) -> IssuanceError | None:
    """Why the registries' answer gives nothing to issue: they no longer have it, or (new
    copies) they now say something else, or another organisation issues it now."""
    if sourced is None:
        return IssuanceError("credential_request_denied", "the registry no longer has this")
    if renews is None:
        return None
    try:
        renewal.check_same_claims(renews, sourced.organisation, sourced.claims)
    except renewal.RenewalRefusedError as exc:
        return IssuanceError("credential_request_denied", exc.description)
    return None


def issue(access_token: str, body: dict[str, Any]) -> dict[str, Any]:
    """Credential endpoint: check the access token and the proofs, then issue once, in as
    many copies as there are proofs (each for its own key)."""
    now = timezone.now()
    with transaction.atomic():
        grant = _grant(access_token, now)
        wanted = body.get("credential_configuration_id")
        if wanted != grant.offer.configuration:
            raise IssuanceError(
                "unknown_credential_configuration", "the offer was for another credential"
            )
        copies = _issue(grant, _holder_keys(body, now), now)
    if isinstance(copies, IssuanceError):
        raise copies  # now that the registry reads it made are kept in the log
    return {"credentials": [{"credential": credential} for credential in copies]}
