# SPDX-License-Identifier: EUPL-1.2
"""Webhook delivery behind one method, so tests pass a fake and production uses httpx."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import httpx


@dataclass(frozen=True)
class WebhookRequest:
    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WebhookResponse:
    """`status` 0 means the request did not reach the receiver (`error` says why)."""

    status: int
    error: str = ""

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300


class WebhookTransport(Protocol):
    def send(self, request: WebhookRequest) -> WebhookResponse: ...


class HttpxTransport:
    """POSTs each delivery with a kept-alive httpx client; never raises for network errors."""

    def __init__(self, timeout: float = 10.0, client: httpx.Client | None = None) -> None:
        self._client = client or httpx.Client(timeout=timeout, follow_redirects=False)

    def send(self, request: WebhookRequest) -> WebhookResponse:
        try:
            response = self._client.post(request.url, content=request.body, headers=request.headers)
        except httpx.HTTPError as error:
            return WebhookResponse(0, type(error).__name__)
        return WebhookResponse(response.status_code, "" if response.is_success else "rejected")

    def close(self) -> None:
        self._client.close()
