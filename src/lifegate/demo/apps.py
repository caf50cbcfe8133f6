from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lifegate.demo"
    label = "demo"
    verbose_name = "Demo population"
