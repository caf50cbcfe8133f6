# SPDX-License-Identifier: EUPL-1.2
"""Keys and secrets generated on first run, stored in LIFEGATE_HOME (never in the repository)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def home_folder(configured: str) -> Path:
    """The installation's private folder, created with owner-only access."""
    home = Path(configured).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    return home


def load_or_create_secret(home: Path, name: str, nbytes: int = 48) -> str:
    """Return the secret called `name`, generating it (mode 0600) the first time."""
    folder = home / "secrets"
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / name
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    value = secrets.token_urlsafe(nbytes)
    # O_EXCL: when two processes start at once, exactly one writes and both read its value.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value)
    return value
