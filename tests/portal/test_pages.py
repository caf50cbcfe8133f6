# SPDX-License-Identifier: EUPL-1.2
"""The portal shell: every page in Dutch and English, error pages, the language switch."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from lifegate.catalog import services as catalog
from lifegate.portal.errors import permission_denied, server_error
from lifegate.portal.middleware import RateLimitedError, TooManyRequestsMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/nl/", "nl", "Eén overheid voor wat er in uw leven gebeurt"),
        ("/en/", "en", "One government for what happens in your life"),
        ("/nl/toegankelijkheid", "nl", "Toegankelijkheidsverklaring"),
        ("/en/accessibility", "en", "Accessibility statement"),
    ],
)
def test_each_page_exists_in_both_languages(client, path, lang, heading):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert heading in html


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/nl/toegankelijkheid", 'href="/en/accessibility"'),
        ("/en/accessibility", 'href="/nl/toegankelijkheid"'),
        ("/en/", 'href="/nl/"'),
    ],
)
def test_the_language_switch_keeps_the_reader_on_the_same_page(client, path, other):
    html = client.get(path).content.decode()

    assert other in html


def test_the_home_page_lists_the_demo_government(client):
    catalog.seed_organisations()

    nl = client.get("/nl/").content.decode()
    en = client.get("/en/").content.decode()

    assert "Sociale Verzekeringsbank" in nl
    assert "Social Insurance Bank" in en


@pytest.mark.parametrize(
    ("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("nl-NL,nl;q=0.9", "/nl/"), ("fr", "/nl/")]
)
def test_the_root_sends_the_reader_to_their_language(client, accept, target):
    response = client.get("/", headers={"accept-language": accept})

    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("path", "text"),
    [("/nl/bestaat-niet", "Pagina niet gevonden"), ("/en/does-not-exist", "Page not found")],
)
def test_a_missing_page_is_a_404_page_in_the_readers_language(client, path, text):
    response = client.get(path)

    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"), [("nl", "Er ging iets mis"), ("en", "Something went wrong")]
)
def test_the_500_page_speaks_the_readers_language(lang, text):
    request = RequestFactory().get(f"/{lang}/")

    with translation.override(lang):
        response = server_error(request)

    assert response.status_code == 500
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"), [("nl", "Te veel verzoeken"), ("en", "Too many requests")]
)
def test_a_rate_limit_answers_429_with_retry_after(lang, text):
    request = RequestFactory().get(f"/{lang}/")
    middleware = TooManyRequestsMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]

    with translation.override(lang):
        response = middleware.process_exception(request, RateLimitedError(30))

    assert response is not None
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"),
    [("nl", "U mag deze pagina niet openen"), ("en", "You may not open this page")],
)
def test_the_403_page_speaks_the_readers_language(lang, text):
    request = RequestFactory().get(f"/{lang}/")

    with translation.override(lang):
        response = permission_denied(request)

    assert response.status_code == 403
    assert text in response.content.decode()
