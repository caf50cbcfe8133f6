# SPDX-License-Identifier: EUPL-1.2
"""An issuer's signing key rotated on schedule (what it signed stays valid) or withdrawn as
compromised (what it signed is revoked, holders told); verifiers follow without a restart."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifegate.credentials import configurations, keystore, rotation, services, trust
from lifegate.credentials.encoding import json_object_b64
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.models import CredentialStatus, IssuedCredential, PresentationRequest
from lifegate.credentials.openid4vc import parse_presentation_link
from lifegate.credentials.remote_issuers import RemoteIssuers
from lifegate.credentials.wallet import Wallet
from lifegate.messagebox.models import Message
from lifegate.resilience.models import OfficialAction
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)
DUO_KEYS = "/.well-known/jwt-vc-issuer/credentials/issuers/duo"


@pytest.fixture
def own_home(settings, tmp_path):
    """Keys of this test only: rotating DUO's key here leaves other tests' keys alone."""
    settings.HOME = tmp_path
    trust.forget()
    yield tmp_path
    trust.forget()


def _receive(http, served) -> tuple[Wallet, IssuedCredential, str]:
    """A wallet holding one new diploma: the wallet, the record, the kid its JWT names."""
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    held = wallet.receive(offer.link, offer.tx_code)
    row = IssuedCredential.objects.filter(copy_of__isnull=True).order_by("-issued_at")[0]
    return wallet, row, str(json_object_b64(held.credential.jwt.split(".")[0])["kid"])


def _verdict(wallet: Wallet) -> dict[str, Any]:
    """The university's verdict when `wallet` shows its diploma."""
    link = services.start_presentation("university", "en")
    wallet.send(wallet.prepare(link))
    _client, uri = parse_presentation_link(link)
    verdict = PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1])).verdict
    assert isinstance(verdict, dict)
    return verdict


def _published(http, served) -> list[str]:
    return [k["kid"] for k in http.get(f"{served}{DUO_KEYS}").json()["jwks"]["keys"]]


def test_a_scheduled_rotation_keeps_what_the_old_key_signed_valid(own_home, served, http):
    old_wallet, old_row, old_kid = _receive(http, served)

    report = rotation.rotate_issuer_key("duo", compromised=False)
    new_wallet, new_row, new_kid = _receive(http, served)

    assert (report.rotation.old_kid, report.rotation.new_kid) == (old_kid, new_kid)
    assert old_kid != new_kid and (old_row.signing_kid, new_row.signing_kid) == (old_kid, new_kid)
    assert _published(http, served) == [new_kid, old_kid]
    assert _verdict(old_wallet)["ok"] is True
    assert _verdict(new_wallet)["ok"] is True
    status_list = http.get(f"{served}/credentials/status-lists/duo/1").text
    assert json_object_b64(status_list.split(".")[0])["kid"] == new_kid
    assert IssuedCredential.objects.get(pk=old_row.pk).status == CredentialStatus.VALID
    assert OfficialAction.objects.filter(action="credentials.issuer-key.rotate").count() == 1


def test_a_compromised_key_is_withdrawn_and_everything_it_signed_revoked(own_home, served, http):
    old_wallet, first, old_kid = _receive(http, served)
    _other_wallet, second, _kid = _receive(http, served)
    told_before = Message.objects.count()

    report = rotation.rotate_issuer_key("duo", compromised=True)
    new_wallet, fresh, new_kid = _receive(http, served)

    assert report.revoked == 2
    revoked = IssuedCredential.objects.filter(status=CredentialStatus.REVOKED)
    assert set(revoked.filter(copy_of=None).values_list("pk", flat=True)) == {first.pk, second.pk}
    assert revoked.count() == 2 * BATCH_SIZE  # every copy of each
    assert Message.objects.count() == told_before + 2  # each holder is told, once
    assert _published(http, served) == [new_kid]
    refused = _verdict(old_wallet)
    assert refused["ok"] is False
    assert refused["credentials"][0]["reason"] in {"untrusted_issuer", "bad_signature"}
    assert _verdict(new_wallet)["ok"] is True
    assert fresh.signing_kid == new_kid != old_kid
    assert OfficialAction.objects.filter(action="credentials.issuer-key.withdraw").count() == 1


def test_a_credential_with_new_copies_signed_by_a_withdrawn_key_is_revoked(own_home, served, http):
    wallet, first, old_kid = _receive(http, served)
    rotation.rotate_issuer_key("duo", compromised=False)
    assert _verdict(wallet)["ok"] is True  # one copy shown
    wallet.renew(wallet.held()[0].id)  # a new copy, signed with the key of its day
    renewed = IssuedCredential.objects.exclude(signing_kid=old_kid).get()

    report = rotation.rotate_issuer_key("duo", compromised=True)  # the new key, not the first

    assert renewed.copy_of_id == first.pk
    assert report.revoked == 1
    statuses = set(IssuedCredential.objects.values_list("status", flat=True))
    assert statuses == {CredentialStatus.REVOKED}  # the first copies too: one credential


@pytest.mark.parametrize(("rotated_before", "revoked"), [(False, 1), (True, 0)])
def test_credentials_from_before_kids_were_kept_count_as_signed_by_the_first_key(
    own_home, served, http, rotated_before, revoked
):
    _wallet, row, _kid = _receive(http, served)
    IssuedCredential.objects.filter(pk=row.pk).update(signing_kid="")  # as before 0002
    if rotated_before:  # the first key is retired, not the one now withdrawn
        rotation.rotate_issuer_key("duo", compromised=False)

    report = rotation.rotate_issuer_key("duo", compromised=True)

    assert report.revoked == revoked


def test_a_running_process_follows_a_rotation_made_by_another(own_home, served, http):
    before = trust.verifier()

    turned = keystore.rotate("issuer-duo", withdraw=False)  # as `lifegate issuer_keys` would
    after = trust.verifier()

    assert after is not before and trust.verifier() is after
    assert isinstance(after.trusted, RemoteIssuers)
    trusted = after.trusted.local[configurations.issuer_id("duo")]
    assert {turned.old_kid, turned.new_kid} <= set(trusted)


def test_the_command_lists_rotates_and_names_the_issuers_it_knows(own_home, served):
    out = io.StringIO()
    call_command("issuer_keys", "rotate", "duo", stdout=out)
    call_command("issuer_keys", stdout=out)

    said = out.getvalue()
    assert "retired: still published" in said
    assert "0 status lists signed with the new key" in said
    duo_line = next(line for line in said.splitlines() if line.startswith("duo: current"))
    assert "retired none" not in duo_line
    with pytest.raises(CommandError, match=r"issues no credentials here; choose one of: .*duo"):
        call_command("issuer_keys", "rotate", "nobody")


def test_the_command_withdraws_a_compromised_key_with_progress_and_a_summary(
    own_home, served, http, settings
):
    settings.CREDENTIALS_ISSUER_KEYS_TTL = 120
    _receive(http, served)
    out = io.StringIO()

    call_command("issuer_keys", "rotate", "duo", "--compromised", stdout=out)

    said = out.getvalue()
    assert "  revoked 1/1" in said
    assert "withdrawn: verifiers no longer trust it. 1 credential it signed revoked" in said
    assert "Other lifegate installations that trust this issuer drop the key within 120 s" in said
    assert "1 status list signed with the new key" in said
