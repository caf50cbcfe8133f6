# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.cases import official_views, views

app_name = "cases"

urlpatterns = [
    path(_("life-events"), views.life_events, name="life-events"),
    path(_("life-events/<uuid:journey_id>"), views.journey, name="journey"),
    path(_("life-events/<uuid:journey_id>/consent"), views.consent, name="consent"),
    path(
        _("life-events/<uuid:journey_id>/offers/<uuid:offer_id>/accept"),
        views.accept,
        name="accept",
    ),
    path(
        _("life-events/<uuid:journey_id>/offers/<uuid:offer_id>/decline"),
        views.decline,
        name="decline",
    ),
    path(
        _("life-events/<uuid:journey_id>/offers/<uuid:offer_id>/answers"),
        views.answer,
        name="answer",
    ),
    path(_("life-events/<uuid:journey_id>/apply/<slug:service>"), views.apply, name="apply"),
    path(_("my-cases"), views.my_cases, name="my-cases"),
    path(_("officials/cases"), official_views.work_queue, name="work-queue"),
    path(_("officials/cases/<uuid:case_id>"), official_views.case, name="official-case"),
    path(_("officials/cases/<uuid:case_id>/ask"), official_views.ask, name="ask"),
    path(_("officials/cases/<uuid:case_id>/decide"), official_views.decide, name="decide"),
]
