# SPDX-License-Identifier: EUPL-1.2
"""Open-data pages: the datasets, one dataset, trends per life event, the methodology."""

from __future__ import annotations

from collections import defaultdict

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lifegate.opendata import services
from lifegate.opendata.charts import Bar, bar_chart
from lifegate.opendata.datasets import JOURNEYS, table
from lifegate.opendata.sources import public_domain


def _language() -> str:
    return "en" if get_language() == "en" else "nl"


def index(request: HttpRequest) -> HttpResponse:
    language = _language()
    datasets = [
        {"id": d.id, "title": d.spec.title[language], "description": d.spec.description[language],
         "periods": [str(p) for p in d.periods]}
        for d in services.datasets()
    ]  # fmt: skip
    context = {"datasets": datasets, "budgets": services.budgets()}
    return render(request, "opendata/index.html", context)


def dataset(request: HttpRequest, dataset_id: str) -> HttpResponse:
    language = _language()
    found = [d for d in services.datasets() if d.id == dataset_id]
    if not found:
        raise Http404(dataset_id)
    info = found[0]
    spec = table(dataset_id)
    latest = str(info.periods[-1]) if info.periods else ""
    preview = services.observations(dataset_id, {"period": latest}, limit=20) if latest else None
    context = {
        "title": spec.title[language],
        "description": spec.description[language],
        "columns": [(c.name, c.title[language], c.description[language]) for c in spec.columns],
        "files": info.files,
        "latest": latest,
        "preview": [[row.get(c.name) for c in spec.columns] for row in preview.rows]
        if preview
        else [],
        "releases": [r for r in services.releases()],
    }
    return render(request, "opendata/dataset.html", context)


def _journeys_by_event() -> dict[str, dict[str, int | None]]:
    totals: dict[str, dict[str, int | None]] = defaultdict(dict)
    page = services.observations(JOURNEYS.id, {}, limit=100_000)
    for row in page.rows:
        value = row.get("journeys_started")
        if isinstance(value, int):
            month = totals[str(row["life_event"])]
            month[str(row["period"])] = (month.get(str(row["period"])) or 0) + value
    return totals


def trends(request: HttpRequest) -> HttpResponse:
    language = _language()
    domain = public_domain()
    periods = [str(r.period) for r in services.current_releases()]
    totals = _journeys_by_event()
    charts = []
    for event in domain.life_events:
        name = domain.label(event, language)
        bars = [Bar(p, totals.get(event, {}).get(p)) for p in periods]
        title = _("Journeys started per month: %(event)s") % {"event": name}
        svg = bar_chart(f"chart-{event}", title, bars, _("suppressed"))
        charts.append({"id": event, "name": name, "svg": mark_safe(svg), "bars": bars})
    return render(request, "opendata/trends.html", {"charts": charts, "periods": periods})


def methodology(request: HttpRequest) -> HttpResponse:
    context = {"parameters": services.parameters(), "budgets": services.budgets()}
    return render(request, "opendata/methodology.html", context)


def download(request: HttpRequest, period: str, version: int, name: str) -> FileResponse:
    found = services.file_path(period, version, name)
    if found is None or not found[0].is_file():
        raise Http404(name)
    path, media_type = found
    response = FileResponse(path.open("rb"), content_type=media_type, as_attachment=True)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
