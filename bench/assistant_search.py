# SPDX-License-Identifier: EUPL-1.2
"""Service finder latency (issue 11): p95 < 50 ms per question.

Every question of the evaluation set is asked once (nothing is cached between questions):
in-process through `assistant.services.search`, and over HTTP on loopback
(GET /api/v1/assistant/search, a WSGI server in this process, counting included). Baselines
from the same run: the lexical-only ranker, and a trivial substring scan over the texts.

Run: uv run python bench/assistant_search.py   (DATABASE_URL for PostgreSQL, else SQLite)
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import percentile, setup  # bench/ is not a package


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def _timed(questions: Sequence[tuple[str, str]], ask: Callable[[str, str], object]) -> list[float]:
    took = []
    for question, lang in questions:
        began = time.perf_counter()
        ask(question, lang)
        took.append((time.perf_counter() - began) * 1000)
    return took


def _report(name: str, took: list[float]) -> None:
    p50, p95 = percentile(took, 0.5), percentile(took, 0.95)
    print(f"{name:<44} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   max {max(took):7.2f} ms")


def _substring_scan(targets: Sequence[object]) -> Callable[[str, str], object]:
    from lifegate.catalog import text  # noqa: PLC0415

    texts = [
        (t.id, text.fold(" ".join(" ".join(v) for v in t.texts.values())))  # type: ignore[attr-defined]
        for t in targets
    ]

    def scan(question: str, lang: str) -> object:
        words = text.tokens(question, lang)
        return sorted(texts, key=lambda item: -sum(w in item[1] for w in words))[:10]

    return scan


def main() -> None:
    vendor = setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request drowns the figures
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415

    from lifegate.assistant import evaluation, finder, services  # noqa: PLC0415
    from lifegate.assistant.ranker import HybridRanker  # noqa: PLC0415

    questions = [(c.question, c.lang) for c in evaluation.load_cases()]
    began = time.perf_counter()
    hybrid = finder.current().ranker
    print(f"database: {vendor}; finder ready in {time.perf_counter() - began:.1f} s")
    print(f"{len(questions)} questions, each asked once per line")
    lexical = HybridRanker(hybrid.targets, None)
    for warm in ("warm up", "opwarmen", "baby", "verhuizen"):  # first calls map the model
        hybrid.search(warm, "nl")
    _report("baseline: substring scan", _timed(questions, _substring_scan(hybrid.targets)))
    _report("baseline: lexical only (BM25 + synonyms)", _timed(questions, lexical.search))
    _report("hybrid ranker (pure)", _timed(questions, hybrid.search))
    _report("services.search (in-process)", _timed(questions, services.search))
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/api/v1/assistant/search"
    with httpx.Client(timeout=10) as client:

        def over_http(question: str, lang: str) -> object:
            response = client.get(base, params={"q": question, "lang": lang})
            assert response.status_code == 200
            return response.json()

        _report("GET /api/v1/assistant/search (HTTP)", _timed(questions, over_http))
    server.shutdown()
    print("target: p95 < 50 ms")


if __name__ == "__main__":
    main()
