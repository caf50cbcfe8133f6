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
    "bsns_by_person_id",
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


def _demo_internals(path: Path) -> set[str]:
    """Modules of the demo block other than its door that `path` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "lifegate.demo":
            found |= {f"lifegate.demo.{a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lifegate.demo."):
            found.add(str(node.module))
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lifegate.demo.")}
    return found - {"lifegate.demo.services"}


# Not registry reads: the open-data synthetic source regenerates a population from a seed
# (no table is read), and the `demo` command starts the demo block's own seeding command.
NOT_REGISTRY_READS = {
    "opendata/sources.py": {"lifegate.demo.population"},
    "core/management/commands/demo.py": {"lifegate.demo.management.commands.seed"},
}
# Reads the demo block's tables directly, not through the exchange (no purpose, no log):
# to move to `exchange.read_person_data` (DUO's `duo-diploma-credential` activity exists).
KNOWN_BYPASS = "credentials/registry.py"


def _demo_table_readers() -> dict[str, list[str]]:
    found = {
        str(p.relative_to(SRC)): sorted(_demo_internals(p))
        for p in _modules_outside(ALLOWED_BLOCKS)
    }
    return {
        name: used
        for name, used in found.items()
        if set(used) - NOT_REGISTRY_READS.get(name, set())
    }


def test_no_block_outside_registries_exchange_and_demo_reads_the_demo_tables():
    readers = _demo_table_readers()

    assert {k: v for k, v in readers.items() if k != KNOWN_BYPASS} == {}


def test_the_credentials_block_reads_registry_data_through_the_exchange():
    assert KNOWN_BYPASS not in _demo_table_readers()


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


def _calls(function: ast.FunctionDef, owner: str) -> set[str]:
    """Attributes of `owner` that `function` calls, e.g. {"registry_persons"} for `demo`."""
    return {
        n.func.attr
        for n in ast.walk(function)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id == owner
    }


def _names_used(function: ast.FunctionDef) -> set[str]:
    return {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}


def test_every_function_of_the_registries_that_reads_the_population_is_behind_a_grant_check():
    """Walks every function of the registries block: one that reads the population either
    checks a grant itself or is a reader that only the grant-checking `answer` dispatches to."""
    unguarded, dispatchers = {}, {}
    for path in (SRC / "registries").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            key = f"{path.name}:{function.name}"
            checks = "check" in _calls(function, "grants")
            if _calls(function, "demo") & REGISTRY_READS and not checks:
                unguarded[key] = function.name
            if "READERS" in _names_used(function):
                dispatchers[key] = checks

    assert set(unguarded.values()) == {f.__name__ for f in server.READERS.values()}
    assert all(k.startswith("server.py:") for k in unguarded)
    assert dispatchers == {"server.py:answer": True}


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
