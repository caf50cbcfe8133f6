# SPDX-License-Identifier: EUPL-1.2
"""A small TCP fault proxy for drills (pure: no Django; asyncio sockets only).

Put it between the platform and a registry or evidence provider; switch its fault while
it runs: `pass` (forward), `latency` (delay every chunk), `drop` (accept, never answer),
`reset` (accept, then reset the connection), `down` (refuse new connections).

    proxy = FaultProxy("127.0.0.1", 8090)        # the real provider
    proxy.start()                                # listens on proxy.port
    proxy.set_fault("latency", seconds=3)
    ...
    proxy.stop()
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from dataclasses import dataclass

FAULTS = ("pass", "latency", "drop", "reset", "down")


@dataclass(frozen=True)
class Fault:
    kind: str = "pass"
    seconds: float = 0.0


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.listen_host = listen_host
        self.port = 0
        self.fault = Fault()
        self.connections = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    def set_fault(self, kind: str, seconds: float = 0.0) -> None:
        if kind not in FAULTS:
            raise ValueError(f"fault {kind!r}: one of {', '.join(FAULTS)}")
        self.fault = Fault(kind, seconds)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault proxy did not start within 10 seconds")

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(
            asyncio.start_server(self._handle, self.listen_host, self.port)
        )
        self.port = int(server.sockets[0].getsockname()[1])
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            try:
                pending = asyncio.all_tasks(loop)
                for task in pending:  # connections still open: end them before the loop goes
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            finally:
                loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        fault = self.fault
        if fault.kind in ("down", "reset"):
            _reset(writer)
            return
        if fault.kind == "drop":
            try:
                await asyncio.sleep(fault.seconds or 3600)
            finally:  # also when the proxy stops: no transport left open
                writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            _reset(writer)
            return
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                if self.fault.kind == "latency":
                    await asyncio.sleep(self.fault.seconds)
                writer.write(chunk)
                await writer.drain()
        finally:
            writer.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST instead of FIN (SO_LINGER 0), as a crashed peer or firewall does."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()
