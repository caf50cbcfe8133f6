# SPDX-License-Identifier: EUPL-1.2
"""The offer page and the verifier's waiting page follow what the wallet does: htmx asks
every two seconds, and without JavaScript a link asks. Over real HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lifegate.credentials import issuance, presentations
from lifegate.credentials.issuance import OfferState
from lifegate.credentials.models import CredentialOffer, IssuanceGrant, PresentationRequest
from lifegate.credentials.wallet import Wallet
from lifegate.identity import rp
from tests.credentials.registry_factory import AHMED_ID
from tests.identity import flows

pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HX-Request": "true"}
WORDS = {
    "en": {
        "offer": "/en/credentials/offer",
        "waiting": "Waiting for your wallet to take the credential.",
        "collected": "Your wallet has received the credential.",
        "closed": "This offer can no longer be used.",
        "verifier": "/en/verifiers/university",
        "expired": "This request has expired.",
    },
    "nl": {
        "offer": "/nl/bewijzen/aanbod",
        "waiting": "Wachten tot uw wallet het bewijs ophaalt.",
        "collected": "Uw wallet heeft het bewijs ontvangen.",
        "closed": "Dit aanbod kan niet meer worden gebruikt.",
        "verifier": "/nl/controleurs/universiteit",
        "expired": "Dit verzoek is verlopen.",
    },
}


@pytest.fixture
def citizen(served):
    rp._metadata.clear()  # the eID provider now lives at the live server's address
    rp._key_sets.clear()
    client = Client()
    flows.sign_in(client, f"nl:{AHMED_ID}", "en")
    return client


def _offer_page(client: Client, language: str) -> tuple[str, str, str]:
    """Ask for a diploma; the offer page's link, transaction code and status address."""
    page = client.post(WORDS[language]["offer"], {"configuration": "diploma"})
    assert page.status_code == 200
    html = page.content.decode()
    link = re.search(r'id="offer-link" href="([^"]+)"', html)
    tx_code = re.search(r'id="tx-code">(\d+)<', html)
    status = re.search(r'id="offer-status" role="status" hx-get="([^"]+)"', html)
    assert link and tx_code and status, html
    return link.group(1).replace("&amp;", "&"), tx_code.group(1), status.group(1)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_offer_page_learns_that_the_wallet_took_the_credential(citizen, served, http, language):
    words = WORDS[language]
    link, tx_code, status = _offer_page(citizen, language)

    waiting = citizen.get(status, headers=HTMX)
    Wallet({}, http, served).receive(link, tx_code)
    collected = citizen.get(status, headers=HTMX)

    assert waiting.status_code == 204  # nothing new: htmx leaves the page alone
    assert collected.status_code == 286  # htmx swaps this in and stops asking
    assert words["collected"] in collected.content.decode()
    # and the code and QR code, of no more use, are taken off the offer page
    assert '<div id="offer-code" hx-swap-oob="true"></div>' in collected.content.decode()
    assert collected["Cache-Control"] == "no-store"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_without_javascript_the_status_link_shows_a_page_in_the_users_language(citizen, language):
    _link, _tx_code, status = _offer_page(citizen, language)

    page = citizen.get(status)

    assert page.status_code == 200
    html = page.content.decode()
    assert f'<html lang="{language}"' in html and WORDS[language]["waiting"] in html


def test_an_expired_offer_says_ask_for_a_new_one(citizen):
    _link, _tx_code, status = _offer_page(citizen, "en")
    CredentialOffer.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    answer = citizen.get(status, headers=HTMX)

    assert answer.status_code == 286 and WORDS["en"]["closed"] in answer.content.decode()


def test_another_citizens_offer_is_not_found(citizen, ahmed):
    _link, _tx_code, status = _offer_page(citizen, "en")
    ahmed.person_id, ahmed.bsn, ahmed.persona = AHMED_ID + 1, "999900110", "another"
    ahmed.save(force_insert=True)  # a second person, signed in in another browser
    someone_else = Client()
    flows.sign_in(someone_else, f"nl:{AHMED_ID + 1}", "en")

    assert someone_else.get(status, headers=HTMX).status_code == 404
    assert someone_else.get(status).status_code == 404


def _offer(**fields: object) -> CredentialOffer:
    defaults: dict[str, object] = {
        "configuration": "diploma",
        "subject_person_id": AHMED_ID,
        "code_digest": uuid.uuid4().hex,
        "tx_code_digest": "x",
        "expires_at": timezone.now() + dt.timedelta(minutes=5),
    }
    return CredentialOffer.objects.create(**(defaults | fields))


def _grant(offer: CredentialOffer, *, used: bool, expires_in: int) -> None:
    now = timezone.now()
    IssuanceGrant.objects.create(
        token_digest=uuid.uuid4().hex,
        offer=offer,
        expires_at=now + dt.timedelta(seconds=expires_in),
        used_at=now if used else None,
    )


@pytest.mark.parametrize(
    ("offer_fields", "grant", "expected"),
    [
        ({}, None, OfferState.WAITING),
        ({"expires_at": timezone.now() - dt.timedelta(seconds=1)}, None, OfferState.CLOSED),
        ({"failed_tx_codes": issuance.MAX_TX_CODE_FAILURES}, None, OfferState.CLOSED),
        ({"failed_tx_codes": issuance.MAX_TX_CODE_FAILURES - 1}, None, OfferState.WAITING),
        ({}, {"used": False, "expires_in": 60}, OfferState.WAITING),  # the wallet is at it
        ({}, {"used": False, "expires_in": -1}, OfferState.CLOSED),  # and gave up
        ({}, {"used": True, "expires_in": -1}, OfferState.COLLECTED),
        (
            {"expires_at": timezone.now() - dt.timedelta(seconds=1)},
            {"used": True, "expires_in": 60},
            OfferState.COLLECTED,  # an offer taken in time stays taken
        ),
    ],
)
def test_offer_states(offer_fields, grant, expected):
    offer = _offer(**offer_fields)
    if grant is not None:
        _grant(offer, **grant)

    assert issuance.offer_state(offer.id, AHMED_ID) is expected
    assert issuance.offer_state(offer.id, AHMED_ID + 1) is None


def _start_check(client: Client, language: str) -> str:
    started = client.post(WORDS[language]["verifier"])
    assert started.status_code == 302
    return str(started["Location"])


def _request_link(client: Client, page: str) -> str:
    html = client.get(page).content.decode()
    found = re.search(r'id="request-link" href="([^"]+)"', html)
    assert found and 'id="answer-status" role="status" hx-get=' in html, html
    return found.group(1).replace("&amp;", "&")


def test_the_waiting_verifier_page_reloads_once_the_wallet_answered(served, http):
    wallet = Wallet({}, http, served)
    offer = issuance.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    clerk = Client()
    page = _start_check(clerk, "en")
    link = _request_link(clerk, page)

    waiting = clerk.get(page, headers=HTMX)
    wallet.send(wallet.prepare(link))
    answered = clerk.get(page, headers=HTMX)
    shown = clerk.get(page).content.decode()

    assert waiting.status_code == 204
    assert answered["HX-Refresh"] == "true"
    assert 'id="verdict"' in shown and "Verified." in shown and "hx-get" not in shown
    assert "<title>Verified. " in shown  # announced first when the page reloads


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Not shared. The wallet shared no credential: the holder declined, or holds none"),
        ("nl", "Niet gedeeld. De wallet heeft geen bewijs gedeeld: de houder weigerde, of heeft"),
    ],
)
def test_the_desk_stops_waiting_when_the_holder_declines(served, http, language, said):
    wallet = Wallet({}, http, served)
    offer = issuance.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    clerk = Client()
    page = _start_check(clerk, language)
    link = _request_link(clerk, page)
    pending = wallet.prepare(link)

    wallet.decline(pending)
    poll = clerk.get(page, headers=HTMX)
    html = clerk.get(page).content.decode()
    late = http.post(
        pending.request["response_uri"],
        data={"vp_token": "{}", "state": pending.request["state"]},
    )

    assert poll["HX-Refresh"] == "true"
    assert said in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "hx-get" not in html and f'action="{WORDS[language]["verifier"]}"' in html
    assert late.json()["error_description"] == "this request was already answered"
    assert wallet.history()[0].declined is True


@pytest.mark.parametrize("error", ["", "Access Denied!", "x" * 65])
def test_a_wallet_error_that_is_no_error_code_leaves_the_request_open(served, http, error):
    request = presentations.start("university", "en")
    url = f"{served}/credentials/responses/{request.id}"

    answer = http.post(url, data={"error": error, "state": request.state})

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"
    request.refresh_from_db()
    assert request.answered_at is None and request.verdict is None


def test_a_request_being_verified_is_still_waited_for(served):
    clerk = Client()
    page = _start_check(clerk, "en")
    PresentationRequest.objects.update(answered_at=timezone.now())

    assert clerk.get(page, headers=HTMX).status_code == 204


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_expired_request_says_so_and_offers_a_new_check(served, language):
    clerk = Client()
    page = _start_check(clerk, language)
    PresentationRequest.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    poll = clerk.get(page, headers=HTMX)
    html = clerk.get(page).content.decode()

    assert poll["HX-Refresh"] == "true"
    assert f"<title>{WORDS[language]['expired']} " in html
    assert 'id="request-link"' not in html and "hx-get" not in html
    assert f'action="{WORDS[language]["verifier"]}"' in html


@pytest.mark.parametrize(
    ("fields", "still_open"),
    [
        ({}, True),
        ({"verdict": {"ok": True}}, False),
        ({"expires_in": -1}, False),
        ({"expires_in": -1, "answered_ago": 5}, True),  # answered in time, being verified
        ({"answered_ago": 5}, True),
        ({"answered_ago": 61}, False),  # its verification broke off: stop waiting
        ({"answered_ago": 5, "verdict": {"ok": False}}, False),
    ],
)
def test_a_request_is_open_until_its_verdict_or_its_end(db, fields, still_open):
    now = timezone.now()
    request = presentations.start("university", "en")
    request.verdict = fields.get("verdict")
    if "expires_in" in fields:
        request.expires_at = now + dt.timedelta(seconds=fields["expires_in"])
    if "answered_ago" in fields:
        request.answered_at = now - dt.timedelta(seconds=fields["answered_ago"])

    assert presentations.is_open(request) is still_open


@pytest.mark.parametrize(
    ("language", "desks", "other"),
    [
        (
            "nl",
            ["universiteit", "verhuurder", "bioscoop", "gemeente"],
            "/en/verifiers/university",
        ),
        (
            "en",
            ["university", "landlord", "cinema", "municipality"],
            "/nl/controleurs/universiteit",
        ),
    ],
)
def test_the_desks_have_addresses_in_the_pages_language(
    client: Client, *, language: str, desks: list[str], other: str
) -> None:
    listing = "/nl/controleurs" if language == "nl" else "/en/verifiers"

    html = client.get(listing).content.decode()
    started = client.post(f"{listing}/{desks[0]}")
    desk = client.get(f"{listing}/{desks[0]}").content.decode()

    assert [f'href="{listing}/{desk}"' in html for desk in desks] == [True] * 4
    assert re.fullmatch(rf"{listing}/{desks[0]}/[a-z]+/[0-9a-f-]{{36}}", started["Location"])
    assert f'href="{other}"' in desk  # the language switch keeps the desk
    assert client.get(f"{listing}/no-such-desk").status_code == 404


def test_an_english_desk_address_under_nl_still_opens_the_dutch_desk(client: Client) -> None:
    page = client.get("/nl/controleurs/university")

    assert page.status_code == 200
    assert 'action="/nl/controleurs/universiteit"' in page.content.decode()


def test_a_desk_that_does_not_exist_has_no_address() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("credentials:verifier", args=["no-such-desk"])
