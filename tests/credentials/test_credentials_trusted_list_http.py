# SPDX-License-Identifier: EUPL-1.2
"""The operator's trusted issuer list over real HTTP: Lucía's Spanish diploma is checked at
the university desk, which reads its issuer's name in the desk's language; taking the
issuer off the list (no restart) or breaking the file stops trusting it, and says why."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.management import call_command

from lifegate.credentials import Refusal, services, trust
from lifegate.credentials.wallet import Wallet
from tests.credentials.foreign_issuer import ForeignIssuer, check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)

UPM_NAMES = {"en": "Technical University of Madrid", "nl": "Technische Universiteit Madrid"}


def _write(path: Path, document: Any) -> None:
    """Write the list; its time is set apart from the last version, as an edit would be."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


@pytest.fixture
def listed(
    served: str, settings: Any, foreign: ForeignIssuer, tmp_path: Path
) -> tuple[ForeignIssuer, Path]:
    """The foreign issuer trusted through the list only, named in English and Dutch."""
    path = tmp_path / "trusted-issuers.json"
    _write(path, {"issuers": [{"issuer": foreign.issuer, "name": UPM_NAMES, "country": "ES"}]})
    settings.CREDENTIALS_TRUSTED_ISSUERS = ()
    settings.CREDENTIALS_TRUSTED_LIST = str(path)
    trust.forget()
    return foreign, path


def _lucia(foreign: ForeignIssuer, served: str, http: Any) -> Wallet:
    wallet = Wallet({}, http, served)
    wallet.keep(foreign.diploma_for(wallet, "es-1"))
    return wallet


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Technical University of Madrid (ES)"), ("nl", "Technische Universiteit Madrid (ES)")],
)
def test_the_desk_reads_the_listed_issuers_name_in_its_language(
    listed: tuple[ForeignIssuer, Path], served: str, http: Any, language: str, name: str
) -> None:
    foreign, _path = listed

    verdict = check_at_the_university(_lucia(foreign, served, http), language)

    assert verdict["ok"] is True, verdict
    assert (verdict["issuer"], verdict["issuer_name"]) == (foreign.issuer, name)


def _replace_keeping_its_time(path: Path, document: Any) -> None:
    """As editors save: a new file put in its place, here with the very same time."""
    written = path.stat().st_mtime_ns
    replacement = path.with_name("new.json")
    replacement.write_text(json.dumps(document))
    replacement.replace(path)
    os.utime(path, ns=(written, written))


@pytest.mark.parametrize("how", [_write, _replace_keeping_its_time], ids=["edited", "replaced"])
def test_an_issuer_taken_off_the_list_is_no_longer_trusted_without_a_restart(
    listed: tuple[ForeignIssuer, Path], served: str, http: Any, how: Any
) -> None:
    foreign, path = listed
    lucia = _lucia(foreign, served, http)
    assert check_at_the_university(lucia)["ok"] is True

    how(path, {"issuers": []})

    assert check_at_the_university(lucia)["reason"] == Refusal.UNTRUSTED_ISSUER.value


def test_a_broken_list_trusts_nobody_on_it_and_the_checks_say_what_to_fix(
    listed: tuple[ForeignIssuer, Path], served: str, http: Any
) -> None:
    foreign, path = listed
    _write(path, {"issuers": [{"issuer": foreign.issuer, "name": UPM_NAMES, "country": "Spain"}]})

    refused = check_at_the_university(_lucia(foreign, served, http))
    (error,) = [m for m in run_checks(tags=["credentials"]) if m.id == "credentials.E001"]

    assert refused["reason"] == Refusal.UNTRUSTED_ISSUER.value
    assert f"The trusted issuer list {path} cannot be used" in error.msg
    assert '"country" must be two capital letters' in error.msg
    assert "fix it, or unset LIFEGATE_CREDENTIALS_TRUSTED_LIST" in error.msg


def test_a_missing_list_is_reported_and_a_usable_one_passes_the_checks(
    listed: tuple[ForeignIssuer, Path], settings: Any
) -> None:
    assert [m for m in run_checks(tags=["credentials"]) if m.id == "credentials.E001"] == []

    settings.CREDENTIALS_TRUSTED_LIST = str(listed[1].with_name("absent.json"))
    (error,) = [m for m in run_checks(tags=["credentials"]) if m.id == "credentials.E001"]

    assert "absent.json cannot be read (No such file or directory)" in error.msg


def test_the_operator_sees_listed_issuers_by_name_with_their_keys(
    listed: tuple[ForeignIssuer, Path],
) -> None:
    foreign, path = listed
    out, err = io.StringIO(), io.StringIO()

    call_command("issuer_keys", stdout=out, stderr=err)

    line = f"Technical University of Madrid (ES) ({foreign.issuer}): keys es-1;"
    assert any(said.startswith(line) for said in out.getvalue().splitlines())
    assert err.getvalue() == ""

    _write(path, "{broken")
    call_command("issuer_keys", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(f"The trusted issuer list {path} cannot be used: it is not")


def test_an_entry_naming_an_issuer_of_this_installation_is_warned_about_and_not_used(
    listed: tuple[ForeignIssuer, Path], served: str, http: Any
) -> None:
    foreign, path = listed
    duo = f"{served}/credentials/issuers/duo"
    entries = [
        {"issuer": foreign.issuer, "name": UPM_NAMES, "country": "ES"},
        {"issuer": duo, "name": "Not DUO", "country": "NL"},
    ]
    _write(path, {"issuers": entries})

    warnings = [m for m in run_checks(tags=["credentials"]) if m.id == "credentials.W001"]
    verdict = check_at_the_university(_ahmed(http, served))

    assert [w.msg for w in warnings] == [
        f"The trusted issuer list {path} names {duo}, an issuer of this installation:"
        " that entry is not used."
    ]
    assert trust.foreign_issuers() == (foreign.issuer,)
    assert (verdict["ok"], verdict["issuer_name"]) == (True, "Education Executive Agency")


def _ahmed(http: Any, served: str) -> Wallet:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    return wallet
