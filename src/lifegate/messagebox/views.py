# SPDX-License-Identifier: EUPL-1.2
"""The citizen's message box pages (portal), calling `services` only."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import structlog
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lifegate.core.problems import ProblemError
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.messagebox import services
from lifegate.messagebox.models import Folder

logger = structlog.get_logger(__name__)
View = Callable[..., HttpResponse]
# What a mandate's scope must cover to read and answer someone's messages (identity/scopes.py).
SERVICE = "messagebox"


@dataclass(frozen=True)
class Visit:
    """Whose box is shown (`viewer.party`), who looks (`viewer.actor`), and on what basis."""

    viewer: services.Viewer
    actor: identity.Actor

    def record(self, action: str, **ids: object) -> None:
        """Keep what was done for someone else under both names (ids only)."""
        if self.actor.for_someone_else:
            identity.record_action(self.actor, f"messagebox.{action}", **ids)


def _covers_message_box(actor: identity.Actor) -> bool:
    """Acting for yourself always; for someone else only when law or the mandate's scope
    covers the message box (checked again on every request)."""
    if not actor.for_someone_else:
        return True
    if actor.actor.kind != "person":
        return False
    me, subject = int(actor.actor.ref), actor.subject
    if subject.kind == "company":
        return identity.may_act_for_company(me, subject.ref, SERVICE).allowed
    if subject.kind == "person":
        return identity.may_act_for_person(me, int(subject.ref), SERVICE).allowed
    return False


def viewer_of(actor: identity.Actor) -> services.Viewer:
    """Whose box the signed-in person looks at: their own, or the one they act for."""
    subject, acting = actor.subject, actor.actor
    return services.Viewer(f"{subject.kind}:{subject.ref}", f"{acting.kind}:{acting.ref}")


def _out_of_scope(request: HttpRequest, actor: identity.Actor) -> HttpResponse:
    context = {"subject": actor.subject.label}
    return render(request, "messagebox/out_of_scope.html", context, status=403)


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = identity.current_actor(request)
        if actor is None:
            return HttpResponseRedirect(session.sign_in_url(request))
        if not _covers_message_box(actor):
            logger.info("messagebox.out_of_scope", basis=actor.basis)
            return _out_of_scope(request, actor)
        try:
            return view(request, Visit(viewer_of(actor), actor), *args, **kwargs)
        except services.MessageNotFoundError as error:
            raise Http404("no such message") from error

    return wrapper


def _language() -> str:
    return get_language() or "nl"


@require_GET
@signed_in
def inbox(request: HttpRequest, visit: Visit) -> HttpResponse:
    folder = request.GET.get("folder", Folder.INBOX)
    query = request.GET.get("q", "")[:100]
    organisation = request.GET.get("organisation", "")[:64]
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    page = services.list_messages(
        visit.viewer.party,
        language=_language(),
        folder=folder,
        query=query,
        organisation=organisation,
        page=page_number,
    )
    visit.record("listed", folder=folder, page=page.page)
    context = {
        "page": page,
        "folder": folder if folder in {"inbox", "archive", "sent"} else "inbox",
        "query": query,
        "organisation": organisation,
    }
    return render(request, "messagebox/inbox.html", context)


@require_GET
@signed_in
def message(request: HttpRequest, visit: Visit, message_id: str) -> HttpResponse:
    view = services.open_message(visit.viewer, str(message_id), _language())
    visit.record("opened", message=message_id)
    return render(request, "messagebox/message.html", {"message": view, "error": ""})


def _back(message_id: str, notice: str = "") -> HttpResponseRedirect:
    url = reverse("messagebox:message", args=[message_id])
    return HttpResponseRedirect(f"{url}?notice={notice}" if notice else url)


@require_POST
@signed_in
def reply(request: HttpRequest, visit: Visit, message_id: str) -> HttpResponse:
    body = request.POST.get("body", "")
    try:
        reply_id = services.reply(visit.viewer, str(message_id), body, _language())
    except ProblemError:
        view = services.open_message(visit.viewer, str(message_id), _language())
        context = {"message": view, "error": "reply"}
        return render(request, "messagebox/message.html", context, status=400)
    visit.record("replied", message=message_id, reply=reply_id)
    return _back(str(message_id), "replied")


@require_POST
@signed_in
def action(request: HttpRequest, visit: Visit, message_id: str, index: int) -> HttpResponse:
    try:
        taken = services.take_action(visit.viewer, str(message_id), index)
    except ProblemError as error:
        raise Http404("no such action") from error
    visit.record("action-taken", message=message_id, action_type=taken.type)
    if taken.type == "reply":
        return HttpResponseRedirect(reverse("messagebox:message", args=[message_id]) + "#reply")
    if taken.url:
        return HttpResponseRedirect(taken.url)
    return _back(str(message_id), "done")


@require_POST
@signed_in
def archive(request: HttpRequest, visit: Visit, message_id: str) -> HttpResponse:
    archived = request.POST.get("archived", "1") == "1"
    services.archive(visit.viewer, str(message_id), archived=archived)
    visit.record("archived" if archived else "unarchived", message=message_id)
    return HttpResponseRedirect(
        reverse("messagebox:inbox") + ("?folder=archive" if archived else "")
    )


@require_GET
@signed_in
def attachment(
    request: HttpRequest, visit: Visit, message_id: str, attachment_id: str
) -> HttpResponse:
    found = services.read_attachment(visit.viewer, str(message_id), str(attachment_id))
    name, content_type, data = found
    visit.record("attachment-downloaded", message=message_id, attachment=attachment_id)
    response = HttpResponse(data, content_type=content_type)
    safe = name.replace('"', "").replace("\r", "").replace("\n", "")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@signed_in
def export(request: HttpRequest, visit: Visit) -> HttpResponse:
    data = services.export_zip(visit.viewer.party, _language())
    visit.record("exported")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="messages.zip"'
    response["Cache-Control"] = "no-store"
    return response


_PHONE = re.compile(r"\+\d{8,15}")


def _chosen_preferences(request: HttpRequest) -> tuple[services.Preferences, str]:
    """The choices posted, and what is wrong with them ("" when nothing is)."""
    try:
        days = int(request.POST.get("reminder_days", "7"))
    except ValueError:
        days = 7
    phone = re.sub(r"[\s()-]", "", request.POST.get("phone", ""))
    problem = ""
    if phone and not _PHONE.fullmatch(phone):
        problem = _(
            "This is not a mobile number. Write it with the country code, for example +31612345678."
        )
    chosen = services.Preferences(
        email=request.POST.get("email", "").strip()[:254],
        language=request.POST.get("language", "nl"),
        notify_by_email=request.POST.get("notify_by_email") == "on",
        reminder_days=days,
        phone=phone[:16],
        notify_by_sms=request.POST.get("notify_by_sms") == "on",
    )
    return chosen, problem


@require_http_methods(["GET", "POST"])
@signed_in
def preferences(request: HttpRequest, visit: Visit) -> HttpResponse:
    saved, problem = False, ""
    current = services.get_preferences(visit.viewer.party)
    if request.method == "POST":
        chosen, problem = _chosen_preferences(request)
        if problem:
            current = chosen  # show what was typed, next to what is wrong with it
        else:
            services.set_preferences(visit.viewer.party, chosen)
            visit.record("preferences-changed")
            current, saved = services.get_preferences(visit.viewer.party), True
    context = {"preferences": current, "saved": saved, "phone_problem": problem}
    return render(request, "messagebox/preferences.html", context, status=400 if problem else 200)
