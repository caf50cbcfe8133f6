# SPDX-License-Identifier: EUPL-1.2
"""`lifegate wallet`: receive with a tx code, list, present only what is asked."""

from __future__ import annotations

import fcntl
import io
import json
import logging
import re
import time
from itertools import pairwise

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from lifegate.credentials import (
    DIPLOMA,
    generate_private_key,
    issue_vc,
    public_jwk,
    services,
    trust,
    wallet,
    wallet_messages,
)
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.management.commands.wallet import terminal_language
from tests.conftest import free_port, lifegate_env, run_lifegate
from tests.credentials.credentials_factory import DIPLOMA_CLAIMS
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def translated(message, language):
    with translation.override(language):
        return translation.gettext(message)


def _wallet(path, *args, language="en"):
    out = io.StringIO()
    call_command("wallet", f"--wallet={path}", f"--language={language}", *args, stdout=out)
    return out.getvalue()


def test_the_command_line_wallet_receives_lists_and_presents_only_what_is_asked(served, tmp_path):
    path = tmp_path / "wallet.json"
    offer = services.create_offer("diploma", AHMED_ID)

    received = _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)
    listed = _wallet(path, "list")
    shown = _wallet(path, "present", services.start_presentation("university", "en"), "--yes")

    assert received.startswith("received Diploma from ") and "  Diploma  " in listed
    assert "  Degree: Master of Science" in shown
    assert "  Institution: Rijksuniversiteit Groningen" in shown
    assert "Programme" not in shown and "Date of birth" not in shown
    assert "/en/verifiers/university/requests/" in shown
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "d" in json.loads(path.read_text())["holder_key"]


def test_a_wrong_transaction_code_ends_in_one_clear_line(served, tmp_path):
    offer = services.create_offer("diploma", AHMED_ID)
    wrong = "000000" if offer.tx_code != "000000" else "111111"

    with pytest.raises(CommandError, match="transaction code is not right"):
        _wallet(tmp_path / "w.json", "receive", offer.link, "--tx-code", wrong)


def test_the_list_has_a_header_and_one_aligned_line_per_credential(served, tmp_path):
    path = tmp_path / "w.json"
    for _ in range(2):
        offer = services.create_offer("diploma", AHMED_ID)
        _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)

    header, *lines = _wallet(path, "list").splitlines()

    assert header.split() == ["ID", "TYPE", "ISSUER", "UNSHOWN", "RECEIVED"]
    assert len(lines) == 2
    assert all(line.index("Diploma") == header.index("TYPE") for line in lines)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_wallet_names_the_issuer_and_says_when_in_local_time(served, tmp_path, language):
    path = tmp_path / "w.json"
    offer = services.create_offer("diploma", AHMED_ID)
    duo = trust.issuer_names(language)[f"{served}/credentials/issuers/duo"]
    before = timezone.localtime().strftime("%Y-%m-%d %H:%M")

    received = _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code, language=language)
    header, line = _wallet(path, "list", language=language).splitlines()

    assert f" {duo} (" in received and served not in received
    starts = [header.index(name) for name in header.split()]  # the columns line up
    issuer, unshown, moment = (line[a:b].strip() for a, b in pairwise([*starts[2:], None]))
    assert issuer == duo
    assert unshown == f"{BATCH_SIZE}/{BATCH_SIZE}"  # none shown yet
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", moment)
    assert before <= moment <= timezone.localtime().strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(("verbosity", "shown"), [("1", False), ("2", True)])
def test_http_requests_are_logged_only_when_asked_with_verbosity_2(
    served, tmp_path, caplog, verbosity, shown
):
    offer = services.create_offer("diploma", AHMED_ID)
    caplog.set_level(logging.INFO)

    _wallet(tmp_path / "w.json", "-v", verbosity, "receive", offer.link, "--tx-code", offer.tx_code)

    assert ("HTTP Request: POST" in caplog.text) is shown
    assert logging.getLogger("httpx").level == logging.NOTSET  # as it was before the command


def test_an_empty_wallet_lists_nothing(tmp_path):
    assert _wallet(tmp_path / "w.json", "list").strip() == "no credentials"


def test_a_wallet_that_cannot_reach_the_register_of_verifiers_says_how_to_point_it(
    served, tmp_path
):
    request = services.start_presentation("university", "en")
    nobody = f"http://127.0.0.1:{free_port()}"  # as a demo on another port than assumed

    with pytest.raises(CommandError) as raised:
        _wallet(tmp_path / "w.json", f"--registry={nobody}", "present", request)

    said = str(raised.value)
    assert said.startswith("A service this link points to could not be reached.")
    assert f"register of verifiers from lifegate at {nobody}" in said
    assert "--registry" in said
    assert "LIFEGATE_PUBLIC_URL" in said


def test_the_wallet_speaks_dutch_when_asked(served, tmp_path):
    path = tmp_path / "wallet.json"
    offer = services.create_offer("residence", AHMED_ID)

    received = _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code, language="nl")
    header = _wallet(path, "list", language="nl").splitlines()[0]
    request = services.start_presentation("landlord", "nl")
    shown = _wallet(path, "present", request, "--yes", language="nl")

    assert received.startswith("Bewijs van inschrijving ontvangen van ")
    assert header.split() == ["ID", "SOORT", "UITGEVER", "ONGETOOND", "ONTVANGEN"]
    assert "vraagt hierom; u zou alleen dit delen:" in shown
    assert "  Land: NL" in shown
    assert "gedeeld; de pagina van de controleur: " in shown and "/nl/controleurs/" in shown


def test_a_dutch_wallet_explains_its_errors_in_dutch(tmp_path):
    nobody = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(CommandError) as raised:
        _wallet(
            tmp_path / "w.json",
            f"--registry={nobody}",
            "present",
            f"openid4vp://?client_id=x&request_uri={nobody}/r",
            language="nl",
        )

    said = str(raised.value)
    assert said.startswith(translated(wallet_messages.UNREACHABLE, "nl"))
    assert f"het register van controleurs uit lifegate op {nobody}" in said


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_without_language_the_terminals_locale_decides(environ, language):
    assert terminal_language(environ) == language


@pytest.mark.parametrize(
    ("language", "verifier", "claim"),
    [
        ("en", "University of Leuven (demo)", "  Degree: Master of Science"),
        ("nl", "Universiteit Leuven (demo)", "  Graad: Master of Science"),
    ],
)
def test_the_history_lists_what_was_shared_with_whom(served, tmp_path, language, verifier, claim):
    path = tmp_path / "wallet.json"
    offer = services.create_offer("diploma", AHMED_ID)
    _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)
    nothing = {"en": "nothing shared yet", "nl": "nog niets gedeeld"}[language]
    assert _wallet(path, "history", language=language).strip() == nothing

    _wallet(path, "present", services.start_presentation("university", "en"), "--yes")

    when, *claims = _wallet(path, "history", language=language).splitlines()
    assert re.fullmatch(rf"20\d\d-\d\d-\d\d \d\d:\d\d  {re.escape(verifier)}", when)
    assert claim in claims and len(claims) == 2


def test_saying_no_shares_nothing_and_is_noted(served, tmp_path, monkeypatch):
    path = tmp_path / "wallet.json"
    offer = services.create_offer("diploma", AHMED_ID)
    _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")

    said = _wallet(path, "present", services.start_presentation("university", "en"))

    assert said.strip().endswith("nothing shared")
    when, reason = _wallet(path, "history").splitlines()
    assert when.endswith("  University of Leuven (demo)")
    assert reason == "  nothing: you declined"


def test_the_wallet_shows_addresses_where_this_machine_has_no_lifegate_database(tmp_path):
    """A holder using the wallet against another server: no database here, so no names,
    but the list still works."""
    issuer = "https://lifegate.example.es/credentials/issuers/upm"
    with httpx.Client() as client:
        held = wallet.Wallet({}, client, "https://lifegate.example.es")
        held.keep(
            issue_vc(
                DIPLOMA,
                DIPLOMA_CLAIMS,
                issuer=issuer,
                issuer_key=generate_private_key(),
                holder_jwk=public_jwk(held.key),
                iat=int(time.time()),
                exp=int(time.time()) + 3600,
            ).serialize()
        )
    path = tmp_path / "w.json"
    path.write_text(json.dumps(held.state))

    listed = run_lifegate(
        ["wallet", f"--wallet={path}", "--language=en", "list"], lifegate_env(tmp_path / "home")
    )

    assert listed.returncode == 0, listed.stderr
    assert issuer in listed.stdout.splitlines()[1]


def test_the_command_line_wallet_says_so_before_sharing_a_copy_shown_before(served, tmp_path):
    path = tmp_path / "w.json"
    offer = services.create_offer("diploma", AHMED_ID)
    _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code, language="nl")
    state = json.loads(path.read_text())
    for copy in state["credentials"]:
        copy["used_at"] = "2026-11-30T09:00:00.000000+00:00"  # every copy shown once
    path.write_text(json.dumps(state))

    request = services.start_presentation("university", "nl")
    shown = _wallet(path, "present", request, "--yes", language="nl")

    assert translated(wallet_messages.SHOWN_BEFORE, "nl") in shown
    assert "gedeeld; de pagina van de controleur: " in shown


def test_a_second_command_on_the_same_wallet_is_refused_until_the_first_ends(tmp_path):
    path = tmp_path / "w.json"
    with (tmp_path / "w.json.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a `present` waiting at its prompt would

        with pytest.raises(CommandError) as refused:
            _wallet(path, "list", language="nl")

    assert str(refused.value).startswith("Een andere opdracht 'lifegate wallet' gebruikt")
    assert _wallet(path, "list", language="nl").strip() == translated("no credentials", "nl")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", f"new copies of Diploma: {BATCH_SIZE} of {BATCH_SIZE} not shown to any verifier"),
        ("nl", f"nieuwe exemplaren van Diploma: {BATCH_SIZE} van {BATCH_SIZE} nog niet aan een"),
    ],
)
def test_the_command_line_wallet_renews_the_copies_it_has_shown(served, tmp_path, language, said):
    path = tmp_path / "w.json"
    offer = services.create_offer("diploma", AHMED_ID)
    _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)
    for _ in range(2):
        _wallet(path, "present", services.start_presentation("university", "en"), "--yes")
    credential_id = _wallet(path, "list").splitlines()[1].split()[0]

    renewed = _wallet(path, "renew", credential_id, language=language)
    listed = _wallet(path, "list")

    assert renewed.startswith(said)
    assert f"  {BATCH_SIZE}/{BATCH_SIZE}  " in listed


def test_renewing_a_credential_the_wallet_does_not_hold_says_what_to_do(served, tmp_path):
    path = tmp_path / "w.json"
    offer = services.create_offer("diploma", AHMED_ID)
    _wallet(path, "receive", offer.link, "--tx-code", offer.tx_code)

    with pytest.raises(CommandError) as refused:
        _wallet(path, "renew", "no-such-id", language="nl")

    assert str(refused.value).startswith(translated(wallet_messages.NO_SUCH_CREDENTIAL, "nl"))
