# SPDX-License-Identifier: EUPL-1.2
"""Officials maintain their own services in the admin, validated, with history and revert."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from lifegate.catalog.models import Event, Service
from lifegate.identity.officials import ensure_official

pytestmark = pytest.mark.django_db
CHANGELIST = "/{lang}/admin/catalog/service/"


@pytest.fixture
def svb_official(seeded, client):
    ensure_official("svb", "ambtenaar-svb")
    user = get_user_model().objects.get(username="ambtenaar-svb")
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    client.force_login(user)
    return user


def _form(service: Service, **changes):
    data = {
        "identifier": service.identifier,
        "name": service.name, "description": service.description, "mode": service.mode,
        "channels": service.channels, "eid": service.eid, "steps": service.steps,
        "requirements": service.requirements, "costs": service.costs,
        "processing_time": service.processing_time, "deadline": service.deadline,
        "redress": service.redress_id, "output": service.output, "updated": service.updated,
        "authorities": [o.pk for o in service.authorities.all()],
        "events": [e.pk for e in service.events.all()],
        "contact_points": [c.pk for c in service.contact_points.all()],
        "legal_resources": [r.pk for r in service.legal_resources.all()],
    }  # fmt: skip
    data.update(changes)
    relations = ("authorities", "events", "contact_points", "legal_resources")
    return {
        k: v if k in relations or not isinstance(v, dict | list | None) else json.dumps(v)
        for k, v in data.items()
    }


def test_an_official_sees_only_their_organisations_services(svb_official, client):
    html = client.get(CHANGELIST.format(lang="en")).content.decode()

    assert "Child benefit" in html or "Kinderbijslag" in html
    assert "Zorgtoeslag" not in html
    assert client.get(
        f"{CHANGELIST.format(lang='en')}{Service.objects.get(identifier='zorgtoeslag').pk}/change/"
    ).status_code in (302, 404)


@pytest.mark.parametrize(
    ("lang", "change", "message"),
    [("en", {"name": {"nl": "Kinderbijslag", "en": ""}}, "en: missing text in en"),
     ("nl", {"name": {"nl": "Kinderbijslag", "en": ""}}, "en: tekst ontbreekt in en"),
     ("en", {"authorities": []}, "A service needs a competent authority."),
     ("nl", {"legal_resources": []}, "Een dienst heeft een wettelijke grondslag nodig."),
     ("en", {"eid": None}, "is required unless the service is information only")],
)  # fmt: skip
def test_an_incomplete_service_is_refused_with_a_message_per_field(
    svb_official, client, lang, change, message
):
    service = Service.objects.get(identifier="kinderbijslag")

    response = client.post(
        f"{CHANGELIST.format(lang=lang)}{service.pk}/change/", _form(service, **change)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Service.objects.get(pk=service.pk).name == service.name


def test_a_change_keeps_its_history_and_can_be_reverted(svb_official, client):
    service = Service.objects.get(identifier="kinderbijslag")
    original = service.history.latest()
    birth = Event.objects.get(identifier="birth")
    url = f"{CHANGELIST.format(lang='en')}{service.pk}/change/"

    client.post(
        url,
        _form(
            service, name={"nl": "Kinderbijslag", "en": "Child benefit (new)"}, events=[birth.pk]
        ),
    )
    latest = service.history.latest()
    delta = latest.diff_against(original)
    revert_url = f"{url.removesuffix('change/')}history/{original.history_id}/"
    revert_form = client.get(revert_url).context["adminform"].form
    old_events = [row.event_id for row in original.events.all()]
    client.post(revert_url, _form(service, events=old_events))

    assert sorted(revert_form.initial["events"]) == sorted(old_events)
    assert latest.history_user == svb_official
    assert {change.field for change in delta.changes} == {"name", "events"}
    assert service.history.count() == 3
    reverted = Service.objects.get(pk=service.pk)
    assert reverted.name["en"] == "Child benefit"
    assert set(reverted.events.values_list("identifier", flat=True)) == set(
        original.events.values_list("event__identifier", flat=True)
    )


def test_the_history_page_shows_who_changed_which_field_from_what_to_what(svb_official, client):
    service = Service.objects.get(identifier="kinderbijslag")
    url = f"{CHANGELIST.format(lang='en')}{service.pk}/"
    client.post(
        f"{url}change/", _form(service, name={"nl": "Kinderbijslag", "en": "Child benefit (new)"})
    )

    page = client.get(f"{url}history/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "ambtenaar-svb" in html
    assert "<strong>Name:</strong>" in html
    assert "Child benefit (new)" in html
    assert html.count("<td>\n          admin\n        </td>") == 1  # the reason, once
    assert "history_change_reason" not in html
