# SPDX-License-Identifier: EUPL-1.2
"""The set-up (`scripts/lib.sh`, run by `scripts/demo` and `scripts/test`) compiles every
module ahead, so a `lifegate` command starts without compiling some 1,700 modules when Python
is told not to write its own cache (PYTHONDONTWRITEBYTECODE, as on these machines)."""

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import django
import ninja
import pyshacl

import lifegate.cli

TIMESTAMP_PYC, CHECKED_HASH_PYC = 0, 3  # the flags word: how Python validates a pyc (PEP 552)


def _valid_cache_of(module: ModuleType) -> bool:
    """Whether the module's source has a cached bytecode file that Python will use."""
    source = Path(str(module.__file__))
    cached = Path(importlib.util.cache_from_source(str(source)))
    if not cached.is_file():
        return False
    header = cached.read_bytes()[:16]
    magic, flags = struct.unpack("<4sI", header[:8])
    if magic != importlib.util.MAGIC_NUMBER:
        return False
    if flags == CHECKED_HASH_PYC:  # written so when SOURCE_DATE_EPOCH is set
        return header[8:] == importlib.util.source_hash(source.read_bytes())
    stat = source.stat()
    mtime, size = struct.unpack("<II", header[8:])
    return flags == TIMESTAMP_PYC and (mtime, size) == (
        int(stat.st_mtime) & 0xFFFFFFFF,
        stat.st_size & 0xFFFFFFFF,
    )


def test_installed_packages_and_lifegate_are_compiled_ahead() -> None:
    modules = [django, ninja, pyshacl, lifegate.cli]
    stale = [module.__name__ for module in modules if not _valid_cache_of(module)]
    assert not stale, f"no usable bytecode for {stale}: run scripts/test to set up again"
