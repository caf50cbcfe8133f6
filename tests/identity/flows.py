# SPDX-License-Identifier: EUPL-1.2
"""Driving the sign-in with Django's test client: portal -> demo provider -> callback."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.test import Client as HttpClient
from django.test.client import Client


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start(client: HttpClient, language: str = "en", loa: str = "substantial") -> str:
    """Press "sign in"; returns the provider's authorize path."""
    response = client.post(
        f"/{language}/{'sign-in' if language == 'en' else 'inloggen'}", {"loa": loa}
    )
    assert response.status_code == 302, response.content
    return path_of(response["Location"])


def pick(client: Client, authorize_path: str, persona: str, loa: str = "substantial") -> str:
    """Pick a persona at the demo provider; returns the callback path with code and state."""
    response = client.post(authorize_path, {"persona": persona, "loa": loa})
    assert response.status_code == 302, response.content
    return path_of(response["Location"])


def query(path: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}


def sign_in(client: Client, persona: str, language: str = "en", loa: str = "substantial") -> None:
    callback = pick(client, start(client, language, loa), persona, loa)
    response = client.get(callback)
    assert response.status_code == 302, response.content.decode()
