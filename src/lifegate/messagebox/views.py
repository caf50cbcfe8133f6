# SPDX-License-Identifier: EUPL-1.2
"""The citizen's message box pages (portal), calling `services` only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lifegate.core.problems import ProblemError
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.messagebox import services
from lifegate.messagebox.models import Folder

View = Callable[..., HttpResponse]


def viewer_of(request: HttpRequest) -> services.Viewer | None:
    """Whose box the signed-in person looks at: their own, or the one they act for."""
    current = getattr(identity, "current_actor", None)
    if current is not None:
        actor = current(request)
        if actor is None:
            return None
        return services.Viewer(
            f"{actor.subject.kind}:{actor.subject.ref}", f"{actor.actor.kind}:{actor.actor.ref}"
        )
    citizen = session.citizen(request)
    if citizen is None:
        return None
    party = session.self_party(citizen)
    return services.Viewer(f"{party.kind}:{party.ref}", f"{party.kind}:{party.ref}")


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        viewer = viewer_of(request)
        if viewer is None:
            return HttpResponseRedirect(session.sign_in_url(request))
        try:
            return view(request, viewer, *args, **kwargs)
        except services.MessageNotFoundError as error:
            raise Http404("no such message") from error

    return wrapper


def _language() -> str:
    return get_language() or "nl"


@require_GET
@signed_in
def inbox(request: HttpRequest, viewer: services.Viewer) -> HttpResponse:
    folder = request.GET.get("folder", Folder.INBOX)
    query = request.GET.get("q", "")[:100]
    organisation = request.GET.get("organisation", "")[:64]
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    page = services.list_messages(
        viewer.party,
        language=_language(),
        folder=folder,
        query=query,
        organisation=organisation,
        page=page_number,
    )
    context = {
        "page": page,
        "folder": folder if folder in {"inbox", "archive", "sent"} else "inbox",
        "query": query,
        "organisation": organisation,
        "folders": [("inbox", "Inbox"), ("archive", "Archive"), ("sent", "Sent")],
    }
    return render(request, "messagebox/inbox.html", context)


@require_GET
@signed_in
def message(request: HttpRequest, viewer: services.Viewer, message_id: str) -> HttpResponse:
    view = services.open_message(viewer, str(message_id), _language())
    return render(request, "messagebox/message.html", {"message": view, "error": ""})


def _back(message_id: str, notice: str = "") -> HttpResponseRedirect:
    url = reverse("messagebox:message", args=[message_id])
    return HttpResponseRedirect(f"{url}?notice={notice}" if notice else url)


@require_POST
@signed_in
def reply(request: HttpRequest, viewer: services.Viewer, message_id: str) -> HttpResponse:
    try:
        services.reply(viewer, str(message_id), request.POST.get("body", ""), _language())
    except ProblemError:
        view = services.open_message(viewer, str(message_id), _language())
        context = {"message": view, "error": "reply"}
        return render(request, "messagebox/message.html", context, status=400)
    return _back(str(message_id), "replied")


@require_POST
@signed_in
def action(
    request: HttpRequest, viewer: services.Viewer, message_id: str, index: int
) -> HttpResponse:
    try:
        taken = services.take_action(viewer, str(message_id), index)
    except ProblemError as error:
        raise Http404("no such action") from error
    if taken.type == "reply":
        return HttpResponseRedirect(reverse("messagebox:message", args=[message_id]) + "#reply")
    if taken.url:
        return HttpResponseRedirect(taken.url)
    return _back(str(message_id), "done")


@require_POST
@signed_in
def archive(request: HttpRequest, viewer: services.Viewer, message_id: str) -> HttpResponse:
    archived = request.POST.get("archived", "1") == "1"
    services.archive(viewer, str(message_id), archived=archived)
    return HttpResponseRedirect(
        reverse("messagebox:inbox") + ("?folder=archive" if archived else "")
    )


@require_GET
@signed_in
def attachment(
    request: HttpRequest, viewer: services.Viewer, message_id: str, attachment_id: str
) -> HttpResponse:
    name, content_type, data = services.read_attachment(viewer, str(message_id), str(attachment_id))
    response = HttpResponse(data, content_type=content_type)
    safe = name.replace('"', "").replace("\r", "").replace("\n", "")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@signed_in
def export(request: HttpRequest, viewer: services.Viewer) -> HttpResponse:
    data = services.export_zip(viewer.party, _language())
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="messages.zip"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def preferences(request: HttpRequest, viewer: services.Viewer) -> HttpResponse:
    saved = False
    if request.method == "POST":
        try:
            days = int(request.POST.get("reminder_days", "7"))
        except ValueError:
            days = 7
        chosen = services.Preferences(
            email=request.POST.get("email", "").strip()[:254],
            language=request.POST.get("language", "nl"),
            notify_by_email=request.POST.get("notify_by_email") == "on",
            reminder_days=days,
        )
        services.set_preferences(viewer.party, chosen)
        saved = True
    current = services.get_preferences(viewer.party)
    return render(request, "messagebox/preferences.html", {"preferences": current, "saved": saved})
