# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.exchange import views

app_name = "exchange"

urlpatterns = [
    path(_("my-data"), views.data_use, name="data-use"),
    path(_("my-data/consent"), views.consents, name="consent"),
    path(_("evidence"), views.evidence_list, name="evidence"),
    path(_("evidence/<uuid:request_id>"), views.evidence_detail, name="evidence-detail"),
    path(_("evidence/<uuid:request_id>/return"), views.evidence_return, name="evidence-return"),
    path(_("evidence/<uuid:request_id>/pdf"), views.evidence_pdf, name="evidence-pdf"),
]
