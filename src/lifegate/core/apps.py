from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lifegate.core"
    label = "core"
    verbose_name = "lifegate platform"
