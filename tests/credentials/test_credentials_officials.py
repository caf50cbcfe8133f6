# SPDX-License-Identifier: EUPL-1.2
"""The issuing organisation's officials' pages: find a credential, suspend, reinstate, revoke.

Credentials are issued to a real wallet over loopback HTTP; the status list the verifiers
read is checked after each change.
"""

from __future__ import annotations

import time
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifegate.catalog.services import seed_organisations
from lifegate.credentials import Status, parse_status_list_token, services
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.keys import public_key_from_jwk
from lifegate.credentials.models import IssuedCredential
from lifegate.credentials.wallet import Wallet
from lifegate.identity.officials import ensure_official
from lifegate.messagebox import services as messagebox
from lifegate.resilience.models import OfficialAction
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def _issue(http, served, *configurations):
    wallet = Wallet({}, http, served)
    for configuration in configurations:
        offer = services.create_offer(configuration, AHMED_ID)
        wallet.receive(offer.link, offer.tx_code)
    return {row.configuration: row for row in IssuedCredential.objects.filter(copy_of__isnull=True)}


def _official(organisation, username):
    ensure_official(organisation, username)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _url(language, name, *args):
    with translation.override(language):
        return reverse(f"credentials:{name}", args=args)


def _on_list(http, served, row):
    uri = f"{served}/credentials/status-lists/{row.organisation}/1"
    issuer = http.get(f"{served}/.well-known/jwt-vc-issuer/credentials/issuers/{row.organisation}")
    keys = [public_key_from_jwk(k) for k in issuer.json()["jwks"]["keys"]]
    return parse_status_list_token(http.get(uri).text, keys, uri=uri, now=int(time.time()))


def _status_on_list(http, served, row):
    return _on_list(http, served, row).statuses.get(row.status_index)


def _change(client, language, row, **form):
    return client.post(_url(language, "officials-credential-status", row.id), form)


@pytest.mark.parametrize(
    ("language", "heading", "suspended"),
    [("en", "Issued credentials", "Suspended"), ("nl", "Uitgegeven bewijzen", "Geschorst")],
)
def test_a_duo_official_finds_only_duos_credentials_and_filters_them(
    served, http, language, heading, suspended
):
    rows = _issue(http, served, "diploma", "residence")
    duo = _official("duo", "ambtenaar-duo")
    services.set_status("duo", rows["diploma"].id, services.CredentialStatus.SUSPENDED, by="t")

    everything = duo.get(_url(language, "officials-credentials")).content.decode()
    by_status = duo.get(_url(language, "officials-credentials"), {"status": "valid"})
    by_label = duo.get(_url(language, "officials-credentials"), {"label": "computing"})

    assert heading in everything
    assert str(rows["diploma"].id) in everything
    assert suspended in everything
    assert str(rows["residence"].id) not in everything  # the municipality's, not DUO's
    assert str(rows["diploma"].id) not in by_status.content.decode()
    assert str(rows["diploma"].id) in by_label.content.decode()
    assert OfficialAction.objects.filter(action="credentials.issued.view").exists()


@pytest.mark.parametrize(
    ("language", "wrong", "unknown"),
    [
        ("en", "A BSN has 9 digits and passes the eleven-test.", "No one with this citizen"),
        ("nl", "Een BSN heeft 9 cijfers en voldoet aan de elfproef.", "Niemand met dit"),
    ],
)
def test_a_duo_official_finds_a_citizens_credentials_by_bsn(served, http, language, wrong, unknown):
    diploma = _issue(http, served, "diploma")["diploma"]
    duo = _official("duo", "ambtenaar-duo")
    listed = _url(language, "officials-credentials")

    ahmeds = duo.post(listed, {"bsn": "9999 00 092"})  # as typed, with spaces
    mistyped = duo.post(listed, {"bsn": "999900093"})
    nobodys = duo.post(listed, {"bsn": "111222333"})  # valid, not in the registry
    in_the_address = duo.get(listed, {"bsn": "111222333"})  # never read from a URL

    assert str(diploma.id) in ahmeds.content.decode()
    assert mistyped.status_code == 400
    assert wrong in mistyped.content.decode()
    assert 'aria-invalid="true"' in mistyped.content.decode()
    assert str(diploma.id) not in mistyped.content.decode()
    assert unknown in nobodys.content.decode()
    assert str(diploma.id) not in nobodys.content.decode()
    assert str(diploma.id) in in_the_address.content.decode()  # the BSN was ignored
    searched = OfficialAction.objects.filter(action="credentials.issued.view")
    assert searched.filter(object__startswith="person:").count() == 2  # pseudonymised ids


def test_an_official_of_an_organisation_without_credentials_is_told_so(served, http):
    _issue(http, served, "diploma")
    svb = _official("svb", "ambtenaar-svb")

    page = svb.get(_url("nl", "officials-credentials")).content.decode()

    assert "Uw organisaties hebben nog geen bewijzen uitgegeven." in page


def test_suspending_and_reinstating_change_the_status_list_at_once(served, http):
    diploma = _issue(http, served, "diploma")["diploma"]
    duo = _official("duo", "ambtenaar-duo")

    suspended = _change(duo, "en", diploma, status="suspended")
    after_suspending = _status_on_list(http, served, diploma)
    shown = duo.get(suspended["Location"]).content.decode()
    reinstated = _change(duo, "en", diploma, status="valid")

    assert suspended.status_code == 302
    assert "The status is changed." in shown
    assert "within 60 seconds" in shown  # the list's time to live in these tests
    assert "ambtenaar-duo" in shown  # who changed it
    assert after_suspending == Status.SUSPENDED
    assert reinstated.status_code == 302
    assert _status_on_list(http, served, diploma) == Status.VALID
    actions = set(OfficialAction.objects.values_list("action", flat=True))
    assert {"credentials.issued.suspended", "credentials.issued.valid"} <= actions


@pytest.mark.parametrize(
    ("language", "subjects"),
    [
        ("en", ["Your Diploma credential is valid again", "Your Diploma credential is suspended"]),
        ("nl", ["Uw bewijs Diploma is weer geldig", "Uw bewijs Diploma is geschorst"]),
    ],
)
def test_the_holder_hears_of_each_change_in_their_message_box(served, http, language, subjects):
    diploma = _issue(http, served, "diploma")["diploma"]
    duo = _official("duo", "ambtenaar-duo")

    _change(duo, "en", diploma, status="suspended")
    _change(duo, "en", diploma, status="suspended")  # no change: no second message
    _change(duo, "en", diploma, status="valid")

    box = messagebox.list_messages(messagebox.party_of_person(AHMED_ID), language=language)
    assert sorted(m.subject for m in box.items) == sorted(subjects)
    assert {m.organisation for m in box.items} == {"duo"}


@pytest.mark.parametrize(
    ("language", "confirm_first"),
    [
        ("en", "Confirm that you know revoking cannot be undone, or choose to suspend."),
        ("nl", "Bevestig dat u weet dat intrekken niet ongedaan kan worden gemaakt"),
    ],
)
def test_revoking_asks_for_confirmation_and_is_final(served, http, language, confirm_first):
    diploma = _issue(http, served, "diploma")["diploma"]
    duo = _official("duo", "ambtenaar-duo")

    unconfirmed = _change(duo, language, diploma, status="revoked")
    still = _status_on_list(http, served, diploma)
    revoked = _change(duo, language, diploma, status="revoked", final="yes")
    back = _change(duo, language, diploma, status="valid")
    page = duo.get(_url(language, "officials-credential", diploma.id)).content.decode()

    assert unconfirmed.status_code == 400
    assert confirm_first in unconfirmed.content.decode()
    assert 'value="revoked" checked' in unconfirmed.content.decode()  # the choice is kept
    assert still == Status.VALID
    assert revoked.status_code == 302
    assert back.status_code == 400
    assert _status_on_list(http, served, diploma) == Status.INVALID
    assert 'name="status"' not in page  # nothing left to change
    assert IssuedCredential.objects.get(pk=diploma.id).status == "revoked"


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose what to do with the credential."), ("nl", "Kies wat u met het bewijs")],
)
def test_a_change_without_a_choice_says_what_is_missing(served, http, language, message):
    diploma = _issue(http, served, "diploma")["diploma"]
    duo = _official("duo", "ambtenaar-duo")

    answer = _change(duo, language, diploma)
    unknown = _change(duo, language, diploma, status="deleted")

    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert 'role="alert"' in answer.content.decode()
    assert unknown.status_code == 400
    assert IssuedCredential.objects.get(pk=diploma.id).status == "valid"


def test_another_organisations_official_can_neither_see_nor_change_the_credential(served, http):
    diploma = _issue(http, served, "diploma")["diploma"]
    svb = _official("svb", "ambtenaar-svb")

    page = svb.get(_url("en", "officials-credential", diploma.id))
    change = _change(svb, "en", diploma, status="revoked", final="yes")
    unknown = svb.get(_url("en", "officials-credential", uuid.uuid4()))

    assert page.status_code == 404
    assert "Computing Science" not in page.content.decode()
    assert "None of your organisations issued a credential" in page.content.decode()
    assert change.status_code == 404
    assert unknown.status_code == 404
    assert _status_on_list(http, served, diploma) == Status.VALID


def test_citizens_and_strangers_are_sent_to_the_officials_sign_in(served, http):
    diploma = _issue(http, served, "diploma")["diploma"]
    sign_in = reverse("identity:official-sign-in")

    listed = Client().get(_url("en", "officials-credentials"))
    changed = _change(Client(), "en", diploma, status="revoked", final="yes")

    assert listed.status_code == 302
    assert listed["Location"] == sign_in
    assert changed.status_code == 302
    assert IssuedCredential.objects.get(pk=diploma.id).status == "valid"


@pytest.mark.parametrize(
    ("language", "work_queue", "credentials", "role"),
    [
        ("en", "Work queue", "Issued credentials", "Education Executive Agency: caseworker"),
        ("nl", "Werkvoorraad", "Uitgegeven bewijzen", "Dienst Uitvoering Onderwijs: behandelaar"),
    ],
)
def test_the_officials_home_leads_to_their_work(db, language, work_queue, credentials, role):
    seed_organisations()
    duo = _official("duo", "ambtenaar-duo")
    with translation.override(language):
        home = duo.get(reverse("identity:official-home")).content.decode()

    assert f'href="{_url(language, "officials-credentials")}"' in home
    assert credentials in home
    assert work_queue in home
    assert role in home  # the organisation's name and the role, in the page's language


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("en", f"{BATCH_SIZE} copies issued", f"{BATCH_SIZE + 1} copies issued"),
        ("nl", f"{BATCH_SIZE} exemplaren uitgegeven", f"{BATCH_SIZE + 1} exemplaren uitgegeven"),
    ],
)
def test_the_official_sees_how_many_copies_were_issued_renewals_included(
    served, http, language, before, after
):
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    diploma = IssuedCredential.objects.get(copy_of__isnull=True)
    duo = _official("duo", "ambtenaar-duo")
    page = _url(language, "officials-credential", diploma.id)

    first = duo.get(page).content.decode()
    assert check_at_the_university(wallet)["ok"] is True
    wallet.renew(wallet.held()[0].id)  # one new copy, for the one shown
    then = duo.get(page).content.decode()

    assert before in first
    assert after in then
