# SPDX-License-Identifier: EUPL-1.2
"""What officials see: aggregated questions that found nothing or were "not what I meant",
without personal data; synonyms they add work at once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from lifegate.assistant import services
from lifegate.assistant.models import QueryStat, Synonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client):
    user = get_user_model().objects.create_user("ambtenaar-finder", is_staff=True)
    client.force_login(user)
    return user


def test_searches_are_counted_as_normalised_questions(client):
    client.get("/nl/wat-gebeurt-er", {"q": "Baby  Geboren!"})
    client.get("/api/v1/assistant/search", {"q": "baby geboren"})

    row = QueryStat.objects.get()
    assert (row.query, row.language, row.searches, row.unanswered) == ("baby geboren", "nl", 2, 0)


@pytest.mark.parametrize(
    "q", ["bsn 111222333 kinderbijslag", "mail jan@example.org", "bel mij op 0612345678"]
)
def test_a_question_with_personal_data_is_not_stored(client, q):
    client.get("/nl/wat-gebeurt-er", {"q": q})
    client.post("/nl/wat-gebeurt-er/feedback", {"q": q, "target": "birth"})

    assert QueryStat.objects.count() == 0


def test_not_what_i_meant_is_counted_per_result_and_thanks_the_citizen(client):
    client.get("/en/what-is-happening", {"q": "baby"})

    response = client.post("/en/what-is-happening/feedback", {"q": "baby", "target": "birth"})

    row = QueryStat.objects.get()
    assert (row.not_meant, row.not_meant_targets) == (1, {"birth": 1})
    assert response.status_code == 302
    assert "thanks=1" in response["Location"]
    assert 'id="feedback-thanks"' in client.get(response["Location"]).content.decode()


def test_feedback_needs_a_post(client):
    assert client.get("/en/what-is-happening/feedback", {"q": "baby"}).status_code == 405


def test_officials_see_questions_asked_often_enough_that_found_nothing(client, official):
    for _ in range(2):
        client.get("/nl/wat-gebeurt-er", {"q": "qwxzv plorf"})
    client.get("/nl/wat-gebeurt-er", {"q": "zzkrm vlotp"})  # once: too rare to show

    page = client.get("/en/what-is-happening/not-found").content.decode()

    assert "qwxzv plorf" in page
    assert "zzkrm vlotp" not in page


def test_citizens_cannot_see_what_others_searched(client):
    response = client.get("/en/what-is-happening/not-found")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_synonym_added_by_an_official_is_used_at_once():
    before = services.search("kraamfeest", "nl", record=False).results
    Synonym.objects.create(target="birth", language="nl", phrase="kraamfeest")

    after = services.search("kraamfeest", "nl", record=False).results

    assert not before or before[0].id != "birth" or "kraamfeest" not in before[0].words
    assert after[0].id == "birth"
    assert "kraamfeest" in after[0].explanation("nl")
