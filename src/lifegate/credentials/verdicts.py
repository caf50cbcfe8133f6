# SPDX-License-Identifier: EUPL-1.2
"""Turn the core verifier's answer into a verdict a person can read: each check in order
(issuer, signature, validity, key binding, disclosures, status, the question asked), and
the disclosed claims with their labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation

from lifegate.core.dates import full_date
from lifegate.credentials import trust
from lifegate.credentials.dcql import CredentialQuery, satisfies
from lifegate.credentials.errors import CredentialError, Refusal
from lifegate.credentials.vc import visible_claims
from lifegate.credentials.vct import TYPES, meta_path
from lifegate.credentials.verifier import Verified, Verifier

CHECKS = ("issuer", "signature", "validity", "key_binding", "disclosures", "status", "answer")
_FAILED_AT = {
    Refusal.MALFORMED: "signature",
    Refusal.UNTRUSTED_ISSUER: "issuer",
    Refusal.ISSUER_KEYS_UNAVAILABLE: "issuer",
    Refusal.UNSUPPORTED_ALGORITHM: "signature",
    Refusal.WRONG_TYPE: "signature",
    Refusal.BAD_SIGNATURE: "signature",
    Refusal.MISSING_HOLDER_KEY: "signature",
    Refusal.EXPIRED: "validity",
    Refusal.NOT_YET_VALID: "validity",
    Refusal.KEY_BINDING_MISSING: "key_binding",
    Refusal.KEY_BINDING_INVALID: "key_binding",
    Refusal.SD_HASH_MISMATCH: "key_binding",
    Refusal.NONCE_MISMATCH: "key_binding",
    Refusal.AUDIENCE_MISMATCH: "key_binding",
    Refusal.KEY_BINDING_STALE: "key_binding",
    Refusal.INVALID_DISCLOSURE: "disclosures",
    Refusal.REVOKED: "status",
    Refusal.SUSPENDED: "status",
    Refusal.STATUS_UNAVAILABLE: "status",
}


def _checks(failed: str | None) -> list[dict[str, Any]]:
    """Each check: passed (True), failed (False) or not reached (None)."""
    position = CHECKS.index(failed) if failed else len(CHECKS)
    return [
        {"check": name, "passed": True if i < position else (False if i == position else None)}
        for i, name in enumerate(CHECKS)
    ]


def label_of(vct: str, path: tuple[str | int, ...], language: str) -> str:
    metadata = TYPES.get(vct)
    pattern = meta_path(path)
    for claim in metadata.claims if metadata else ():
        if claim.path == pattern:
            return claim.label_nl if language == "nl" else claim.label_en
    return ".".join(str(p) for p in path)


_YES_NO = {("nl", True): "Ja", ("nl", False): "Nee", ("en", True): "Yes", ("en", False): "No"}


def value_of(value: Any, language: str) -> str:
    """A disclosed claim's value as a person reads it: "Ja"/"Yes" for a boolean, a full date
    as "12 april 2001"/"12 April 2001"; anything else as it was signed."""
    language = language if language in {"nl", "en"} else "en"
    if isinstance(value, bool):
        return _YES_NO[(language, value)]
    with translation.override(language):
        return full_date(value)


def readable(
    claims: Iterable[tuple[str, tuple[tuple[str | int, ...], Any]]], language: str
) -> list[dict[str, str]]:
    """Claims as (vct, (path, value)) as a person reads them: label and value, in `language`."""
    return [
        {"label": label_of(vct, path, language), "value": value_of(value, language)}
        for vct, (path, value) in claims
    ]


def _disclosed(verified: Verified, language: str) -> list[dict[str, str]]:
    leaves = visible_claims(verified.vct, verified.claims)
    return readable(((verified.vct, leaf) for leaf in leaves), language)


def _one(
    verifier: Verifier, query: CredentialQuery, shown: list[str], *, nonce: str, aud: str, lang: str
) -> dict[str, Any]:
    if len(shown) != 1:
        return {
            "query": query.id,
            "ok": False,
            "checks": _checks("signature"),
            "reason": Refusal.MALFORMED.value,
            "claims": [],
        }
    result = verifier.verify(shown[0], nonce=nonce, aud=aud)
    if not result.ok:
        return {
            "query": query.id,
            "ok": False,
            "checks": _checks(_FAILED_AT[result.reason]),
            "reason": result.reason.value,
            "claims": [],
        }
    assert isinstance(result, Verified)  # noqa: S101 - narrowed by `ok` above
    answers = satisfies(query, result.vct, result.claims)
    names = trust.issuer_names(lang)
    return {
        "query": query.id,
        "ok": answers,
        "checks": _checks(None if answers else "answer"),
        "reason": "" if answers else "not_what_was_asked",
        "issuer": result.issuer,
        "issuer_name": names.get(result.issuer, result.issuer),
        "vct": result.vct,
        "claims": _disclosed(result, lang),
    }


def evaluate(
    verifier: Verifier,
    dcql_query: dict[str, Any],
    tokens: dict[str, list[str]],
    *,
    nonce: str,
    aud: str,
    language: str,
) -> dict[str, Any]:
    """The verdict on a `vp_token` for the request with this DCQL query, nonce and audience."""
    results = []
    for raw in dcql_query["credentials"]:
        try:
            query = CredentialQuery.parse(raw)
        except CredentialError:
            continue  # our own queries always parse; a broken one answers nothing
        shown = tokens.get(query.id, [])
        if not shown:
            results.append(
                {
                    "query": query.id,
                    "ok": False,
                    "checks": _checks("signature"),
                    "reason": "missing",
                    "claims": [],
                }
            )
            continue
        results.append(_one(verifier, query, shown, nonce=nonce, aud=aud, lang=language))
    ok = bool(results) and all(r["ok"] for r in results)
    return {"ok": ok, "credentials": results}
