# SPDX-License-Identifier: EUPL-1.2
"""Every outbound HTTP call in src/ has a timeout (a hung registry must not hang us)."""

import ast
import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
_CALLS = {
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "request",
    "stream",
    "Client",
    "AsyncClient",
}


def _untimed_calls(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        is_httpx = isinstance(owner, ast.Name) and owner.id == "httpx"
        # A client with its own transport (httpx.WSGITransport) calls in-process, not out.
        timed = any(keyword.arg in ("timeout", "transport") for keyword in node.keywords)
        if is_httpx and node.func.attr in _CALLS and not timed:
            lines.append(node.lineno)
    return lines


def _scan() -> list[str]:
    return sorted(
        f"{path.relative_to(SRC)}:{line}"
        for path in SRC.rglob("*.py")
        for line in _untimed_calls(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_every_httpx_call_and_client_in_src_sets_a_timeout():
    # In a fresh interpreter: CPython 3.11.7's parser can raise a spurious SystemError
    # ("AST constructor recursion depth mismatch") late in a long test session.
    result = subprocess.run(  # noqa: S603 - this file, our interpreter
        [sys.executable, __file__], capture_output=True, text=True, check=True, timeout=120
    )

    assert json.loads(result.stdout) == []


def test_the_scan_finds_a_call_without_a_timeout():
    assert _untimed_calls(ast.parse("import httpx\nhttpx.get('http://x')\n")) == [2]


if __name__ == "__main__":
    print(json.dumps(_scan()))
