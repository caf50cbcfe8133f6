# SPDX-License-Identifier: EUPL-1.2
"""Another government rebrands through a token stylesheet, without touching templates."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_pages_load_the_default_token_theme(client):
    html = client.get("/en/").content.decode()

    assert 'href="/static/lifegate/theme/default.css"' in html


@pytest.mark.parametrize(
    "theme", ["https://huisstijl.example.nl/tokens.css", "/static/gemeente-x/tokens.css"]
)
def test_a_configured_theme_replaces_the_default_on_every_page(client, theme):
    with override_settings(THEME_CSS=theme):
        pages = [client.get(path).content.decode() for path in ("/nl/", "/en/accessibility")]

    for html in pages:
        assert f'href="{theme}"' in html
        assert "lifegate/theme/default.css" not in html
