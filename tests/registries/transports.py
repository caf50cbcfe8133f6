# SPDX-License-Identifier: EUPL-1.2
"""Registry transports for tests: one that records the calls it passes on, one that is down."""

from __future__ import annotations

from lifegate.registries.transport import (
    InProcessTransport,
    RegistryAnswer,
    RegistryCall,
    RegistryUnavailableError,
)


class Recording(InProcessTransport):
    """This installation's demo registry, remembering every call it answered."""

    def __init__(self) -> None:
        self.calls: list[RegistryCall] = []

    def send(self, call: RegistryCall) -> RegistryAnswer:
        self.calls.append(call)
        return super().send(call)


class Down:
    """A registry that does not answer."""

    def send(self, call: RegistryCall) -> RegistryAnswer:
        raise RegistryUnavailableError(call.registry)
