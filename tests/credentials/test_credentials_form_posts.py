# SPDX-License-Identifier: EUPL-1.2
"""Addresses only a form posts to, opened directly (a reload, a bookmark, the language
switch on the page the form gave), go to the page the form is on, in the same language."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

POSTED_FROM = [
    ("offer", {}, "overview", {}),
    ("wallet-renew", {}, "wallet", {}),
    ("wallet-forget", {}, "wallet", {}),
    (
        "officials-credential-status",
        {"credential_id": uuid.UUID(int=7)},
        "officials-credential",
        {"credential_id": uuid.UUID(int=7)},
    ),
]


def _url(language: str, name: str, kwargs: dict[str, object]) -> str:
    with translation.override(language):
        return reverse(f"credentials:{name}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("form", "kwargs", "page", "page_kwargs"), POSTED_FROM)
def test_opening_a_form_address_goes_to_the_page_of_the_form(
    client: Client,
    *,
    language: str,
    form: str,
    kwargs: dict[str, object],
    page: str,
    page_kwargs: dict[str, object],
) -> None:
    opened = client.get(_url(language, form, kwargs))
    head = client.head(_url(language, form, kwargs))
    put = client.put(_url(language, form, kwargs))

    assert (opened.status_code, opened["Location"]) == (303, _url(language, page, page_kwargs))
    assert head.status_code == 303
    assert (put.status_code, put["Allow"]) == (405, "POST")
