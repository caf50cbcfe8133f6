# SPDX-License-Identifier: EUPL-1.2
"""The citizen's pages with Django's test client: consent (a withdrawal refuses the very
next read) and "Who used my data" (every read, proven against the signed log), NL and EN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation

from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.exchange.evidence import requests as evidence
from tests.identity import flows
from tests.ledger.guard import lift_guard

pytestmark = pytest.mark.django_db
CONSENTED = "toeslagen-proactive-check"
FIELDS = ["incomes.yearlyIncome"]
PAGES = {
    "nl": ("/nl/mijn-gegevens", "/nl/mijn-gegevens/toestemming"),
    "en": ("/en/my-data", "/en/my-data/consent"),
}


def _proactive_read(person):
    return exchange.read_person_data(
        exchange.Requester("belastingdienst-toeslagen"),
        CONSENTED,
        exchange.Subject.bsn(person.bsn),
        FIELDS,
    )


def _sign_in(client, person, language):
    flows.sign_in(client, f"nl:{person.person_id}", language=language)


@pytest.mark.parametrize(
    ("language", "given", "none"),
    [("nl", "Toestemming gegeven", "Geen toestemming"), ("en", "Consent given", "No consent")],
)
def test_consent_given_on_the_page_allows_the_read_and_withdrawn_refuses_the_next(
    client, people, in_process_provider, *, language, given, none
):
    sanne = people["sanne"]
    _sign_in(client, sanne, language)
    consent_page = PAGES[language][1]

    before = client.get(consent_page).content.decode()
    client.post(consent_page, {"activity": CONSENTED, "action": "give"})
    after_giving = client.get(consent_page).content.decode()
    released = _proactive_read(sanne)
    withdrawn = client.post(consent_page, {"activity": CONSENTED, "action": "withdraw"})
    with pytest.raises(exchange.RefusedError) as refused:
        _proactive_read(sanne)

    assert none in before and given not in before
    assert given in after_giving
    assert released.value("incomes.yearlyIncome") == sanne.yearly_income
    assert withdrawn.status_code == 302 and withdrawn["Location"] == consent_page
    assert refused.value.reason == "consent-withdrawn"
    assert none in client.get(consent_page).content.decode()


def test_consent_for_an_activity_not_based_on_consent_is_not_found(
    client, people, in_process_provider
):
    _sign_in(client, people["sanne"], "en")

    response = client.post(
        PAGES["en"][1], {"activity": "toeslagen-healthcare-allowance", "action": "give"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            ["Het logboek is intact.", "jaarinkomen", "Publieke taak", "Intact (regel"],
        ),
        ("en", ["The log is intact.", "yearly income", "Public task", "Intact (entry"]),
    ],
)
def test_the_data_use_page_lists_each_read_proven_against_the_signed_log(
    client, people, in_process_provider, language, expected
):
    sanne, petra = people["sanne"], people["petra"]
    for person in (sanne, petra):
        exchange.read_person_data(
            exchange.Requester("belastingdienst-toeslagen"),
            "toeslagen-healthcare-allowance",
            exchange.Subject.bsn(person.bsn),
            FIELDS,
            journey="journey:7",
        )
    _sign_in(client, sanne, language)

    response = client.get(PAGES[language][0])

    page = response.content.decode()
    assert response.status_code == 200
    assert all(text in page for text in expected), page
    assert "journey:7" in page
    assert page.count("utrecht-table__row") == 2  # the header and Sanne's one read only
    assert str(sanne.yearly_income) not in page  # field names, never values


def test_the_data_use_page_asks_to_sign_in_first(client):
    response = client.get(PAGES["en"][0])

    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in")


@pytest.mark.parametrize(
    ("who", "persona", "offered"),
    [("lucia", "eidas", True), ("sanne", "nl", False)],
)
def test_only_a_citizen_signed_in_with_a_foreign_eid_can_ask_for_foreign_evidence(
    client, people, in_process_provider, *, who, persona, offered
):
    flows.sign_in(client, f"{persona}:{people[who].person_id}")

    page = client.get("/en/evidence").content.decode()

    assert ("Request my birth certificate from Spain" in page) is offered


@pytest.mark.parametrize(
    ("language", "warning", "not_proven"),
    [
        ("nl", "Let op: sommige regels konden niet", "Niet bewezen"),
        ("en", "Warning: some entries could not be proven", "Not proven"),
    ],
)
def test_a_log_record_changed_after_it_was_written_is_flagged_on_the_data_use_page(
    client, people, in_process_provider, *, language, warning, not_proven
):
    sanne = people["sanne"]
    reads = [
        exchange.read_person_data(
            exchange.Requester("belastingdienst-toeslagen"),
            "toeslagen-healthcare-allowance",
            exchange.Subject.bsn(sanne.bsn),
            FIELDS,
        )
        for _ in range(2)
    ]
    # Someone who can lift the database's guard rewrites who read the data in one record.
    lift_guard()
    exchange_tables.ProcessingRecord.objects.filter(id=reads[0].record_id).update(
        organisation_id="gemeente-utrecht"
    )
    _sign_in(client, sanne, language)

    page = client.get(PAGES[language][0]).content.decode()

    assert warning in page
    assert "utrecht-alert" in page and "intact." not in page
    assert page.count(not_proven) == 1  # the changed record only; the other is proven


class SilentProvider:
    """An evidence provider that never answers in time, or refuses every request."""

    def __init__(self, refuse: bool) -> None:
        self.refuse = refuse

    def send(self, method, path, body, traceparent):
        if self.refuse:
            return 404, {"exception": {"code": "EvidenceNotFound"}}
        raise evidence.ProviderTimeoutError("http://es.example")


@pytest.fixture
def provider_answering() -> Iterator[object]:
    yield lambda refuse: evidence.use_transport(SilentProvider(refuse))
    evidence.use_transport(None)


@pytest.mark.parametrize(
    ("language", "refuse", "told"),
    [
        ("en", False, "the registry did not answer in time; nothing was shared"),
        ("nl", False, "het register antwoordde niet op tijd; er is niets gedeeld"),
        ("en", True, "the registry could not provide it; nothing was shared"),
        ("nl", True, "het register kon het niet leveren; er is niets gedeeld"),
    ],
)
def test_a_provider_timeout_or_refusal_is_told_to_the_citizen_plainly(
    client, people, in_process_provider, provider_answering, *, language, refuse, told
):
    provider_answering(refuse)
    flows.sign_in(client, f"eidas:{people['lucia'].person_id}", language=language)
    with translation.override(language):
        evidence_page = reverse("exchange:evidence")

    response = client.post(evidence_page, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert told in page
    assert "Traceback" not in page and "ProviderTimeoutError" not in page
