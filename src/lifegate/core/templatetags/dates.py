# SPDX-License-Identifier: EUPL-1.2
"""`{% load dates %}` then `{{ value|full_date }}`: see lifegate.core.dates."""

from __future__ import annotations

from django import template

from lifegate.core.dates import full_date

register = template.Library()
register.filter("full_date", full_date)
