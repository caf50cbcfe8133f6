# SPDX-License-Identifier: EUPL-1.2
"""Ahmed withdraws his own credentials on the Credentials page (his phone was stolen): every
copy is revoked, the university's desk refuses the diploma, his message box says he did it,
and the issuing organisation's officials see that the holder withdrew it. Credentials are
issued to a real wallet and shown to a desk over loopback HTTP."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifegate.credentials import services
from lifegate.credentials.models import BY_HOLDER, CredentialStatus, IssuedCredential
from lifegate.credentials.wallet import Wallet
from lifegate.demo import models as demo_tables
from lifegate.identity import rp
from lifegate.messagebox import services as messagebox
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID, sara_visser
from tests.credentials.test_credentials_officials import _official
from tests.identity import flows

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "en": {
        "heading": "Withdraw credentials",
        "confirm": "Confirm that you know withdrawing cannot be undone, or go back.",
        "done": "The credential is withdrawn. Within 2 minutes at most, no verifier accepts",
        "all_done": "2 credentials are withdrawn.",
        "by_you": r"Revoked \(\d+ \w+ \d{4}\) by you",
        "nothing": "There is nothing to withdraw: this credential has been withdrawn",
        "subject": "You withdrew your Diploma credential",
        "official": "withdrawn by the holder",
    },
    "nl": {
        "heading": "Bewijzen intrekken",
        "confirm": "Bevestig dat u weet dat intrekken niet ongedaan kan worden gemaakt, of ga",
        "done": "Het bewijs is ingetrokken. Binnen hooguit 2 minuten accepteert geen enkele",
        "all_done": "2 bewijzen zijn ingetrokken.",
        "by_you": r"Ingetrokken \(\d+ \w+ \d{4}\) door u",
        "nothing": "Er is niets in te trekken: dit bewijs is al ingetrokken",
        "subject": "U hebt uw bewijs Diploma ingetrokken",
        "official": "ingetrokken door de houder",
    },
}


@pytest.fixture
def citizen(served: str) -> Client:
    rp._metadata.clear()  # the eID provider now lives at the live server's address
    rp._key_sets.clear()
    client = Client()
    flows.sign_in(client, f"nl:{AHMED_ID}", "en")
    return client


def _url(language: str, name: str, *args: Any) -> str:
    with translation.override(language):
        return reverse(f"credentials:{name}", args=args)


def _receive(http: Any, served: str, *configurations: str) -> tuple[Wallet, dict[str, Any]]:
    wallet = Wallet({}, http, served)
    for configuration in configurations:
        offer = services.create_offer(configuration, AHMED_ID)
        wallet.receive(offer.link, offer.tx_code)
    firsts = IssuedCredential.objects.one_per_credential()
    return wallet, {row.configuration: row for row in firsts}


def _text(response: Any) -> str:
    """The page's HTML with each run of white space made one space."""
    return " ".join(response.content.decode().split())


def _statuses() -> set[str]:
    """The status of every copy of every credential."""
    return set(IssuedCredential.objects.values_list("status", flat=True))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_ahmed_withdraws_his_diploma_and_the_university_refuses_it(
    citizen: Client, served: str, http: Any, language: str
) -> None:
    words = WORDS[language]
    wallet, rows = _receive(http, served, "diploma")
    diploma = rows["diploma"]
    withdraw = _url(language, "withdraw")

    asked = citizen.get(withdraw, {"credential": str(diploma.id)})
    unconfirmed = citizen.post(withdraw, {"credential": str(diploma.id)})
    still = _statuses()
    done = citizen.post(withdraw, {"credential": str(diploma.id), "final": "yes"})
    overview = citizen.get(done["Location"])
    verdict = check_at_the_university(wallet)

    assert asked.status_code == 200
    assert words["heading"] in asked.content.decode()
    assert diploma.label in asked.content.decode()
    assert unconfirmed.status_code == 400
    assert words["confirm"] in unconfirmed.content.decode()
    assert still == {CredentialStatus.VALID}
    assert done.status_code == 302
    assert words["done"] in _text(overview)
    assert re.search(words["by_you"], _text(overview))
    desks = _url(language, "verifiers")
    assert f'id="verifiers-link" href="{desks}"' in overview.content.decode()
    # When it was issued, to the minute: two diplomas asked for on one day differ.
    assert re.search(r"\d{1,2} \w+ 20\d\d, \d\d:\d\d", _text(overview))
    assert _statuses() == {CredentialStatus.REVOKED}  # all five copies
    assert set(IssuedCredential.objects.values_list("status_changed_by", flat=True)) == {BY_HOLDER}
    assert (verdict["ok"], verdict["reason"]) == (False, "revoked")
    box = messagebox.list_messages(messagebox.party_of_person(AHMED_ID), language=language)
    assert [m.subject for m in box.items] == [words["subject"]]
    again = citizen.get(withdraw, {"credential": str(diploma.id)})
    assert words["nothing"] in again.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_withdrawing_all_takes_every_credential_not_yet_revoked(
    citizen: Client, served: str, http: Any, language: str
) -> None:
    _wallet, rows = _receive(http, served, "diploma", "residence", "pid")
    services.set_status("rvig", rows["pid"].id, CredentialStatus.REVOKED, by="ambtenaar-rvig")
    withdraw = _url(language, "withdraw")

    page = citizen.get(withdraw, {"credential": "all"}).content.decode()
    listed = {
        uuid.UUID(value) for value in _hidden_values(page, "credential")
    }  # exactly what the page listed is withdrawn
    done = citizen.post(withdraw, {"credential": [str(i) for i in listed], "final": "yes"})

    assert listed == {rows["diploma"].id, rows["residence"].id}
    assert WORDS[language]["all_done"] in _text(citizen.get(done["Location"]))
    by = dict(
        IssuedCredential.objects.one_per_credential().values_list(
            "configuration", "status_changed_by"
        )
    )
    assert by == {"diploma": BY_HOLDER, "residence": BY_HOLDER, "pid": "ambtenaar-rvig"}
    assert _statuses() == {CredentialStatus.REVOKED}


def test_the_withdrawn_notice_is_told_once_and_no_link_can_make_it_up(
    citizen: Client, served: str, http: Any
) -> None:
    _wallet, rows = _receive(http, served, "diploma")
    withdraw, overview = _url("en", "withdraw"), _url("en", "overview")

    crafted = citizen.get(overview, {"withdrawn": "3"})
    done = citizen.post(withdraw, {"credential": str(rows["diploma"].id), "final": "yes"})
    first = citizen.get(done["Location"])
    reloaded = citizen.get(done["Location"])

    assert 'id="just-withdrawn"' not in crafted.content.decode()
    assert WORDS["en"]["done"] in _text(first)
    assert 'id="just-withdrawn"' not in reloaded.content.decode()
    assert WORDS["en"]["done"] not in _text(reloaded)


def _hidden_values(html: str, name: str) -> list[str]:
    marker = f'<input type="hidden" name="{name}" value="'
    return [part.split('"', 1)[0] for part in html.split(marker)[1:]]


def test_a_credential_of_someone_else_is_not_found_and_nothing_changes(
    citizen: Client, served: str, http: Any
) -> None:
    _wallet, rows = _receive(http, served, "diploma")
    withdraw = _url("en", "withdraw")

    by_someone_else = pytest.raises(services.CredentialNotFoundError)
    with by_someone_else:
        services.withdraw(AHMED_ID + 1, [rows["diploma"].id])
    unknown = citizen.post(withdraw, {"credential": [str(uuid.uuid4())], "final": "yes"})
    mixed = citizen.post(
        withdraw, {"credential": [str(rows["diploma"].id), str(uuid.uuid4())], "final": "yes"}
    )
    not_an_id = citizen.get(withdraw, {"credential": "../diploma"})
    none_chosen = citizen.post(withdraw, {"final": "yes"})
    asked_unknown = citizen.get(withdraw, {"credential": str(uuid.uuid4())})

    answers = (unknown, mixed, not_an_id, none_chosen, asked_unknown)
    assert [r.status_code for r in answers] == [404] * 5
    assert _statuses() == {CredentialStatus.VALID}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_issuers_official_sees_that_the_holder_withdrew_it(
    citizen: Client, served: str, http: Any, language: str
) -> None:
    _wallet, rows = _receive(http, served, "diploma")
    citizen.post(
        _url(language, "withdraw"), {"credential": str(rows["diploma"].id), "final": "yes"}
    )
    duo = _official("duo", "ambtenaar-duo")

    page = duo.get(_url(language, "officials-credential", rows["diploma"].id)).content.decode()

    assert WORDS[language]["official"] in page
    assert BY_HOLDER not in page


def test_withdrawing_needs_a_substantial_sign_in(served: str) -> None:
    anonymous = Client()

    asked = anonymous.get(_url("en", "withdraw"))
    posted = anonymous.post(_url("en", "withdraw"), {"credential": [str(uuid.uuid4())]})

    assert asked.status_code == posted.status_code == 302
    assert "sign-in" in asked["Location"]


def test_someone_else_signed_in_cannot_withdraw_ahmeds_credential(served: str, http: Any) -> None:
    _wallet, rows = _receive(http, served, "diploma")
    sara_visser(demo_tables.Person.objects.get(person_id=AHMED_ID))
    sara = Client()
    flows.sign_in(sara, f"nl:{AHMED_ID + 1}", "en")
    withdraw = _url("en", "withdraw")

    asked = sara.get(withdraw, {"credential": str(rows["diploma"].id)})
    everything = sara.get(withdraw, {"credential": "all"})
    posted = sara.post(withdraw, {"credential": [str(rows["diploma"].id)], "final": "yes"})

    assert rows["diploma"].label not in asked.content.decode()
    assert asked.status_code == 404  # not "withdrawn already": it is not Sara's at all
    assert "none of the credentials issued to you is still valid" in _text(everything)
    assert posted.status_code == 404
    assert _statuses() == {CredentialStatus.VALID}


def test_an_unconfirmed_withdrawal_of_a_credential_revoked_meanwhile_says_so(
    citizen: Client, served: str, http: Any
) -> None:
    _wallet, rows = _receive(http, served, "diploma")
    services.set_status("duo", rows["diploma"].id, CredentialStatus.REVOKED, by="ambtenaar-duo")

    page = citizen.post(_url("nl", "withdraw"), {"credential": str(rows["diploma"].id)})

    assert page.status_code == 400
    assert "Er is niets in te trekken: dit bewijs is al ingetrokken." in _text(page)
