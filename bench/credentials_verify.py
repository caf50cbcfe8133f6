# SPDX-License-Identifier: EUPL-1.2
"""Presentations verified per second, against raw ES256 and the `sd_jwt` reference package.

Run: uv run --frozen python bench/credentials_verify.py [--presentations N] [--rounds R]

A full verification is two ES256 verifies (issuer signature, key binding) plus parsing,
disclosure digests, `sd_hash` and a status lookup in a pre-fetched list, so its ceiling is
50 % of the raw verify rate. Three lifegate figures are printed:
- cold: a new verifier for every round and every credential distinct, so no cached
  issuer signature is ever reused (the first time a verifier sees each credential);
- warm: presentations of credentials this verifier has already seen (the issuer
  signature check is cached by exact JWT text; key binding, disclosures, validity and
  status are redone);
- the reference package verifying the same presentations (signature + key binding +
  disclosures; it has no status lists, so it does strictly less work).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto.jwk import JWK  # type: ignore[import-untyped]  # no stubs published
from sd_jwt.verifier import SDJWTVerifier

from lifegate.credentials import (
    DIPLOMA,
    IndexAllocator,
    StatusList,
    StatusReference,
    TrustedIssuers,
    Verifier,
    bind,
    generate_private_key,
    issue_vc,
    present,
    public_jwk,
    sign_status_list,
)

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


class PrefetchedLists:
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens

    def fetch(self, uri: str) -> str:
        return self.tokens[uri]


def rate(work: Callable[[], int], seconds: float) -> float:
    """Operations per second of `work` (which returns how many it did), best of 3 runs."""
    best = 0.0
    for _ in range(3):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            done += work()
        best = max(best, done / (time.perf_counter() - start))
    return best


def raw_es256_rate(seconds: float) -> float:
    key = generate_private_key()
    message = b"x" * 1200  # about the size of an issuer-signed JWT's signing input
    signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    public, algorithm = key.public_key(), ec.ECDSA(hashes.SHA256())

    def work() -> int:
        for _ in range(100):
            public.verify(signature, message, algorithm)
        return 100

    return rate(work, seconds)


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presentations", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    now = int(time.time())
    presentations, token, issuer_key = build(args.presentations, now)
    trusted = TrustedIssuers.from_jwks({ISSUER: [public_jwk(issuer_key)]})
    lists = PrefetchedLists({STATUS_URI: token})
    nonces = [f"n{i}" for i in range(len(presentations))]

    def lifegate(cache: int) -> Callable[[], int]:
        def work() -> int:
            verifier = Verifier(trusted, lists, lambda: now, issuer_cache_size=cache)
            verifier.prefetch(ISSUER, STATUS_URI)  # status from a pre-fetched list
            for text, nonce in zip(presentations, nonces, strict=True):
                assert verifier.verify(text, nonce=nonce, aud=AUD).ok
            return len(presentations)

        return work

    warm_verifier = Verifier(trusted, lists, lambda: now)
    warm_verifier.prefetch(ISSUER, STATUS_URI)
    seen = list(zip(presentations, nonces, strict=True))[: warm_verifier.issuer_cache_size]
    for text, nonce in seen:
        warm_verifier.verify(text, nonce=nonce, aud=AUD)

    def warm() -> int:
        for text, nonce in seen:
            assert warm_verifier.verify(text, nonce=nonce, aud=AUD).ok
        return len(seen)

    issuer_jwk = JWK.from_pyca(issuer_key.public_key())

    def reference() -> int:
        for text, nonce in zip(presentations[:200], nonces, strict=False):
            SDJWTVerifier(text, lambda _i, _h: issuer_jwk, expected_aud=AUD, expected_nonce=nonce)
        return 200

    raw = raw_es256_rate(args.seconds)
    cold = rate(lifegate(cache=0), args.seconds)
    warm_rate = rate(warm, args.seconds)
    ref = rate(reference, args.seconds)
    print(f"raw ES256 verify (cryptography):        {raw:10.0f} /s")
    print(f"lifegate, cold (every credential new):   {cold:10.0f} /s  = {cold / raw:6.1%} of raw")
    share = warm_rate / raw
    print(f"lifegate, warm (credential seen before): {warm_rate:10.0f} /s  = {share:6.1%} of raw")
    print(f"sd_jwt reference package:                {ref:10.0f} /s")
    print(f"lifegate cold vs reference:              {cold / ref:10.2f} x")
    print("targets: >= 40 % of raw ES256 verify; >= 2x the reference package")


if __name__ == "__main__":
    main()
