# SPDX-License-Identifier: EUPL-1.2
"""The addresses a server runs under: the public one followed by the demo and pointed out by
`serve`; the demo evidence provider's moved off a taken port."""

import os
import socket
from urllib.parse import urlsplit

import pytest

from lifegate.config import env
from lifegate.core.runtime import (
    follow_free_evidence_port,
    follow_listening_address,
    listening_url,
    public_url_note,
)

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


EVIDENCE = env.EVIDENCE_PROVIDER_URL.name


@pytest.fixture
def evidence_url_unset(monkeypatch):
    monkeypatch.setenv(EVIDENCE, "recorded so that the test's own value is undone")
    monkeypatch.delenv(EVIDENCE)


@pytest.fixture
def taken_port():
    """A port something listens on for the test."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def _port(url):
    return urlsplit(url).port


def test_the_demo_evidence_provider_keeps_its_port_when_free(evidence_url_unset, settings):
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{free}"

    assert follow_free_evidence_port(avoid=free + 1) == f"http://127.0.0.1:{free}"
    assert EVIDENCE not in os.environ


def test_a_taken_evidence_provider_port_moves_to_a_free_one_for_every_process(
    evidence_url_unset, settings, taken_port
):
    settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{taken_port}"

    url = follow_free_evidence_port(avoid=8000)

    assert url.startswith("http://127.0.0.1:")
    assert _port(url) != taken_port
    with socket.socket() as provider:  # the provider can listen there
        provider.bind(("127.0.0.1", _port(url)))
    assert url == settings.EVIDENCE_PROVIDER_URL
    assert os.environ[EVIDENCE] == url  # the provider, server and worker it starts agree


def test_the_portal_port_is_not_given_to_the_evidence_provider(evidence_url_unset, settings):
    settings.EVIDENCE_PROVIDER_URL = "http://127.0.0.1:8090"

    url = follow_free_evidence_port(avoid=8090)  # `lifegate demo --port 8090`

    assert _port(url) != 8090
    assert os.environ[EVIDENCE] == url


def test_an_evidence_provider_url_that_is_set_is_kept_even_when_taken(
    monkeypatch, settings, taken_port
):
    chosen = f"http://127.0.0.1:{taken_port}"
    monkeypatch.setenv(EVIDENCE, chosen)
    settings.EVIDENCE_PROVIDER_URL = chosen

    assert follow_free_evidence_port(avoid=8000) == chosen  # the provider says it cannot
    assert chosen == settings.EVIDENCE_PROVIDER_URL
