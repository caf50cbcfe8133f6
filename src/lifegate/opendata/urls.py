# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from lifegate.opendata import views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/trends", views.trends, name="trends"),
    path("open-data/methodology", views.methodology, name="methodology"),
    path("open-data/datasets/<str:dataset_id>", views.dataset, name="dataset"),
]
