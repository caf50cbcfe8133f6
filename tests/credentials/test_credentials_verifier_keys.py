# SPDX-License-Identifier: EUPL-1.2
"""A demo verifier's request-signing key replaced (e.g. leaked): the register of verifiers
publishes only the new key, wallets check requests against it, and nothing open is lost."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifegate.credentials import presentations, services, trust
from lifegate.credentials.encoding import json_object_b64
from lifegate.credentials.models import PresentationRequest
from lifegate.credentials.openid4vc import parse_presentation_link
from lifegate.credentials.wallet import Wallet
from lifegate.resilience.models import OfficialAction
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)
UNIVERSITY = "/credentials/verifiers/lifegate-verifier-university"


@pytest.fixture
def own_home(settings: Any, tmp_path: Any) -> Any:
    """Keys of this test only: replacing a verifier's key here leaves other tests' alone."""
    settings.HOME = tmp_path
    trust.forget()
    yield tmp_path
    trust.forget()


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("verifier_keys", *args, stdout=out)
    return out.getvalue()


def _registered_kids(http: Any, served: str) -> list[str]:
    return [key["kid"] for key in http.get(f"{served}{UNIVERSITY}").json()["jwks"]["keys"]]


def _signed_with(http: Any, link: str) -> str:
    _client_id, request_uri = parse_presentation_link(link)
    return str(json_object_b64(http.get(request_uri).text.split(".")[0])["kid"])


def _wallet_with_diploma(http: Any, served: str) -> Wallet:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    return wallet


def test_the_list_names_each_verifiers_published_key(own_home: Any, served: str, http: Any):
    listed = dict(line.split(": current ") for line in _command().splitlines())

    assert set(listed) == set(presentations.VERIFIERS)
    assert _registered_kids(http, served) == [listed["university"]]


def test_a_replaced_key_is_gone_from_the_register_and_new_requests_use_the_new_one(
    own_home: Any, served: str, http: Any
):
    old = _registered_kids(http, served)
    wallet = _wallet_with_diploma(http, served)

    said = _command("rotate", "university")

    new = _registered_kids(http, served)
    assert len(new) == 1 and new != old
    assert f"university: new key {new[0]}; old key {old[0]} no longer published." in said
    link = services.start_presentation("university", "en")
    assert _signed_with(http, link) == new[0]
    wallet.send(wallet.prepare(link))  # the wallet checks the request against the new key
    assert OfficialAction.objects.filter(action="credentials.verifier-key.rotate").count() == 1


def test_a_request_the_wallet_checked_before_the_rotation_can_still_be_answered(
    own_home: Any, served: str, http: Any
):
    wallet = _wallet_with_diploma(http, served)
    link = services.start_presentation("university", "en")
    pending = wallet.prepare(link)

    _command("rotate", "university")
    wallet.send(pending)

    _client_id, uri = parse_presentation_link(link)
    answered = PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1]))
    assert answered.verdict is not None and answered.verdict["ok"] is True


def test_an_unknown_verifier_is_refused_with_the_known_ones(own_home: Any):
    with pytest.raises(CommandError, match=r"there is no verifier nobody; choose one of: .*cinema"):
        _command("rotate", "nobody")
