# SPDX-License-Identifier: EUPL-1.2
"""Officials' views: the questions citizens asked (aggregated), synonyms, evaluation runs."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from lifegate.assistant import services
from lifegate.assistant.models import EvaluationRun, QueryStat, Synonym


class SynonymForm(forms.ModelForm[Synonym]):
    class Meta:
        model = Synonym
        fields = ("target", "language", "phrase")

    def clean_target(self) -> str:
        target = str(self.cleaned_data["target"]).strip()
        if target not in services.known_ids():
            raise forms.ValidationError(_("The catalog has no life event or service with this id."))
        return target


@admin.register(QueryStat)
class QueryStatAdmin(admin.ModelAdmin[QueryStat]):
    list_display = ("query", "language", "searches", "unanswered", "not_meant", "last_seen")
    list_filter = ("language",)
    search_fields = ("query",)
    readonly_fields = (
        "query",
        "language",
        "searches",
        "unanswered",
        "not_meant",
        "not_meant_targets",
        "last_seen",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # counted from searches only


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin[Synonym]):
    form = SynonymForm
    list_display = ("phrase", "target", "language", "added_on")
    list_filter = ("language",)
    search_fields = ("phrase", "target")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin[EvaluationRun]):
    list_display = ("created_at", "model", "cases", "meets_targets")
    readonly_fields = ("created_at", "model", "cases", "scores", "meets_targets")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
