# SPDX-License-Identifier: EUPL-1.2
"""The language model ships inside its package: it loads and embeds with no network."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network used")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from lifegate.assistant.semantic import PackagedE5
vectors = PackagedE5().embed(["we krijgen een kindje", "my dad passed away"], query=True)
print(vectors.shape, round(float((vectors[0] @ vectors[0])), 3))
"""


def test_the_model_loads_and_embeds_without_network():
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}

    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", NO_NETWORK],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(2, 384) 1.0"
