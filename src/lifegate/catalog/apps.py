from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "lifegate.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
