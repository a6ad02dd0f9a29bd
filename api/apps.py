from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        from accounts.invitations import connect_signals

        # Invited people prove their address by following the set-password link; the signal
        # that marks it verified must be connected before any such link is used.
        connect_signals()
