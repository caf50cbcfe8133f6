# SPDX-License-Identifier: EUPL-1.2
"""OpenID4VP for the demo verifiers: a signed request object with a DCQL query, the
`direct_post` response (state checked, nonce consumed once), and the verdict."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lifegate.credentials import configurations, housekeeping, keystore, trust, verdicts
from lifegate.credentials.issuance import IssuanceError
from lifegate.credentials.models import PresentationRequest
from lifegate.credentials.openid4vc import SELF_ISSUED_AUD, presentation_link, sign_request_object
from lifegate.credentials.vc import VC_TYP
from lifegate.credentials.vct import BIRTH_CERTIFICATE_VCT, DIPLOMA_VCT, PID_VCT, RESIDENCE_VCT

VERIFYING_AT_MOST = dt.timedelta(minutes=1)
REQUEST_LIFETIME = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class DemoVerifier:
    slug: str  # stored with each request and in the client id; pages use `address`
    name: Promise
    asks: Promise
    vct: str
    claims: tuple[dict[str, Any], ...]
    address: Promise  # its part of the page addresses, in the page's language

    @property
    def client_id(self) -> str:
        # A pre-registered client (OpenID4VP §5.9.1): wallets look its key up in the registry.
        return f"lifegate-verifier-{self.slug}"

    @property
    def dcql_query(self) -> dict[str, Any]:
        credential = {
            "id": self.slug,
            "format": VC_TYP,
            "meta": {"vct_values": [self.vct]},
            "claims": list(self.claims),
        }
        return {"credentials": [credential]}


VERIFIERS: dict[str, DemoVerifier] = {
    v.slug: v
    for v in (
        DemoVerifier(
            "university",
            _("University of Leuven (demo)"),
            _("A master's degree: the degree and the institution, nothing else."),
            DIPLOMA_VCT,
            (
                {"id": "degree", "path": ["degree"], "values": ["Master of Science"]},
                {"id": "institution", "path": ["institution"]},
            ),
            pgettext_lazy("verifier address", "university"),
        ),
        DemoVerifier(
            "landlord",
            _("Landlord (demo)"),
            _("That you live in the Netherlands: the country of your address, nothing else."),
            RESIDENCE_VCT,
            ({"id": "country", "path": ["address", "country"], "values": ["NL"]},),
            pgettext_lazy("verifier address", "landlord"),
        ),
        DemoVerifier(
            "cinema",
            _("Cinema (demo)"),
            _("That you are 18 or older, nothing else."),
            PID_VCT,
            ({"id": "over18", "path": ["age_equal_or_over", "18"], "values": [True]},),
            pgettext_lazy("verifier address", "cinema"),
        ),
        DemoVerifier(
            "municipality",
            _("Municipality of Utrecht (demo)"),
            _(
                "To register a marriage or partnership: from your birth certificate your name,"
                " your date of birth and the municipality that registered it, nothing else."
            ),
            BIRTH_CERTIFICATE_VCT,
            (
                {"id": "family_name", "path": ["family_name"]},
                {"id": "given_name", "path": ["given_name"]},
                {"id": "birthdate", "path": ["birthdate"]},
                {"id": "municipality", "path": ["municipality"]},
            ),
            pgettext_lazy("verifier address", "municipality"),
        ),
    )
}
BY_CLIENT_ID = {v.client_id: v for v in VERIFIERS.values()}


def slug_of_address(address: str) -> str:
    """The verifier whose page address is `address` in Dutch or English (a page switched to
    the other language keeps the address it had); ValueError when there is none."""
    for verifier in VERIFIERS.values():
        for language in ("nl", "en"):
            with translation.override(language):
                if str(verifier.address) == address:
                    return verifier.slug
    raise ValueError(address)


def address_of(slug: str) -> str:
    """The verifier's part of a page address, in the active language; ValueError (so
    `reverse` finds no page) for a slug that names no verifier."""
    verifier = VERIFIERS.get(slug)
    if verifier is None:
        raise ValueError(slug)
    return str(verifier.address)


class RequestNotFoundError(Exception):
    """No open request with this id."""


def _response_code_digest(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def start(slug: str, language: str) -> PresentationRequest:
    verifier = VERIFIERS[slug]
    now = timezone.now()
    started = PresentationRequest.objects.create(
        verifier=slug,
        language=language if language in {"nl", "en"} else "nl",
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        dcql_query=verifier.dcql_query,
        expires_at=now + REQUEST_LIFETIME,
    )
    housekeeping.plan(now)  # its verdict, with what the holder disclosed, is not kept long
    return started


def link(request: PresentationRequest) -> str:
    client_id = VERIFIERS[request.verifier].client_id
    return presentation_link(client_id, configurations.endpoint(f"requests/{request.id}"))


def verifier_registration(client_id: str) -> dict[str, Any] | None:
    """What the registry of relying parties says of a verifier: its name and keys."""
    verifier = BY_CLIENT_ID.get(client_id)
    if verifier is None:
        return None
    key = keystore.signing_key(f"verifier-{verifier.slug}")
    names = {}
    for language in ("en", "nl"):
        with translation.override(language):
            names[language] = str(verifier.name)
    return {
        "client_id": client_id,
        "client_name": names["en"],
        # RFC 7591 section 2.2: the same name with a language tag, for a wallet in that language
        **{f"client_name#{language}": name for language, name in names.items()},
        "jwks": {"keys": [key.public_jwk]},
    }


def request_object(request_id: uuid.UUID) -> str:
    """The signed request object of an open request (fetched once per wallet visit)."""
    request = PresentationRequest.objects.filter(pk=request_id).first()
    if request is None or request.answered_at is not None or request.expires_at <= timezone.now():
        raise RequestNotFoundError(str(request_id))
    verifier = VERIFIERS[request.verifier]
    key = keystore.signing_key(f"verifier-{verifier.slug}")
    now = int(time.time())
    with translation.override(request.language):
        name = str(verifier.name)
    claims = {
        "iss": verifier.client_id,
        "aud": SELF_ISSUED_AUD,
        "client_id": verifier.client_id,
        "response_type": "vp_token",
        "response_mode": "direct_post",
        "response_uri": configurations.endpoint(f"responses/{request.id}"),
        "nonce": request.nonce,
        "state": request.state,
        "dcql_query": request.dcql_query,
        "client_metadata": {
            "client_name": name,
            "vp_formats_supported": {
                VC_TYP: {"sd-jwt_alg_values": ["ES256"], "kb-jwt_alg_values": ["ES256"]}
            },
        },
        "iat": now,
        "exp": int(request.expires_at.timestamp()),
    }
    return sign_request_object(claims, key.key, kid=key.kid)


def _vp_token(raw: str) -> dict[str, list[str]]:
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise IssuanceError("invalid_request", "vp_token is not JSON") from exc
    if not isinstance(value, dict):
        raise IssuanceError("invalid_request", "vp_token maps query ids to presentations")
    tokens: dict[str, list[str]] = {}
    for query_id, shown in value.items():
        listed = shown if isinstance(shown, list) else [shown]
        if not all(isinstance(s, str) for s in listed):
            raise IssuanceError("invalid_request", "presentations are strings")
        tokens[str(query_id)] = listed
    return tokens


def _open_for_update(request_id: uuid.UUID, state: str) -> PresentationRequest:
    request = PresentationRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise RequestNotFoundError(str(request_id))
    if request.answered_at is not None:
        raise IssuanceError("invalid_request", "this request was already answered")
    if request.expires_at <= timezone.now():
        raise IssuanceError("invalid_request", "this request has expired")
    if not hmac.compare_digest(request.state.encode(), state.encode()):
        raise IssuanceError("invalid_request", "state does not belong to this request")
    return request


def _claim(request_id: uuid.UUID, state: str) -> PresentationRequest:
    """Mark the request answered in a short transaction: its nonce can be used only once."""
    with transaction.atomic():
        request = _open_for_update(request_id, state)
        request.answered_at = timezone.now()
        request.save(update_fields=["answered_at"])
    return request


def receive(request_id: uuid.UUID, vp_token: str, state: str) -> dict[str, str]:
    """`direct_post` response: verify, store the verdict, answer with where to go next.

    Verification runs outside any transaction: it may fetch a status list over HTTP, and
    no database lock should wait on the network.
    """
    tokens = _vp_token(vp_token)
    request = _claim(request_id, state)
    verifier = VERIFIERS[request.verifier]
    # No lock around it: the verifier is shared by this process's threads, and one waiting
    # on a slow issuer's keys or status list holds up no verification that needs others.
    verdict = verdicts.evaluate(
        trust.verifier(),
        request.dcql_query,
        tokens,
        nonce=request.nonce,
        aud=verifier.client_id,
        language=request.language,
    )
    code = secrets.token_urlsafe(24)
    request.verdict = verdict
    request.response_code_digest = _response_code_digest(code)
    request.save(update_fields=["verdict", "response_code_digest"])
    with translation.override(request.language):
        page = reverse("credentials:verdict", args=[request.verifier, request.id])
    return {"redirect_uri": f"{settings.PUBLIC_URL}{page}?response_code={code}"}


# OpenID4VP §8.5: a wallet that does not answer with credentials says why, with an OAuth
# error code (`access_denied`: the holder said no).
_ERROR_CODE = re.compile(r"[a-z0-9_]{1,64}")


def wallet_error(request_id: uuid.UUID, error: str, state: str) -> dict[str, str]:
    """`direct_post` error response: the request is closed with no credential, and its
    page says the holder declined (or, for another error, that the wallet could not
    answer). The nonce is used up as by an answer."""
    if not _ERROR_CODE.fullmatch(error):
        raise IssuanceError("invalid_request", "error is an OAuth error code")
    request = _claim(request_id, state)
    request.verdict = {"ok": False, "credentials": [], "wallet_error": error}
    request.save(update_fields=["verdict"])
    return {}


def is_open(request: PresentationRequest) -> bool:
    """Still waiting for its verdict: a wallet may answer, or its answer is being verified
    (which takes moments; an answer whose verification broke off is given up after a while,
    so a waiting page does not wait forever)."""
    if request.verdict is not None:
        return False
    now = timezone.now()
    if request.answered_at is not None:
        return request.answered_at > now - VERIFYING_AT_MOST
    return request.expires_at > now


def answered(request_id: uuid.UUID, response_code: str, mine: bool) -> PresentationRequest | None:
    """The request for its verdict page: for the browser that started it, or with the code."""
    request = PresentationRequest.objects.filter(pk=request_id).first()
    if request is None:
        return None
    by_code = bool(response_code) and hmac.compare_digest(
        request.response_code_digest, _response_code_digest(response_code)
    )
    return request if mine or by_code else None
