# SPDX-License-Identifier: EUPL-1.2
"""DCQL (OpenID4VP 1.0 §6) for `dc+sd-jwt`: which credential answers a query, and which
disclosures are the fewest that answer it.

Used by the reference wallet (choose what to present) and by the verifier endpoint
(check that what was presented answers what was asked: `satisfies`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lifegate.credentials.disclosures import ClaimPath, reconstruct
from lifegate.credentials.errors import CredentialError, malformed
from lifegate.credentials.sdjwt import QueryPath, SdJwt, present
from lifegate.credentials.vc import VC_TYP


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    path: QueryPath
    id: str | None = None
    values: tuple[Any, ...] | None = None


@dataclass(frozen=True, slots=True)
class CredentialQuery:
    id: str
    vct_values: tuple[str, ...] | None
    claims: tuple[ClaimQuery, ...]
    claim_sets: tuple[tuple[str, ...], ...] | None

    @classmethod
    def parse(cls, query: object) -> CredentialQuery:
        if not isinstance(query, Mapping) or not isinstance(query.get("id"), str):
            raise malformed("a credential query is an object with an id")
        if query.get("format") != VC_TYP:
            raise malformed(f"only format {VC_TYP} is supported")
        meta = query.get("meta") or {}
        vct = meta.get("vct_values") if isinstance(meta, Mapping) else None
        sets = query.get("claim_sets")
        return cls(
            query["id"],
            None if vct is None else tuple(_strings(vct, "vct_values")),
            tuple(_claim(c) for c in query.get("claims") or ()),
            None if sets is None else tuple(tuple(_strings(s, "claim_sets")) for s in sets),
        )


def _strings(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise malformed(f"{name} is an array of strings")
    return value


def _claim(claim: object) -> ClaimQuery:
    if not isinstance(claim, Mapping):
        raise malformed("a claims query is an object")
    path = claim.get("path")
    if not isinstance(path, list) or not path:
        raise malformed("a claims query needs a non-empty path")
    if not all(p is None or (isinstance(p, str | int) and not isinstance(p, bool)) for p in path):
        raise malformed("path elements are strings, integers or null")
    values = claim.get("values")
    return ClaimQuery(tuple(path), claim.get("id"), None if values is None else tuple(values))


def resolve(claims: Any, path: QueryPath, here: ClaimPath = ()) -> list[tuple[ClaimPath, Any]]:
    """Every (concrete path, value) a claims path pointer selects in `claims`."""
    if not path:
        return [(here, claims)]
    step, rest = path[0], path[1:]
    if isinstance(step, str) and isinstance(claims, dict) and step in claims:
        return resolve(claims[step], rest, (*here, step))
    if isinstance(claims, list) and step is None:
        return [m for i, v in enumerate(claims) for m in resolve(v, rest, (*here, i))]
    if isinstance(claims, list) and isinstance(step, int) and 0 <= step < len(claims):
        return resolve(claims[step], rest, (*here, step))
    return []


def _answer(claim: ClaimQuery, claims: dict[str, Any]) -> list[ClaimPath] | None:
    found = resolve(claims, claim.path)
    if claim.values is not None:
        found = [(p, v) for p, v in found if v in claim.values and not isinstance(v, dict | list)]
    return [p for p, _ in found] or None


def _answer_all(query: CredentialQuery, claims: dict[str, Any]) -> list[ClaimPath] | None:
    """Paths answering the query; with `claim_sets`, the first set that can be answered."""
    candidates = [list(query.claims)]
    if query.claim_sets is not None:
        by_id = {c.id: c for c in query.claims if c.id is not None}
        if any(i not in by_id for s in query.claim_sets for i in s):
            raise malformed("claim_sets names a claim id that is not in claims")
        candidates = [[by_id[i] for i in s] for s in query.claim_sets]
    for wanted in candidates:
        answers = [_answer(c, claims) for c in wanted]
        if all(a is not None for a in answers):
            return [p for a in answers if a for p in a]
    return None


def satisfies(query: CredentialQuery, vct: str, claims: dict[str, Any]) -> bool:
    """Verifier side: do verified claims of type `vct` answer this credential query?"""
    if query.vct_values is not None and vct not in query.vct_values:
        return False
    return _answer_all(query, claims) is not None


@dataclass(frozen=True, slots=True)
class Match:
    query_id: str
    credential: SdJwt
    presentation: SdJwt  # the credential with only the needed disclosures, not yet bound


def _best(query: CredentialQuery, held: Sequence[SdJwt]) -> Match | None:
    best: Match | None = None
    for credential in held:
        try:
            payload = credential.unverified_payload()
            claims = reconstruct(payload, credential.disclosures).claims
        except CredentialError:
            continue  # a damaged credential in the wallet answers nothing
        if query.vct_values is not None and payload.get("vct") not in query.vct_values:
            continue
        paths = _answer_all(query, claims)
        if paths is None:
            continue
        shown = present(credential, paths)
        if best is None or len(shown.disclosures) < len(best.presentation.disclosures):
            best = Match(query.id, credential, shown)
    return best


def match(query: Mapping[str, Any], held: Sequence[SdJwt]) -> dict[str, Match] | None:
    """Holder side: per credential query id, the credential and minimal presentation.

    None when the query cannot be answered by `held`. `credential_sets` choose between
    alternatives (first satisfiable option wins); without them every query is required.
    """
    raw = query.get("credentials")
    if not isinstance(raw, list) or not raw:
        raise malformed("a DCQL query has a non-empty credentials array")
    found = {q.id: m for q in map(CredentialQuery.parse, raw) if (m := _best(q, held))}
    sets = query.get("credential_sets")
    if sets is None:
        return found if len(found) == len(raw) else None
    chosen: dict[str, Match] = {}
    for credential_set in sets:
        options = [o for o in credential_set.get("options", []) if all(i in found for i in o)]
        if not options and credential_set.get("required", True):
            return None
        chosen |= {i: found[i] for i in (options[0] if options else [])}
    return chosen
