# SPDX-License-Identifier: EUPL-1.2
"""The reference wallet's page says what went wrong, and what to do, in the user's language;
the particulars (an address, a status) follow for the help desk. Over real HTTP on loopback."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import httpx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifegate.catalog import services as catalog
from lifegate.credentials import services
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.models import IssuanceGrant, IssuedCredential, PresentationRequest
from lifegate.credentials.openid4vc import parse_presentation_link
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = {"en": "/en/wallet", "nl": "/nl/wallet"}
WRONG = "<a wrong code>"  # replaced by a code of six digits that is not the offer's
# (what is posted, the sentence in English, the same in Dutch)
CASES = {
    "not a link": (
        {"offer": "rubbish", "tx_code": "123456"},
        "This is not a credential offer link.",
        "Dit is geen link van een aanbod.",
    ),
    "wrong code": (
        {"tx_code": WRONG},
        "Check the transaction code shown with it",
        "Controleer de transactiecode die erbij staat",
    ),
    "not digits": (
        {"tx_code": "abc"},
        "Type the transaction code shown with the offer: all its digits",
        "Typ de transactiecode die bij het aanbod staat: alle cijfers",
    ),
}
# The field each case is about: marked invalid and tied to the message.
INVALID = {"not a link": "offer", "wrong code": "tx_code", "not digits": "tx_code"}


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert found, html
    return unescape(re.sub(r"<[^>]+>", " ", found[1]))


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_failed_receive_says_what_to_do_in_the_users_language(served, language, case):
    form, english, dutch = CASES[case]
    if "offer" not in form:
        offer = services.create_offer("diploma", AHMED_ID)
        form = {**form, "offer": offer.link}
        if form["tx_code"] == WRONG:
            form["tx_code"] = f"{(int(offer.tx_code) + 1) % 1_000_000:06d}"
    client = Client()
    client.get(PAGE[language])  # the wallet makes its key

    answer = client.post(PAGE[language], form)

    assert answer.status_code == 400
    alert = _alert(answer.content.decode())
    assert (dutch if language == "nl" else english) in alert
    assert (english if language == "nl" else dutch) not in alert
    assert "Traceback" not in alert
    if case == "wrong code":  # the particulars: which address answered what
        assert f"{served}/credentials/token answered 400" in alert
    field = re.search(rf'<input [^>]*id="{INVALID[case]}"[^>]*>', answer.content.decode())
    assert field and 'aria-invalid="true" aria-describedby="wallet-error"' in field[0]
    assert '<p class="utrecht-paragraph" id="wallet-error">' in answer.content.decode()
    assert answer.content.decode().count("aria-invalid") == 1


@pytest.mark.parametrize(
    ("language", "row"),
    [
        ("nl", "18 jaar of ouder Ja Uitgevende instantie RvIG Uitgevend land NL"),
        ("en", "18 or older Yes Issuing authority RvIG Issuing country NL"),
    ],
)
def test_the_wallet_shows_what_it_would_share_in_words_of_the_page(served, language, row):
    offer = services.create_offer("pid", AHMED_ID)
    client = Client()
    client.get(PAGE[language])
    client.post(PAGE[language], {"offer": offer.link, "tx_code": offer.tx_code})
    with translation.override(language):
        present = reverse("credentials:wallet-present")

    page = client.get(present, {"request": services.start_presentation("cinema", language)})

    table = re.search(r'id="disclosed">(.*?)</table>', page.content.decode(), re.DOTALL)
    assert table, page.content.decode()
    # All the cinema would read: the age, and what a PID always shows (its issuer).
    assert " ".join(unescape(re.sub(r"<[^>]+>", " ", table[1])).split()).endswith(row)


COPIES = {
    "nl": f"{BATCH_SIZE} van {BATCH_SIZE} exemplaren nog niet aan een controleur getoond",
    "en": f"{BATCH_SIZE} of {BATCH_SIZE} copies not shown to any verifier yet",
}


@pytest.mark.parametrize(("language", "received"), [("nl", "ontvangen"), ("en", "received")])
def test_the_wallet_lists_its_credentials_by_issuer_name_and_date(served, language, received):
    offer = services.create_offer("diploma", AHMED_ID)
    client = Client()
    client.get(PAGE[language])

    page = client.post(PAGE[language], {"offer": offer.link, "tx_code": offer.tx_code})

    held = re.search(r'id="held">(.*?)</ul>', page.content.decode(), re.DOTALL)
    assert held, page.content.decode()
    line = " ".join(unescape(re.sub(r"<[^>]+>", " ", held[1])).split())
    duo = catalog.organisation_names(language)["duo"]
    assert re.fullmatch(
        rf"Diploma — {re.escape(duo)} \({received} \d{{1,2}} \w+ 20\d\d, \d\d:\d\d; "
        rf"{COPIES[language]}\)",
        line,
    )


def _wallet_with_pid(language):
    """A browser session whose wallet holds Ahmed's PID; and the address of its present page."""
    offer = services.create_offer("pid", AHMED_ID)
    client = Client()
    client.get(PAGE[language])
    client.post(PAGE[language], {"offer": offer.link, "tx_code": offer.tx_code})
    with translation.override(language):
        return client, reverse("credentials:wallet-present")


def _shared_rows(client, language):
    """The wallet page's table of what it shared, as one line of text."""
    page = client.get(PAGE[language]).content.decode()
    table = re.search(r'id="shared".*?<tbody[^>]*>(.*?)</tbody>', page, re.DOTALL)
    assert table, page
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", table[1])).split())


@pytest.mark.parametrize(
    ("language", "row"),
    [
        (
            "nl",
            r"\d{1,2} \w+ 20\d\d, \d\d:\d\d Bioscoop \(demo\) 18 jaar of ouder: Ja"
            " Uitgevende instantie: RvIG Uitgevend land: NL",
        ),
        (
            "en",
            r"\d{1,2} \w+ 20\d\d, \d\d:\d\d Cinema \(demo\) 18 or older: Yes"
            " Issuing authority: RvIG Issuing country: NL",
        ),
    ],
)
def test_the_wallet_page_lists_what_was_shared_with_whom_and_when(served, language, row):
    client, present = _wallet_with_pid(language)
    assert 'id="shared"' not in client.get(PAGE[language]).content.decode()
    link = services.start_presentation("cinema", language)

    client.post(present, {"request": link, "share": "1"})

    assert re.fullmatch(row, _shared_rows(client, language))


@pytest.mark.parametrize(
    ("language", "row"),
    [
        ("nl", r"\d{1,2} \w+ 20\d\d, \d\d:\d\d Bioscoop \(demo\) Niets: u hebt geweigerd\."),
        ("en", r"\d{1,2} \w+ 20\d\d, \d\d:\d\d Cinema \(demo\) Nothing: you declined\."),
    ],
)
def test_a_declined_request_is_noted_with_nothing_shared(served, language, row):
    client, present = _wallet_with_pid(language)
    link = services.start_presentation("cinema", language)

    client.post(present, {"request": link, "decline": "1"})

    assert re.fullmatch(row, _shared_rows(client, language))
    _client_id, uri = parse_presentation_link(link)
    told = PresentationRequest.objects.get(pk=uri.rsplit("/", 1)[1]).verdict
    assert told == {"ok": False, "credentials": [], "wallet_error": "access_denied"}  # no claim


RENEW = {
    "nl": {
        "button": "Nieuwe exemplaren ophalen",
        "renewed": f"Diploma: u hebt nu {BATCH_SIZE} exemplaren die nog geen controleur zag.",
        "refused": "De uitgever gaf geen nieuwe exemplaren van dit bewijs",
    },
    "en": {
        "button": "Get new copies",
        "renewed": f"Diploma: you now have {BATCH_SIZE} copies no verifier has seen.",
        "refused": "The issuer gave no new copies of this credential",
    },
}


def _wallet_with_a_shown_diploma(language):
    """A session whose wallet holds Ahmed's diploma, one copy of it shown at the university;
    the wallet page, and the id its renewal form sends."""
    offer = services.create_offer("diploma", AHMED_ID)
    client = Client()
    client.get(PAGE[language])
    before = client.post(PAGE[language], {"offer": offer.link, "tx_code": offer.tx_code})
    with translation.override(language):
        present, renew = reverse("credentials:wallet-present"), reverse("credentials:wallet-renew")
    link = services.start_presentation("university", language)
    client.post(present, {"request": link, "share": "1"})
    page = client.get(PAGE[language]).content.decode()
    assert RENEW[language]["button"] not in before.content.decode()  # nothing shown yet
    assert RENEW[language]["button"] in page
    found = re.search(r'name="credential" value="([^"]+)"', page)
    assert found, page
    return client, renew, found[1]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_wallet_page_gets_new_copies_once_one_was_shown(served, language):
    client, renew, credential = _wallet_with_a_shown_diploma(language)

    page = client.post(renew, {"credential": credential})

    assert page.status_code == 200
    assert RENEW[language]["renewed"] in " ".join(unescape(page.content.decode()).split())
    assert RENEW[language]["button"] not in page.content.decode()  # none shown now


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_wallet_page_says_so_when_the_issuer_gives_no_new_copies(served, language):
    client, renew, credential = _wallet_with_a_shown_diploma(language)
    first = services.issued_to(AHMED_ID)[0]
    services.set_status("duo", first.id, services.CredentialStatus.REVOKED, by="ambtenaar-duo")

    page = client.post(renew, {"credential": credential})

    assert page.status_code == 400
    assert RENEW[language]["refused"] in _alert(page.content.decode())
    assert RENEW[language]["button"] not in page.content.decode()  # the token is forgotten


def _form_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page
    return found[1]


def test_two_clicks_at_once_on_get_new_copies_renew_once_and_lose_nothing(served):
    """Both requests carry the same session and the same refresh token; the wallet takes
    them one after the other, so the second sees the new copies, not the spent token."""
    with httpx.Client(base_url=served, timeout=30.0) as browser:
        token = _form_token(browser.get("/en/wallet").text)
        offer = services.create_offer("diploma", AHMED_ID)
        browser.post(
            "/en/wallet",
            data={"offer": offer.link, "tx_code": offer.tx_code, "csrfmiddlewaretoken": token},
        )
        link = services.start_presentation("university", "en")
        shared = {"request": link, "share": "1", "csrfmiddlewaretoken": token}
        browser.post("/en/wallet/present", data=shared)
        page = browser.get("/en/wallet").text
        credential = re.search(r'name="credential" value="([^"]+)"', page)
        assert credential, page
        form = {"credential": credential[1], "csrfmiddlewaretoken": token}
        with ThreadPoolExecutor(max_workers=2) as clicks:
            answers = list(clicks.map(lambda _: browser.post("/en/wallet/renew", data=form), "ab"))
        after = " ".join(unescape(re.sub(r"<[^>]+>", " ", browser.get("/en/wallet").text)).split())

    assert sorted(a.status_code for a in answers) == [200, 400]  # the second: none shown now
    assert f"{BATCH_SIZE} of {BATCH_SIZE} copies not shown to any verifier yet" in after
    assert IssuedCredential.objects.count() == BATCH_SIZE + 1
    assert (
        not IssuanceGrant.objects.filter(refresh_digest__isnull=False)
        .filter(refresh_used_at__isnull=False, successors__isnull=True)
        .exists()
    )  # renewal was not stopped: every spent refresh token has its successor


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "This request is closed: it was answered already, or it has expired."),
        ("nl", "Dit verzoek is gesloten: het is al beantwoord, of het is verlopen."),
    ],
)
def test_going_back_to_a_request_already_answered_says_it_is_closed(served, language, said):
    client, present = _wallet_with_pid(language)
    link = services.start_presentation("cinema", language)
    client.post(present, {"request": link, "share": "1"})

    back = client.get(present, {"request": link})  # the browser's back button

    alert = _alert(back.content.decode())
    assert said in alert
    assert "signed" not in alert and "ondertekend" not in alert


@pytest.mark.parametrize(
    ("language", "problem", "emptied"),
    [
        (
            "en",
            "Tick the box to confirm that the wallet forgets everything.",
            "This wallet is empty now.",
        ),
        (
            "nl",
            "Vink het vakje aan om te bevestigen dat de wallet alles vergeet.",
            "Deze wallet is nu leeg.",
        ),
    ],
)
def test_emptying_the_wallet_is_confirmed_and_then_said(served, language, problem, emptied):
    client, _present = _wallet_with_pid(language)
    with translation.override(language):
        forget = reverse("credentials:wallet-forget")

    unconfirmed = client.post(forget)
    kept = client.get(PAGE[language]).content.decode()
    done = client.post(forget, {"sure": "yes"}, follow=True).content.decode()
    again = client.get(PAGE[language]).content.decode()

    assert unconfirmed.status_code == 400
    assert problem in _alert(unconfirmed.content.decode())
    assert 'id="sure" name="sure" value="yes" required aria-invalid="true"' in (
        unconfirmed.content.decode()
    )
    assert 'id="held"' in kept  # nothing forgotten without the box ticked
    assert emptied in done and 'id="held"' not in done
    assert emptied not in again  # said once
