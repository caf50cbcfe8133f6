# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/ledger/…: signed checkpoints, inclusion and consistency proofs (public).

Proofs hold hashes only; anyone may check that the log they were shown is the one signed.
"""

from __future__ import annotations

import base64

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from lifegate.core.problems import Problem, ProblemError
from lifegate.ledger import keys, services
from lifegate.ledger.errors import LedgerError, Refusal

router = Router(tags=["ledger"])

# Refusals, as `_problem` answers them (problem+json; `reason` names the ledger's refusal).
_EMPTY = {"description": "The ledger has no entries yet: there is no checkpoint to show."}
_BEYOND = {"description": "The sizes or the index do not fit the log (`reason`)."}
_MISSING = {"description": "A node of the tree the proof needs is missing (`reason`)."}
_NO_ENTRY = {"description": "There is no such entry, or a node its proof needs is missing."}


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _problem(exc: LedgerError) -> ProblemError:
    kind = "not-found" if exc.reason is Refusal.MISSING_NODE else "unprocessable"
    return ProblemError(Problem(kind, exc.message, extra={"reason": exc.reason.value}))


class CheckpointOut(Schema):
    origin: str
    size: int = Field(description="Number of entries the checkpoint signs.")
    root_hash: str = Field(alias="rootHash", description="Base64 RFC 9162 root hash.")
    note: str = Field(description="The C2SP signed note (tlog-checkpoint, Ed25519).")
    verifier_key: str = Field(alias="verifierKey", description="The log's key, note format.")


class ProofOut(Schema):
    hashes: list[str] = Field(description="Base64 proof hashes, RFC 9162 order.")


class InclusionOut(ProofOut):
    leaf_index: int = Field(alias="leafIndex")
    tree_size: int = Field(alias="treeSize")
    leaf_hash: str = Field(alias="leafHash", description="Base64 leaf hash of the entry.")


class ConsistencyOut(ProofOut):
    old_size: int = Field(alias="oldSize")
    new_size: int = Field(alias="newSize")


class ConsistencyQuery(Schema):
    old_size: int = Field(alias="oldSize", ge=0)
    new_size: int = Field(alias="newSize", ge=0)


class TreeSizeQuery(Schema):
    tree_size: int = Field(alias="treeSize", ge=1)


@router.get(
    "/checkpoints/latest",
    response={200: CheckpointOut, 404: None},
    by_alias=True,
    operation_id="getLatestCheckpoint",
    openapi_extra={"responses": {"404": _EMPTY}},
    summary="The newest signed checkpoint",
)
def latest_checkpoint(request: HttpRequest) -> dict[str, object]:
    head = services.ensure_checkpoint()
    if head is None:
        raise ProblemError(Problem("not-found", "The ledger has no entries yet."))
    return {
        "origin": head.checkpoint.origin,
        "size": head.checkpoint.size,
        "rootHash": _b64(head.checkpoint.root_hash),
        "note": head.note,
        "verifierKey": keys.signer().verifier().vkey(),
    }


@router.get(
    "/entries/{index}/inclusion-proof",
    response={200: InclusionOut, 404: None, 422: None},
    by_alias=True,
    operation_id="getInclusionProof",
    openapi_extra={"responses": {"404": _NO_ENTRY, "422": _BEYOND}},
    summary="Audit path of one entry in the tree of a given size",
)
def inclusion_proof(
    request: HttpRequest, index: int, query: Query[TreeSizeQuery]
) -> dict[str, object]:
    try:
        leaf, hashes = services.inclusion(index, query.tree_size)
    except LedgerError as exc:
        raise _problem(exc) from exc
    return {
        "leafIndex": index,
        "treeSize": query.tree_size,
        "leafHash": _b64(leaf),
        "hashes": [_b64(h) for h in hashes],
    }


@router.get(
    "/consistency-proof",
    response={200: ConsistencyOut, 404: None, 422: None},
    by_alias=True,
    operation_id="getConsistencyProof",
    openapi_extra={"responses": {"404": _MISSING, "422": _BEYOND}},
    summary="Proof that the tree of oldSize is a prefix of the tree of newSize",
)
def consistency_proof(request: HttpRequest, query: Query[ConsistencyQuery]) -> dict[str, object]:
    try:
        hashes = services.consistency(query.old_size, query.new_size)
    except LedgerError as exc:
        raise _problem(exc) from exc
    return {
        "oldSize": query.old_size,
        "newSize": query.new_size,
        "hashes": [_b64(h) for h in hashes],
    }
