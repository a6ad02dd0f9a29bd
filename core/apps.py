from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the email task's retry policy in every process, the sweeper's included.
        from core import outgoing  # noqa: F401
