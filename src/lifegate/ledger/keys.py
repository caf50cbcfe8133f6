# SPDX-License-Identifier: EUPL-1.2
"""The log's signing key: generated on first run into LIFEGATE_HOME/secrets (mode 0600).

The key's name is the log's origin (C2SP), fixed when the key is made, so checkpoints keep
one origin even if the public address changes later.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from lifegate.ledger.checkpoint import NoteSigner, NoteVerifier

KEY_FILE = "ledger-signing-key"


def _origin() -> str:
    host = urlsplit(settings.PUBLIC_URL).netloc or "lifegate.localhost"
    return f"{host}/ledger"


@functools.cache
def _signer_at(path: Path) -> NoteSigner:
    if not path.exists():
        path.parent.mkdir(exist_ok=True, mode=0o700)
        generated = NoteSigner.generate(_origin())
        try:
            # O_EXCL: of two processes starting at once exactly one writes the key.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(generated.skey())
    return NoteSigner.from_skey(path.read_text(encoding="ascii").strip())


def signer() -> NoteSigner:
    return _signer_at(Path(settings.HOME) / "secrets" / KEY_FILE)


def verifiers() -> list[NoteVerifier]:
    """The keys whose checkpoints this installation trusts."""
    return [signer().verifier()]


def origin() -> str:
    return signer().name
