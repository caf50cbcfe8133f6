# SPDX-License-Identifier: EUPL-1.2
"""No read of personal data bypasses the exchange: every registry path needs its grant,
and no block outside registries/exchange/demo reads the population's registry data."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest

import lifegate
from lifegate.registries import grants, server
from lifegate.registries import services as registries
from lifegate.registries.catalogue import REGISTRIES
from lifegate.registries.transport import InProcessTransport, RegistryCall

SRC = Path(lifegate.__file__).parent
REGISTRY_READS = {
    name
    for name in dir(__import__("lifegate.demo.services", fromlist=["x"]))
    if name.startswith("registry_")
}
# Identity matches a signing-in person to themselves (and finds whom they may act for);
# that is authentication, not a read of registry data for a purpose.
IDENTITY_LOOKUPS = {
    "find_person_by_bsn",
    "find_person_by_foreign_id",
    "find_person",
    "find_company",
    "person_ids_by_bsn",
    "person_ids_by_foreign_id",
    "existing_kvk_numbers",
    "identity_facts",
    "personas",
    "children_with_authority",
    "companies_owned_by",
    "mandate_seeds",
}
ALLOWED_BLOCKS = {"registries", "exchange", "demo"}


def _demo_calls(path: Path) -> set[str]:
    """Names used from `lifegate.demo.services` in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = {
        a.asname or a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module == "lifegate.demo"
        for a in n.names
        if a.name == "services"
    }
    used = {
        a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module == "lifegate.demo.services"
        for a in n.names
    }
    used |= {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
    }
    return used


def _modules_outside(allowed: set[str]) -> list[Path]:
    return [p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] not in allowed]


def test_no_block_outside_registries_exchange_and_demo_reads_registry_data_from_the_population():
    offenders = {
        str(p.relative_to(SRC)): sorted(_demo_calls(p) & REGISTRY_READS)
        for p in _modules_outside(ALLOWED_BLOCKS)
    }

    assert {k: v for k, v in offenders.items() if v} == {}


def test_other_blocks_use_only_identity_lookups_of_the_population():
    used = {
        str(p.relative_to(SRC)): sorted(
            _demo_calls(p)
            - IDENTITY_LOOKUPS
            - {
                "seed_demo",
                "residents_per_municipality",
                "loaded_population",
                "PopulationMismatchError",
                "SeedSummary",
                "PersonRecord",
                "CompanyRecord",
                "IdentityFacts",
                "MandateSeedRecord",
                "load_population",
            }
        )
        for p in _modules_outside(ALLOWED_BLOCKS)
    }

    assert {k: v for k, v in used.items() if v} == {}


def test_only_the_exchange_issues_grants():
    importers = {
        str(p.relative_to(SRC))
        for p in _modules_outside({"registries", "exchange"})
        if "registries.grants" in p.read_text(encoding="utf-8")
        or "registries import grants" in p.read_text(encoding="utf-8")
    }

    assert importers == set()


def _grant(registry: str, fields: tuple[str, ...], identifier: str, **changes: object) -> str:
    values: dict[str, object] = {
        "registry": registry,
        "fields": fields,
        "subjects": (grants.subject_tag(identifier),),
        "activity": "a",
        "organisation": "o",
        "expires": time.time() + 30,
    }
    values.update(changes)
    return grants.encode(grants.Grant(**values))  # type: ignore[arg-type]


def _first_field(name: str) -> tuple[str, ...]:
    return (REGISTRIES[name].fields[0],)


@pytest.mark.parametrize("name", sorted(REGISTRIES))
@pytest.mark.parametrize(
    ("grant_for", "reason"),
    [
        (lambda n, i: "", "grant-missing"),
        (lambda n, i: _grant(n, _first_field(n), i)[:-4] + "AAAA", "grant-forged"),
        (lambda n, i: _grant(n, _first_field(n), i, expires=time.time() - 1), "grant-expired"),
        (
            lambda n, i: _grant("persons" if n != "persons" else "incomes", _first_field(n), i),
            "grant-other-registry",
        ),
        (lambda n, i: _grant(n, (), i), "grant-field-not-covered"),
        (lambda n, i: _grant(n, _first_field(n), "someone-else"), "grant-subject-not-covered"),
    ],
)
def test_every_registry_refuses_a_call_the_exchange_did_not_grant(db, name, grant_for, reason):
    identifier = "111222333"
    call = RegistryCall(name, (identifier,), _first_field(name), grant_for(name, identifier))

    with pytest.raises(grants.GrantRefusedError) as refused:
        InProcessTransport().send(call)

    assert refused.value.reason == reason


def test_every_path_to_registry_data_goes_through_the_grant_check():
    """The in-process transport, the HTTP API and services.fetch all end in server.answer."""
    assert set(server.READERS) == set(REGISTRIES)
    assert registries.transport_for("persons").__class__ is InProcessTransport


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_every_registry_api_refuses_a_call_without_a_grant(client, db, name):
    key = REGISTRIES[name].key
    response = client.post(
        f"/api/v1/registries/{name}",
        {key: ["111222333"], "fields": list(_first_field(name))},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["reason"] == "grant-missing"
