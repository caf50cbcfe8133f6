# SPDX-License-Identifier: EUPL-1.2
"""Presentations verified per second, against raw ES256 and the `sd_jwt` reference package.

Run: uv run --frozen python bench/credentials_verify.py [--presentations N] [--seconds S]

Every figure is per CPU-second of this process (`time.process_time`), measured in turns
(raw, cold, warm, reference, raw, ...) and the best turn of each kept, so other work on a
shared machine moves the figures less; still run it two or three times.

- raw: `cryptography` ES256 verifies of the very signatures these presentations carry
  (issuer JWT and KB-JWT, the same signing inputs), keys imported and signatures
  DER-converted beforehand: the floor. A full verification is two of them, plus parsing,
  importing the holder's key from `cnf`, disclosure digests, `sd_hash` and a status lookup,
  so its ceiling is 50 % of the raw rate.
- cold: what a verifier does the first time it sees each credential. Each turn builds a new
  verifier from the issuer's JWKS (parsed into key objects once, as a verifier does when it
  fetches the JWKS) and a pre-fetched status list; every presentation is a different
  credential with its own holder key and nonce; no issuer signature is cached
  (`issuer_cache_size=0`) and the memo of decoded JOSE headers is emptied first.
- warm: presentations of credentials this verifier has already seen (the issuer signature
  check is cached by exact JWT text; key binding, disclosures, validity and status are
  redone).
- reference: the `sd_jwt` package verifying the same presentations (signature, key binding,
  disclosures; it has no status lists, so it does strictly less work).
- fresh key: the KB-JWT signatures verified with `cryptography` and nothing else, but each
  with its holder key imported from its point just before, as a cold verification must (a
  new key object costs its import and, in OpenSSL 3, a first-use export): with the issuer
  signature, what no code around the two verifies can go below, so the ceiling for cold.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from jwcrypto.jwk import JWK  # type: ignore[import-untyped]  # no stubs published
from sd_jwt.verifier import SDJWTVerifier

from lifegate.credentials import (
    DIPLOMA,
    IndexAllocator,
    PublicKey,
    StatusList,
    StatusReference,
    TrustedIssuers,
    Verifier,
    bind,
    generate_private_key,
    issue_vc,
    present,
    public_jwk,
    public_key_from_jwk,
    sign_status_list,
)
from lifegate.credentials.encoding import b64url_decode, json_object_b64
from lifegate.credentials.keys import _header

ISSUER = "https://duo.example"
STATUS_URI = "https://duo.example/status-lists/1"
AUD = "https://university.example"
CLAIMS = {
    "family_name": "Jansen",
    "given_name": "Eva",
    "birthdate": "2001-04-12",
    "degree": "Master of Science",
    "programme": "Computer Science",
    "programme_code": "66352",
    "institution": "Technische Universiteit Delft",
    "institution_code": "21PF",
    "awarded_on": "2025-08-29",
    "eqf_level": 7,
}
Work = Callable[[], int]  # does some verifications, returns how many


class PrefetchedLists:
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens

    def fetch(self, uri: str) -> str:
        return self.tokens[uri]


def build(count: int, now: int) -> tuple[list[str], str, ec.EllipticCurvePrivateKey]:
    issuer_key = generate_private_key()
    allocator, statuses = IndexAllocator(1 << 16), StatusList(1 << 16, bits=2)
    presentations = []
    for i in range(count):
        holder = generate_private_key()
        credential = issue_vc(
            DIPLOMA,
            CLAIMS,
            issuer=ISSUER,
            issuer_key=issuer_key,
            holder_jwk=public_jwk(holder),
            iat=now,
            exp=now + 86400,
            status=StatusReference(STATUS_URI, allocator.allocate()),
        )
        shown = present(credential, [("degree",), ("institution",)])
        presentations.append(bind(shown, holder, nonce=f"n{i}", aud=AUD, iat=now).serialize())
    token = sign_status_list(statuses, uri=STATUS_URI, key=issuer_key, iat=now, ttl=3600)
    return presentations, token, issuer_key


def _signed(token: str, key: PublicKey) -> tuple[PublicKey, bytes, bytes]:
    head, body, signature = token.split(".")
    raw = b64url_decode(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    return key, der, f"{head}.{body}".encode("ascii")


def _parts(presentation: str) -> tuple[str, str, dict[str, Any]]:
    """The issuer JWT, the KB-JWT and the holder's JWK (from `cnf`) of a presentation."""
    jwt, kb_jwt = presentation.split("~", maxsplit=1)[0], presentation.rsplit("~", 1)[1]
    return jwt, kb_jwt, json_object_b64(jwt.split(".")[1])["cnf"]["jwk"]


def raw_es256(presentations: list[str], issuer: PublicKey) -> Work:
    """Both signatures of every presentation, verified with `cryptography` and nothing else."""
    inputs = []
    for text in presentations:
        jwt, kb_jwt, jwk = _parts(text)
        inputs += [_signed(jwt, issuer), _signed(kb_jwt, public_key_from_jwk(jwk))]
    algorithm = ec.ECDSA(hashes.SHA256())

    def work() -> int:
        for key, signature, data in inputs:
            key.verify(signature, data, algorithm)
        return len(inputs)

    return work


def fresh_key(presentations: list[str]) -> Work:
    """The KB-JWT verify of every presentation, its holder key imported each time."""
    inputs = []
    for text in presentations:
        _jwt, kb_jwt, jwk = _parts(text)
        point = b"\x04" + b64url_decode(jwk["x"]) + b64url_decode(jwk["y"])
        _key, der, data = _signed(kb_jwt, public_key_from_jwk(jwk))
        inputs.append((point, der, data))
    algorithm, curve = ec.ECDSA(hashes.SHA256()), ec.SECP256R1()

    def work() -> int:
        for point, signature, data in inputs:
            ec.EllipticCurvePublicKey.from_encoded_point(curve, point).verify(
                signature, data, algorithm
            )
        return len(inputs)

    return work


def cold(
    presentations: list[str], nonces: list[str], issuer: PublicKey, status: str, now: int
) -> Work:
    jwk, lists = public_jwk(issuer), PrefetchedLists({STATUS_URI: status})

    def work() -> int:
        _header.cache_clear()
        trusted = TrustedIssuers.from_jwks({ISSUER: [jwk]})  # the JWKS fetch, parsed once
        verifier = Verifier(trusted, lists, lambda: now, issuer_cache_size=0)
        verifier.prefetch(ISSUER, STATUS_URI)  # status from a pre-fetched list
        for text, nonce in zip(presentations, nonces, strict=True):
            assert verifier.verify(text, nonce=nonce, aud=AUD).ok
        return len(presentations)

    return work


def warm(presentations: list[str], nonces: list[str], verifier: Verifier) -> Work:
    seen = list(zip(presentations, nonces, strict=True))[: verifier.issuer_cache_size]
    for text, nonce in seen:
        verifier.verify(text, nonce=nonce, aud=AUD)

    def work() -> int:
        for text, nonce in seen:
            assert verifier.verify(text, nonce=nonce, aud=AUD).ok
        return len(seen)

    return work


def reference(presentations: list[str], nonces: list[str], issuer: PublicKey) -> Work:
    issuer_jwk = JWK.from_pyca(issuer)

    def work() -> int:
        for text, nonce in zip(presentations, nonces, strict=True):
            SDJWTVerifier(text, lambda _i, _h: issuer_jwk, expected_aud=AUD, expected_nonce=nonce)
        return len(presentations)

    return work


def rates(works: dict[str, Work], seconds: float, turns: int = 3) -> dict[str, float]:
    """Verifications per CPU-second of each work, best of `turns` interleaved turns."""
    best = dict.fromkeys(works, 0.0)
    for turn in range(turns):
        for name, work in works.items():
            done, start = 0, time.process_time()
            while (elapsed := time.process_time() - start) < seconds / turns:
                done += work()
            best[name] = max(best[name], done / elapsed)
        print(f"  turn {turn + 1}/{turns} measured", flush=True)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presentations", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU time per figure")
    args = parser.parse_args()
    now = int(time.time())
    print(f"building {args.presentations} presentations ...", flush=True)
    presentations, token, issuer_key = build(args.presentations, now)
    nonces = [f"n{i}" for i in range(len(presentations))]
    issuer = issuer_key.public_key()
    trusted = TrustedIssuers.from_jwks({ISSUER: [public_jwk(issuer)]})
    warm_verifier = Verifier(trusted, PrefetchedLists({STATUS_URI: token}), lambda: now)
    warm_verifier.prefetch(ISSUER, STATUS_URI)
    figures = rates(
        {
            "raw": raw_es256(presentations, issuer),
            "cold": cold(presentations, nonces, issuer, token, now),
            "warm": warm(presentations, nonces, warm_verifier),
            "reference": reference(presentations, nonces, issuer),
            "fresh key": fresh_key(presentations),
        },
        args.seconds,
    )
    report(figures)


def report(figures: dict[str, float]) -> None:
    raw, cold_rate, warm_rate = figures["raw"], figures["cold"], figures["warm"]
    print(f"raw ES256 verify (cryptography):         {raw:10.0f} /s")
    print(f"lifegate, cold (every credential new):   {cold_rate:10.0f} /s  = {cold_rate / raw:.1%}")
    print(f"lifegate, warm (credential seen before): {warm_rate:10.0f} /s  = {warm_rate / raw:.1%}")
    print(f"sd_jwt reference package:                {figures['reference']:10.0f} /s")
    print(f"lifegate cold vs reference:              {cold_rate / figures['reference']:10.2f} x")
    rest = 1e6 / cold_rate - 2e6 / raw
    print(f"cold, per presentation: two raw verifies {2e6 / raw:.1f} us + the rest {rest:.1f} us")
    floor = 1e6 / raw + 1e6 / figures["fresh key"]  # issuer verify + holder import and verify
    print(
        f"  of the rest, the holder key's import and first use: {floor - 2e6 / raw:.1f} us;"
        f" so no cold verifier can exceed {1e6 / floor / raw:.1%} of raw"
    )
    print("targets: >= 40 % of raw ES256 verify; >= 2x the reference package")


if __name__ == "__main__":
    main()
