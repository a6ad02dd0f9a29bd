from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # Registers the start-up checks for the Zoom settings.
        from meetings import checks  # noqa: F401
