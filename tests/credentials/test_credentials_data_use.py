# SPDX-License-Identifier: EUPL-1.2
"""Issuing a credential reads the registries through the exchange, under the issuer's own
processing activity, so the citizen sees it under "Who used my data" (issue 6)."""

from __future__ import annotations

import pytest

from lifegate.catalog import services as catalog
from lifegate.credentials import issuance, registry, services
from lifegate.credentials.wallet import Wallet
from lifegate.demo import models as demo_tables
from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from tests.credentials.registry_factory import AHMED_ID
from tests.identity import flows
from tests.identity.conftest import in_process_provider

__all__ = ["in_process_provider"]  # sign-in through the demo provider, in process
MUNICIPALITY = ("rvig", "rvig-credential-municipality")


def _records(person):
    rows = exchange_tables.ProcessingRecord.objects.filter(
        subject_hash=exchange.subject_hash("bsn", person.bsn)
    )
    return list(rows.order_by("started_at"))


@pytest.mark.django_db
def test_asking_for_a_diploma_logs_duos_read_for_the_diploma_credential(ahmed):
    offer = issuance.create_offer("diploma", AHMED_ID)

    [record] = _records(ahmed)
    [use] = exchange.data_uses([record.subject_hash], "en").uses
    assert offer.label == "Master of Science Computing Science, Rijksuniversiteit Groningen"
    assert (record.organisation_id, record.activity_id) == ("duo", "duo-diploma-credential")
    assert record.status == exchange_tables.ProcessingRecord.RELEASED
    assert "diplomas.institution" in record.fields
    assert use.purpose == "Issuing your diploma as a digital credential"
    assert use.intact


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("configuration", "reads"),
    [
        ("diploma", [("duo", "duo-diploma-credential")]),
        ("pid", [("rvig", "rvig-pid-credential")]),
        ("residence", [MUNICIPALITY, ("gemeente-groningen", "groningen-residence-credential")]),
        (
            "birth-certificate",
            [MUNICIPALITY, ("gemeente-groningen", "groningen-birth-certificate-credential")],
        ),
    ],
)
def test_each_credential_is_read_by_its_issuer_for_its_own_purpose(ahmed, configuration, reads):
    issuance.create_offer(configuration, AHMED_ID)

    records = _records(ahmed)
    assert [(r.organisation_id, r.activity_id) for r in records] == reads
    assert {r.status for r in records} == {exchange_tables.ProcessingRecord.RELEASED}


@pytest.mark.django_db
@pytest.mark.parametrize("credential", ["residence", "birth-certificate"])
def test_every_municipality_has_its_own_activity_for_its_credentials(credential):
    catalog.seed_organisations()
    municipalities = [o for o in catalog.list_organisations("en") if o.municipality_code]

    activities = [
        exchange.find_activity(registry.municipal_activity(o.identifier, credential))
        for o in municipalities
    ]

    assert municipalities
    assert [a.organisation if a else None for a in activities] == [
        o.identifier for o in municipalities
    ]
    assert {a.remit for a in activities if a} == {"municipality"}


@pytest.mark.django_db
def test_a_person_without_a_diploma_gets_no_offer_and_duos_read_is_still_logged(ahmed):
    demo_tables.Diploma.objects.filter(person=ahmed).delete()

    with pytest.raises(issuance.NothingToIssueError):
        issuance.create_offer("diploma", AHMED_ID)

    assert [r.activity_id for r in _records(ahmed)] == ["duo-diploma-credential"]


@pytest.mark.django_db
@pytest.mark.usefixtures("in_process_provider")
def test_the_credentials_page_reads_nothing_until_the_citizen_asks(client, ahmed):
    flows.sign_in(client, f"nl:{AHMED_ID}", language="en")

    page = client.get("/en/credentials")

    assert page.status_code == 200
    assert page.content.decode().count('name="configuration"') == 4
    assert _records(ahmed) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("in_process_provider")
def test_asking_for_a_credential_the_registry_has_nothing_for_says_so_on_the_page(client, ahmed):
    demo_tables.Diploma.objects.filter(person=ahmed).delete()
    flows.sign_in(client, f"nl:{AHMED_ID}", language="en")

    page = client.post("/en/credentials/offer", {"configuration": "diploma"})

    assert page.status_code == 404
    assert "Not available: the registry holds no data for it." in page.content.decode()
    assert page.content.decode().count('name="configuration"') == 3


@pytest.mark.django_db(transaction=True)
def test_a_diploma_received_in_a_wallet_is_logged_as_duos_reads(served, http, ahmed):
    offer = issuance.create_offer("diploma", AHMED_ID)

    Wallet({}, http, served).receive(offer.link, offer.tx_code)

    records = _records(ahmed)
    assert [r.activity_id for r in records] == ["duo-diploma-credential"] * 2
    assert {r.organisation_id for r in records} == {"duo"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("in_process_provider")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            (
                "Credentials issued to you",
                "Education Executive Agency",
                "Suspended",
                "not accepted by",
            ),
        ),
        (
            "nl",
            (
                "Bewijzen die u kreeg",
                "Dienst Uitvoering Onderwijs",
                "Geschorst",
                "door controleurs niet",
            ),
        ),
    ],
)
def test_the_credentials_page_shows_what_was_issued_and_its_status(
    served, http, client, language, words
):
    caption, issuer, suspended, explained = words
    catalog.seed_organisations()
    before = _credentials_page(client, language)
    offer = issuance.create_offer("diploma", AHMED_ID)
    Wallet({}, http, served).receive(offer.link, offer.tx_code)
    issued = _credentials_page(client, language)
    [row] = services.issued_to(AHMED_ID)
    services.set_status("duo", row.id, services.CredentialStatus.SUSPENDED, by="test")

    after = _credentials_page(client, language)

    assert caption not in before  # nothing issued yet: no such table
    assert caption in issued
    assert "Computing Science" in issued
    assert explained not in issued  # still valid: nothing to explain
    assert suspended in after
    assert explained in after
    assert issuer in after


def _credentials_page(client, language):
    flows.sign_in(client, f"nl:{AHMED_ID}", language=language)
    path = "/nl/bewijzen" if language == "nl" else "/en/credentials"
    return client.get(path).content.decode()
