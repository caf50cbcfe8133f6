# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.messagebox import views

app_name = "messagebox"

urlpatterns = [
    path(_("messages"), views.inbox, name="inbox"),
    path(_("messages/export"), views.export, name="export"),
    path(_("messages/notifications"), views.preferences, name="preferences"),
    path(_("messages/<uuid:message_id>"), views.message, name="message"),
    path(_("messages/<uuid:message_id>/reply"), views.reply, name="reply"),
    path(_("messages/<uuid:message_id>/archive"), views.archive, name="archive"),
    path(_("messages/<uuid:message_id>/actions/<int:index>"), views.action, name="action"),
    path(
        _("messages/<uuid:message_id>/attachments/<uuid:attachment_id>"),
        views.attachment,
        name="attachment",
    ),
]
