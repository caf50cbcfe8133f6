# SPDX-License-Identifier: EUPL-1.2
"""The finder over HTTP: the API and the portal page, with bad input of every kind."""

from __future__ import annotations

import pytest

from lifegate.assistant.models import QueryStat

pytestmark = pytest.mark.django_db
HOSTILE = [
    "<script>alert('x')</script> baby",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE assistant_querystat; --",
    "1 OR 1=1; SELECT * FROM auth_user",
    "{{ settings.SECRET_KEY }} {% debug %}",
]


def test_the_api_ranks_life_events_and_services_with_a_reason(client):
    response = client.get("/api/v1/assistant/search", {"q": "we krijgen een kindje", "lang": "en"})

    body = response.json()
    assert response.status_code == 200
    assert body["results"][0] == body["results"][0] | {
        "kind": "life-event",
        "identifier": "birth",
        "name": "Birth of a child",
    }
    assert body["results"][0]["explanation"].endswith("→ Birth of a child")
    assert {r["kind"] for r in body["results"]} <= {"life-event", "business-event", "service"}
    assert body["results"] == sorted(body["results"], key=lambda r: -r["score"])


@pytest.mark.parametrize("q", ["", "   "])
def test_the_api_answers_an_empty_question_with_no_results(client, q):
    response = client.get("/api/v1/assistant/search", {"q": q})

    assert response.status_code == 200
    assert response.json() == {"query": "", "trimmed": False, "results": []}


def test_the_api_trims_a_long_question_and_says_so(client):
    response = client.get("/api/v1/assistant/search", {"q": "ontslagen " * 100})

    body = response.json()
    assert body["trimmed"] is True
    assert len(body["query"]) <= 500
    assert body["results"][0]["identifier"] in {"losing-job", "ww-uitkering"}


@pytest.mark.parametrize("q", HOSTILE)
def test_the_api_answers_hostile_input_as_plain_data(client, q):
    response = client.get("/api/v1/assistant/search", {"q": q})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert QueryStat.objects.count() <= 1


def test_the_api_refuses_an_unknown_language_with_a_problem(client):
    response = client.get("/api/v1/assistant/search", {"q": "baby", "lang": "xx"})

    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nl/wat-gebeurt-er", "gevonden op: baby → Geboorte van een kind"),
        ("/en/what-is-happening", "matched: baby → Birth of a child"),
    ],
)
def test_the_page_shows_results_with_reason_feedback_and_a_person_to_call(client, path, reason):
    page = client.get(path, {"q": "baby"}).content.decode()

    assert reason in page
    assert 'data-id="birth"' in page
    assert 'name="target" value="birth"' in page
    assert 'id="contact-heading"' in page
    assert "tel:" in page


@pytest.mark.parametrize("q", HOSTILE)
def test_the_page_never_echoes_hostile_input_unescaped(client, q):
    response = client.get("/en/what-is-happening", {"q": q})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "<img src=x" not in page


def test_the_page_trims_a_long_question_with_a_notice(client):
    response = client.get("/nl/wat-gebeurt-er", {"q": "x" * 600 + " baby"})

    assert response.status_code == 200
    assert 'id="trimmed-notice"' in response.content.decode()


def test_the_page_without_a_question_shows_only_the_form(client):
    page = client.get("/en/what-is-happening").content.decode()

    assert 'id="finder-q"' in page
    assert 'id="results-heading"' not in page


def test_the_search_box_is_on_every_page(client):
    assert 'id="site-search-q"' in client.get("/en/").content.decode()
