# SPDX-License-Identifier: EUPL-1.2
"""The public address a server runs under: followed by the demo, pointed out by `serve`."""

import os

import pytest

from lifegate.config import env
from lifegate.core.runtime import follow_listening_address, listening_url, public_url_note

NAME = env.PUBLIC_URL.name


@pytest.fixture
def public_url_unset(monkeypatch):
    """LIFEGATE_PUBLIC_URL absent for the test, and absent again after it whatever it set."""
    monkeypatch.setenv(NAME, "recorded so that the test's own value is undone")
    monkeypatch.delenv(NAME)


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8001, "http://127.0.0.1:8001"),
        ("localhost", 9000, "http://localhost:9000"),
        ("0.0.0.0", 8000, "http://127.0.0.1:8000"),  # noqa: S104 - a name, not a bind
        ("::", 8002, "http://127.0.0.1:8002"),
        ("[::]", 8005, "http://127.0.0.1:8005"),
        ("", 8006, "http://127.0.0.1:8006"),
        ("::1", 8003, "http://[::1]:8003"),
        ("[::1]", 8004, "http://[::1]:8004"),
    ],
)
def test_the_listening_url_is_what_a_browser_here_opens(host, port, url):
    assert listening_url(host, port) == url


def test_without_a_public_url_the_demo_follows_its_port_in_settings_and_for_its_helpers(
    public_url_unset, settings
):
    settings.PUBLIC_URL = env.PUBLIC_URL.default

    assert follow_listening_address("127.0.0.1", 8123) == "http://127.0.0.1:8123"
    assert settings.PUBLIC_URL == "http://127.0.0.1:8123"
    assert os.environ[NAME] == "http://127.0.0.1:8123"  # the worker it starts agrees


def test_a_public_url_that_is_set_is_kept(monkeypatch, settings):
    monkeypatch.setenv(NAME, "https://lifegate.example")
    settings.PUBLIC_URL = "https://lifegate.example"

    assert follow_listening_address("127.0.0.1", 8123) == "https://lifegate.example"
    assert settings.PUBLIC_URL == "https://lifegate.example"
    assert os.environ[NAME] == "https://lifegate.example"


@pytest.mark.parametrize(
    ("public_url", "host", "port", "noted"),
    [
        (None, "127.0.0.1", 8000, False),  # the default is this server
        (None, "0.0.0.0", 8000, False),  # noqa: S104 - reached on loopback
        (None, "127.0.0.1", 9000, True),
        (None, "localhost", 8000, True),
        ("https://lifegate.example", "127.0.0.1", 9000, False),  # the operator decided
    ],
)
@pytest.mark.usefixtures("public_url_unset")
def test_serve_points_out_a_default_public_url_that_is_not_this_server(
    monkeypatch, public_url, host, port, noted
):
    if public_url:
        monkeypatch.setenv(NAME, public_url)

    note = public_url_note(host, port)

    assert (note is not None) == noted
    if note:
        assert "Set LIFEGATE_PUBLIC_URL" in note
        assert listening_url(host, port) in note
        assert env.PUBLIC_URL.default in note
