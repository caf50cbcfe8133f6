# SPDX-License-Identifier: EUPL-1.2
"""Mandate scopes name real catalog services, themes and life events, checked when granting."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lifegate.identity import authority, mandates, models, scopes
from lifegate.identity.catalog_scopes import scope_catalog
from lifegate.identity.session import Actor, Party
from tests.identity import flows
from tests.identity.agency import agency_token

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


def _self(person) -> Actor:
    me = Party("person", str(person.person_id), person.given_names)
    return Actor(me, me, "self", None, "substantial")


def _grant(grantor, holder, scope):
    return mandates.grant(
        _self(grantor),
        holder_bsn=holder.bsn,
        holder_family_name=holder.family_name,
        scope=scope,
        start=TODAY,
        end=TODAY + dt.timedelta(days=90),
    )


def _granted_and_accepted(grantor, holder, scope):
    offered = _grant(grantor, holder, scope)
    mandates.answer(_self(holder), offered.mandate_id, accept=True)
    return offered


def test_every_service_a_theme_names_is_in_the_catalog(catalog):
    found = scope_catalog()

    assert scopes.theme_services_missing(found) == set()
    assert {"zorgtoeslag", "kinderbijslag", "aangifte-erfbelasting"} <= set(found.services)


@pytest.mark.parametrize(
    ("scope", "service", "allowed"),
    [
        ("service:zorgtoeslag", "zorgtoeslag", True),
        ("service:zorgtoeslag", "huurtoeslag", False),
        ("service:zorgtoeslag", "messagebox", False),
        ("event:birth", "kinderbijslag", True),
        ("event:birth", "aow", False),
        ("event:retirement", "aow", True),
        ("care-and-allowances", "kinderopvangtoeslag", True),
        ("care-and-allowances", "messagebox", True),
        ("taxes", "aangifte-erfbelasting", True),
        ("taxes", "zorgtoeslag", False),
    ],
)
def test_a_granted_scope_covers_exactly_its_catalog_services(
    catalog, people, scope, service, allowed
):
    jan, eva = people["jan"], people["eva"]
    _granted_and_accepted(jan, eva, scope)

    decision = authority.may_act_for_person(eva.person_id, jan.person_id, service)

    assert decision.allowed == allowed
    assert decision.reason == ("mandate" if allowed else "out-of-scope")


@pytest.mark.parametrize(
    "scope",
    [
        "service:inkomstenbelasting",  # a guessed id: the catalog has no such service
        "service:",
        "event:wedding",
        "event:starting-business",  # a business event: only a company grants it
        "service:ubo-registratie",  # a service for companies only
        "company-all",
        "zorg",
        "",
    ],
)
def test_a_scope_the_catalog_does_not_offer_a_person_is_refused(catalog, people, scope):
    with pytest.raises(mandates.MandateError) as refused:
        _grant(people["jan"], people["eva"], scope)

    assert refused.value.reason == "scope"
    assert not models.Mandate.objects.exists()


def test_a_company_can_grant_its_business_events_but_not_a_persons_themes(catalog, people):
    kvk = "12345678"
    company = Actor(
        Party("person", str(people["lotte"].person_id), "Lotte"),
        Party("company", kvk, "Bakkerij"),
        "law",
        None,
        "substantial",
    )
    grant = dict(
        holder_bsn=people["femke"].bsn,
        holder_family_name=people["femke"].family_name,
        start=TODAY,
        end=TODAY + dt.timedelta(days=30),
    )

    offered = mandates.grant(company, scope="event:starting-business", **grant)
    with pytest.raises(mandates.MandateError):
        mandates.grant(company, scope="care-and-allowances", **grant)

    assert offered.scope == "event:starting-business"


@pytest.mark.parametrize(
    ("language", "offered", "not_offered"),
    [
        ("en", ["Child benefit", "Birth of a child", "Care and allowances"], ["UBO"]),
        ("nl", ["Kinderbijslag", "Geboorte van een kind", "Zorg en toeslagen"], ["UBO"]),
    ],
)
def test_the_grant_page_offers_the_catalogs_services_and_themes(
    client, catalog, people, in_process_provider, *, language, offered, not_offered
):
    flows.sign_in(client, f"nl:{people['jan'].person_id}", language)

    page = client.get(f"/{language}/{'mandates' if language == 'en' else 'machtigingen'}")

    html = page.content.decode()
    assert '<option value="service:kinderbijslag">' in html
    assert '<option value="event:birth">' in html
    for label in offered:
        assert label in html
    # Without the random CSRF token, which may spell "UBO" by chance.
    without_token, tokens = re.subn(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    assert tokens >= 1
    for label in not_offered:
        assert label not in without_token


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Choose what the mandate is for from the list"),
        ("nl", "Kies in de lijst waarvoor de machtiging geldt"),
    ],
)
def test_an_unknown_scope_on_the_form_is_explained_in_the_users_language(
    client, catalog, people, in_process_provider, *, language, message
):
    flows.sign_in(client, f"nl:{people['jan'].person_id}", language)
    form = {
        "holder_bsn": people["eva"].bsn,
        "holder_family_name": "Bakker",
        "scope": "service:inkomstenbelasting",
        "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY + dt.timedelta(days=30)).isoformat(),
    }

    response = client.post(
        f"/{language}/{'mandates' if language == 'en' else 'machtigingen'}", form
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not models.Mandate.objects.exists()


def test_the_authorisation_api_refuses_an_unknown_service_as_problem_json(client, catalog, people):
    token = agency_token("svb")
    question = {
        "actor": {"bsn": people["eva"].bsn},
        "subject": {"bsn": people["jan"].bsn},
        "service": "inkomstenbelasting",
    }

    response = client.post(
        "/api/v1/identity/authorisations",
        question,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["service"]


@pytest.mark.parametrize("service", ["zorgtoeslag", "messagebox", "*"])
def test_the_authorisation_api_accepts_catalog_and_platform_services(
    client, catalog, people, service
):
    token = agency_token("svb")
    question = {
        "actor": {"bsn": people["eva"].bsn},
        "subject": {"bsn": people["jan"].bsn},
        "service": service,
    }

    response = client.post(
        "/api/v1/identity/authorisations",
        question,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200
    assert response.json()["decision"] == "DISALLOWED"
