# SPDX-License-Identifier: EUPL-1.2
"""Two officials of two organisations: each maintains only their own organisation's catalog."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lifegate.catalog.models import ContactPoint, Event, Organisation, Service
from tests.catalog.officials import catalog_official
from tests.catalog.test_admin import _form

pytestmark = pytest.mark.django_db
ADMIN = "/en/admin/catalog"


@pytest.fixture
def official(seeded) -> Callable[[str], Client]:
    """A signed-in client of an official of `organisation` with every catalog permission."""

    def sign_in(organisation: str) -> Client:
        return catalog_official(organisation, f"official-{organisation}")

    return sign_in


def _service_ids(client: Client) -> set[str]:
    page = client.get(f"{ADMIN}/service/", {"all": ""})
    return {row.identifier for row in page.context["cl"].result_list}


def test_each_official_lists_only_the_services_of_their_own_organisation(official):
    svb, toeslagen = official("svb"), official("belastingdienst-toeslagen")

    svb_ids, toeslagen_ids = _service_ids(svb), _service_ids(toeslagen)

    assert "kinderbijslag" in svb_ids and "zorgtoeslag" not in svb_ids
    assert "zorgtoeslag" in toeslagen_ids and "kinderbijslag" not in toeslagen_ids
    assert svb_ids == set(
        Service.objects.filter(authorities__identifier="svb").values_list("identifier", flat=True)
    )


@pytest.mark.parametrize(
    ("organisation", "service"),
    [("svb", "zorgtoeslag"), ("belastingdienst-toeslagen", "kinderbijslag")],
)
def test_an_official_cannot_change_another_organisations_service(official, organisation, service):
    client = official(organisation)
    row = Service.objects.get(identifier=service)
    url = f"{ADMIN}/service/{row.pk}/change/"

    shown = client.get(url)
    posted = client.post(url, _form(row, name={"nl": "Gekaapt", "en": "Hijacked"}))

    assert shown.status_code in (302, 404)
    assert posted.status_code in (302, 404)
    assert Service.objects.get(pk=row.pk).name == row.name
    assert Service.objects.get(pk=row.pk).history.count() == row.history.count()


def test_an_official_cannot_hand_their_service_to_another_organisation_only(official):
    client = official("svb")
    row = Service.objects.get(identifier="kinderbijslag")
    other = Organisation.objects.get(identifier="belastingdienst-toeslagen")

    response = client.post(f"{ADMIN}/service/{row.pk}/change/", _form(row, authorities=[other.pk]))

    assert response.status_code == 200
    assert "One of your own organisations must be a competent authority." in (
        response.content.decode()
    )
    assert list(row.authorities.values_list("identifier", flat=True)) == ["svb"]


def test_an_official_cannot_create_a_service_for_another_organisation(official):
    client = official("svb")
    template = Service.objects.get(identifier="zorgtoeslag")
    data = _form(template, identifier="zorgtoeslag-kopie")

    response = client.post(f"{ADMIN}/service/add/", data)

    assert response.status_code == 200
    assert "One of your own organisations must be a competent authority." in (
        response.content.decode()
    )
    assert not Service.objects.filter(identifier="zorgtoeslag-kopie").exists()


def test_an_official_edits_only_their_own_organisation_and_contact_points(official):
    client = official("svb")
    own = ContactPoint.objects.get(identifier="svb")
    theirs = ContactPoint.objects.get(identifier="belastingdienst-toeslagen")
    other_org = Organisation.objects.get(identifier="belastingdienst-toeslagen")

    contact_points = client.get(f"{ADMIN}/contactpoint/", {"all": ""}).context["cl"].result_list
    organisations = client.get(f"{ADMIN}/organisation/").context["cl"].result_list
    foreign_change = client.get(f"{ADMIN}/contactpoint/{theirs.pk}/change/")
    own_form = client.get(f"{ADMIN}/contactpoint/{own.pk}/change/").context["adminform"].form

    assert {c.identifier for c in contact_points} == set(
        ContactPoint.objects.filter(organisation__identifier="svb").values_list(
            "identifier", flat=True
        )
    )
    assert [o.identifier for o in organisations] == ["svb"]
    assert foreign_change.status_code in (302, 404)
    assert client.get(f"{ADMIN}/organisation/{other_org.pk}/change/").status_code in (302, 404)
    choices = own_form.fields["organisation"].queryset
    assert list(choices.values_list("identifier", flat=True)) == ["svb"]
    assert client.get(f"{ADMIN}/organisation/add/").status_code == 403


def test_officials_read_events_but_do_not_change_what_every_organisation_shares(official):
    client = official("svb")
    birth = Event.objects.get(identifier="birth")

    client.post(f"{ADMIN}/event/{birth.pk}/change/", {"identifier": "birth", "kind": "business"})

    assert client.get(f"{ADMIN}/event/").status_code == 200
    assert Event.objects.get(pk=birth.pk).kind == "life"
