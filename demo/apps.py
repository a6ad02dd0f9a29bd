from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`. Sits on top of every other app and may use them all."""

    name = "demo"
    verbose_name = "Demo data"
