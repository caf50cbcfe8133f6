# SPDX-License-Identifier: EUPL-1.2
"""Forgery categories: each turns (forger, i) into one broken presentation.

Variants rotate with `i`, so every category covers all of its variants many times.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from cryptography.hazmat.primitives import serialization

from lifegate.credentials import Disclosure, Refusal, SdJwt, generate_private_key, public_jwk
from lifegate.credentials.disclosures import digest_of, new_salt
from lifegate.credentials.encoding import b64url_encode, json_b64, json_dumps
from lifegate.credentials.keys import sign_jws
from tests.credentials.credentials_factory import AUD, ISSUER, KID, NONCE, NOW
from tests.credentials.forgery import Forger, es256, hs256, unsigned

R = Refusal


def _raw_disclosure(items: list[Any]) -> Disclosure:
    """A disclosure built without Disclosure.create's guards, as a bad issuer would."""
    encoded = b64url_encode(json.dumps(items).encode())
    name = items[1] if len(items) == 3 else None
    return Disclosure(encoded, items[0], name, items[-1], digest_of(encoded))


def _kb(f: Forger, presentation: SdJwt, header: dict[str, Any], payload: dict[str, Any]) -> str:
    body = {
        "iat": NOW,
        "aud": AUD,
        "nonce": NONCE,
        "sd_hash": digest_of(presentation.without_key_binding),
    } | payload
    body = {k: v for k, v in body.items() if v is not _DROP}
    kb = es256({"typ": "kb+jwt"} | header, body, f.demo.holder_key)
    return replace(presentation, kb_jwt=kb).serialize()


_DROP = object()


def tampered_disclosure(f: Forger, i: int) -> str:
    shown = f.shown()
    at = f.rng.randrange(len(shown.disclosures))
    old = shown.disclosures[at]
    changes = [
        lambda: Disclosure.create(old.name, [old.value, f.random_value()], old.salt),
        lambda: Disclosure.create(f"{old.name}_", old.value, old.salt),
        lambda: Disclosure.create(old.name, old.value, new_salt()),
        lambda: _raw_disclosure([old.salt, old.name, old.value, "extra"][: 3 if i % 2 else 4]),
    ]
    new = changes[i % len(changes)]()
    disclosures = list(shown.disclosures)
    disclosures[at] = new
    return f.bound(replace(shown, disclosures=tuple(disclosures)))


def duplicate_disclosure(f: Forger, i: int) -> str:
    shown = f.shown()
    copy = f.rng.choice(shown.disclosures)
    disclosures = list(shown.disclosures)
    disclosures.insert(f.rng.randrange(len(disclosures) + 1), copy)
    return f.bound(replace(shown, disclosures=tuple(disclosures)))


def unreferenced_disclosure(f: Forger, i: int) -> str:
    shown = f.shown()
    if i % 2:
        extra = Disclosure.create(f.rng.choice(["degree", "x", "eqf_level"]), f.random_value())
    else:  # a genuine disclosure, but from another credential
        extra = f.rng.choice(f.revoked).disclosures[f.rng.randrange(5)]
    return f.bound(replace(shown, disclosures=(*shown.disclosures, extra)))


def reserved_claim_name(f: Forger, i: int) -> str:
    name = ["_sd", "..."][i % 2]
    bad = _raw_disclosure([new_salt(), name, f.random_value()])
    if i % 4 < 2:
        return f.with_disclosures(f.payload(_sd=[bad.digest]), [bad])
    wrap = Disclosure.create("address", {"_sd": [bad.digest]})
    return f.with_disclosures(f.payload(_sd=[wrap.digest]), [wrap, bad])


def misplaced_disclosure(f: Forger, i: int) -> str:
    if i % 2:  # array element referenced from _sd
        element = Disclosure.create(None, "NL")
        return f.with_disclosures(f.payload(_sd=[element.digest]), [element])
    prop = Disclosure.create("nationality", "NL")
    return f.with_disclosures(f.payload(nationalities=[{"...": prop.digest}]), [prop])


def repeated_digest(f: Forger, i: int) -> str:
    d = Disclosure.create("degree", "PhD")
    decoy = digest_of(new_salt())
    variants = [
        (f.payload(_sd=[d.digest, d.digest]), [d]),
        (f.payload(_sd=[d.digest], extra={"_sd": [d.digest]}), [d]),
        (f.payload(_sd=[decoy, decoy]), []),
        (f.payload(list=[{"...": d.digest}], _sd=[d.digest]), [d]),
    ]
    payload, disclosures = variants[i % len(variants)]
    return f.with_disclosures(payload, disclosures)


def claim_collision(f: Forger, i: int) -> str:
    names = ["degree", "iss", "vct", "exp", "cnf", "status", "iat"]
    name = names[i % len(names)]
    d = Disclosure.create(name, f.random_value())
    payload = f.payload(_sd=[d.digest], degree="MSc")
    if i % 2 and name not in ("degree", "iss", "vct", "cnf"):
        del payload[name]  # a registered claim smuggled in through a disclosure only
    return f.with_disclosures(payload, [d])


def wrong_sd_hash(f: Forger, i: int) -> str:
    credential = f.credential()
    shown = f.shown(credential)
    variants = [
        lambda: _kb(f, shown, {}, {"sd_hash": digest_of(new_salt())}),
        lambda: _kb(f, shown, {}, {"sd_hash": digest_of(shown.without_key_binding[:-1])}),
        lambda: _kb(f, shown, {}, {"sd_hash": _DROP}),
        lambda: _kb(f, shown, {}, {"sd_hash": b64url_encode(b"\0" * 32)}),
        lambda: (
            _kb(f, shown, {}, {"sd_hash": digest_of(credential.without_key_binding)})
            if shown.disclosures != credential.disclosures
            else _kb(f, shown, {}, {"sd_hash": 1})
        ),
    ]
    return variants[i % len(variants)]()


def _swap_kb(f: Forger, shown: SdJwt, other: SdJwt) -> str:
    bound = f.bound(other)
    return shown.without_key_binding + bound.rsplit("~", 1)[1]


def after_binding_edit(f: Forger, i: int) -> str:
    credential = f.credential()
    shown = f.shown(credential)
    if i % 2 and len(shown.disclosures) > 1:  # drop one after binding
        return _swap_kb(f, replace(shown, disclosures=shown.disclosures[1:]), shown)
    missing = [d for d in credential.disclosures if d not in shown.disclosures]
    if not missing:
        return _swap_kb(f, replace(shown, disclosures=shown.disclosures[1:]), shown)
    bigger = replace(shown, disclosures=(*shown.disclosures, f.rng.choice(missing)))
    return _swap_kb(f, bigger, shown)


def stale_key_binding(f: Forger, i: int) -> str:
    variants: list[Any] = [
        NOW - 301 - f.rng.randrange(10**7),
        NOW + 61 + f.rng.randrange(10**7),
        str(NOW),
        float(NOW),
        True,
        _DROP,
        None,
    ]
    return _kb(f, f.shown(), {}, {"iat": variants[i % len(variants)]})


def replayed_key_binding(f: Forger, i: int) -> str:
    shown = f.shown()
    if i % 3 == 0:  # the same presentation, bound for an earlier request
        return f.bound(shown, nonce=f"nonce-{f.rng.randrange(10**9)}")
    if i % 3 == 1:  # a KB-JWT lifted from another presentation of the same holder
        return _swap_kb(f, shown, f.shown(f.rng.choice(f.revoked)))
    return f.bound(shown, aud="https://previous-verifier.example")


def wrong_nonce(f: Forger, i: int) -> str:
    variants: list[Any] = [NONCE + "x", NONCE.upper(), "", None, _DROP, [NONCE], 0, NONCE[:-1]]
    return _kb(f, f.shown(), {}, {"nonce": variants[i % len(variants)]})


def wrong_audience(f: Forger, i: int) -> str:
    variants: list[Any] = [AUD + "/", "https://evil.example", [AUD], None, _DROP, AUD.upper()]
    return _kb(f, f.shown(), {}, {"aud": variants[i % len(variants)]})


def alg_none(f: Forger, i: int) -> str:
    alg = ["none", "None", "NONE", "nOnE", ""][i % 5]
    shown = f.shown()
    if i % 2:
        body = shown.jwt.split(".")[1]
        header = {"alg": alg, "typ": "dc+sd-jwt", "kid": KID}
        return f.bound(replace(shown, jwt=f"{json_b64(header)}.{body}."))
    payload = {
        "iat": NOW,
        "aud": AUD,
        "nonce": NONCE,
        "sd_hash": digest_of(shown.without_key_binding),
    }
    kb = unsigned({"alg": alg, "typ": "kb+jwt"}, payload, b"")
    return replace(shown, kb_jwt=kb).serialize()


def _public_secrets(f: Forger) -> list[bytes]:
    key = f.demo.issuer_key.public_key()
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    point = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return [
        pem,
        der,
        point,
        json.dumps(public_jwk(key)).encode(),
        json_dumps(public_jwk(key)).encode(),
    ]


def key_confusion(f: Forger, i: int) -> str:
    attacker = generate_private_key()
    payload = f.payload()
    header = {"typ": "dc+sd-jwt", "kid": KID}
    variants = [
        lambda: f.bound(
            SdJwt(hs256(header | {"alg": "HS256"}, payload, f.rng.choice(_public_secrets(f))), ())
        ),
        lambda: f.issued(payload, {"jwk": public_jwk(attacker)}, attacker),
        lambda: f.issued(payload, {"kid": "attacker"}, attacker),
        lambda: f.bound(
            SdJwt(
                unsigned(
                    header
                    | {
                        "alg": f.rng.choice(
                            ["ES384", "ES512", "RS256", "PS256", "EdDSA", "ES256K", "HS512"]
                        )
                    },
                    payload,
                    f.rng.randbytes(64),
                ),
                (),
            )
        ),
        lambda: f.issued(payload | {"cnf": {"jwk": public_jwk(attacker)}}, {}, attacker),
        lambda: _kb_signed_by(f, f.demo.issuer_key),
        lambda: _kb_signed_by(f, attacker, {"jwk": public_jwk(attacker)}),
        lambda: _kb_hs256(f),
        lambda: _swapped_cnf(f, attacker),
    ]
    return variants[i % len(variants)]()


def _kb_signed_by(f: Forger, key: Any, header: dict[str, Any] | None = None) -> str:
    shown = f.shown()
    payload = {
        "iat": NOW,
        "aud": AUD,
        "nonce": NONCE,
        "sd_hash": digest_of(shown.without_key_binding),
    }
    kb = sign_jws({"typ": "kb+jwt"} | (header or {}), json_dumps(payload).encode(), key)
    return replace(shown, kb_jwt=kb).serialize()


def _kb_hs256(f: Forger) -> str:
    shown = f.shown()
    payload = {
        "iat": NOW,
        "aud": AUD,
        "nonce": NONCE,
        "sd_hash": digest_of(shown.without_key_binding),
    }
    secret = json.dumps(public_jwk(f.demo.holder_key)).encode()
    return replace(
        shown, kb_jwt=hs256({"alg": "HS256", "typ": "kb+jwt"}, payload, secret)
    ).serialize()


def _swapped_cnf(f: Forger, attacker: Any) -> str:
    """The trusted signature kept, the holder key in the payload replaced by the attacker's."""
    shown = f.shown()
    head, _, signature = shown.jwt.split(".")
    payload = shown.unverified_payload() | {"cnf": {"jwk": public_jwk(attacker)}}
    jwt = f"{head}.{json_b64(payload)}.{signature}"
    return f.bound(replace(shown, jwt=jwt), key=attacker)


def untrusted_issuer(f: Forger, i: int) -> str:
    attacker = generate_private_key()
    variants = [
        lambda: f.issued(f.payload(), {}, attacker),
        lambda: f.issued(f.payload(iss="https://evil.example"), {}, attacker),
        lambda: f.issued(f.payload(iss="https://evil.example")),
        lambda: f.issued({k: v for k, v in f.payload().items() if k != "iss"}),
        lambda: f.issued(f.payload(iss=ISSUER + "/")),
        lambda: f.issued(f.payload(iss=[ISSUER])),
        lambda: f.issued(f.payload(iss=ISSUER.upper())),
    ]
    return variants[i % len(variants)]()


def revoked_or_suspended(f: Forger, i: int) -> str:
    variants = [
        lambda: f.bound(f.shown(f.rng.choice(f.revoked))),
        lambda: f.bound(f.shown(f.rng.choice(f.suspended))),
        lambda: f.issued(f.payload(status={"status_list": {"idx": 10**6, "uri": f.status_uri}})),
        lambda: f.issued(f.payload(status={"status_list": {"idx": 1, "uri": "https://x/y"}})),
        lambda: f.issued(f.payload(status={"status_list": {"idx": -1, "uri": f.status_uri}})),
        lambda: f.issued(f.payload(status={"status_list": {"idx": "7", "uri": f.status_uri}})),
        lambda: f.issued(f.payload(status={"other": {}})),
    ]
    return variants[i % len(variants)]()


def expired_or_early(f: Forger, i: int) -> str:
    variants: list[dict[str, Any]] = [
        {"exp": NOW - 61 - f.rng.randrange(10**8)},
        {"nbf": NOW + 61 + f.rng.randrange(10**8)},
        {"iat": NOW + 61 + f.rng.randrange(10**8)},
        {"exp": str(NOW + 3600)},
        {"exp": True},
    ]
    return f.issued(f.payload(**variants[i % len(variants)]))


def wrong_typ(f: Forger, i: int) -> str:
    typs: list[Any] = [
        "JWT",
        "vc+sd-jwt",
        "example+sd-jwt",
        "DC+SD-JWT",
        "dc+sd-jwt ",
        "kb+jwt",
        "statuslist+jwt",
        None,
        7,
    ]
    if i % 3 == 2:
        kb_typs = [t for t in typs if t != "kb+jwt"] + ["dc+sd-jwt", "KB+JWT"]
        return _kb(f, f.shown(), {"typ": kb_typs[i % len(kb_typs)]}, {})
    header = {"typ": typs[i % len(typs)]}
    return f.issued(f.payload(), header)


def signature_tamper(f: Forger, i: int) -> str:
    shown = f.shown()
    segment = i % 3
    parts = shown.jwt.split(".")
    part = parts[segment]
    at = f.rng.randrange(len(part))
    choices = [
        c
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        if c != part[at]
    ]
    parts[segment] = part[:at] + f.rng.choice(choices) + part[at + 1 :]
    return f.bound(replace(shown, jwt=".".join(parts)))


def random_mutation(f: Forger, i: int) -> str:
    text = f.bound(f.shown())
    original = text
    while text == original:
        for _ in range(f.rng.randint(1, 3)):
            at = f.rng.randrange(len(text))
            char = f.rng.choice("Aa0_-~.=+/ \x00é")
            action = f.rng.randrange(3)
            text = (
                text[:at] + char + text[at + 1 :],
                text[:at] + char + text[at:],
                text[:at] + text[at + 1 :],
            )[action]
    return text
