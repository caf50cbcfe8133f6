# SPDX-License-Identifier: EUPL-1.2
"""How the exchange reaches a registry: one method, `send(call) -> answer`.

`InProcessTransport` calls this installation's demo registry directly; `HttpTransport` POSTs
to a registry's HTTP API (this installation's `/api/v1/registries/…` or a real one), with
the grant and the W3C `traceparent` in headers and the identifiers in the body, never the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx


@dataclass(frozen=True)
class RegistryCall:
    registry: str
    identifiers: tuple[str, ...]
    fields: tuple[str, ...]
    grant: str
    traceparent: str = ""


@dataclass(frozen=True)
class RegistryAnswer:
    records: dict[str, dict[str, Any]]  # identifier -> asked field -> value; unknown ones absent


class RegistryUnavailableError(Exception):
    """The registry did not answer, or answered with an error other than a refusal."""


class RegistryTransport(Protocol):
    def send(self, call: RegistryCall) -> RegistryAnswer: ...


class InProcessTransport:
    def send(self, call: RegistryCall) -> RegistryAnswer:
        from lifegate.registries import server  # noqa: PLC0415 - server imports this module

        return server.answer(call)


class HttpTransport:
    """A registry over HTTP, Haal Centraal style: POST with `fields`."""

    def __init__(self, base_url: str, key: str, client: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.client = client or httpx.Client(timeout=10)

    def send(self, call: RegistryCall) -> RegistryAnswer:
        from lifegate.registries.grants import GrantRefusedError  # noqa: PLC0415 - Django settings

        headers = {"Lifegate-Grant": call.grant, "Accept": "application/json"}
        if call.traceparent:
            headers["traceparent"] = call.traceparent
        body = {self.key: list(call.identifiers), "fields": list(call.fields)}
        try:
            response = self.client.post(
                f"{self.base_url}/registries/{call.registry}", json=body, headers=headers
            )
        except httpx.HTTPError as exc:
            raise RegistryUnavailableError(call.registry) from exc
        if response.status_code == 403:
            raise GrantRefusedError(str(response.json().get("reason", "grant-refused")))
        if response.status_code != 200:
            raise RegistryUnavailableError(f"{call.registry}: HTTP {response.status_code}")
        records = response.json()["records"]
        return RegistryAnswer({r["identifier"]: r["data"] for r in records})
