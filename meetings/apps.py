from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from meetings.providers import PROVIDERS


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # At start-up, for every entry point (web, worker, commands): a misspelt provider must
        # not wait for the first published event to fail.
        if settings.MEETING_PROVIDER not in PROVIDERS:
            names = " or ".join(repr(name) for name in PROVIDERS)
            raise ImproperlyConfigured(
                f"MEETING_PROVIDER must be {names}, not {settings.MEETING_PROVIDER!r}."
            )
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from events import signals
        from meetings import checks, receivers  # noqa: F401  (checks registers the Zoom checks)

        for signal, receiver in (
            (signals.event_published, receivers.on_event_published),
            (signals.event_changed, receivers.on_event_changed),
            (signals.event_cancelled, receivers.on_event_cancelled),
            (signals.registration_activated, receivers.on_registration_activated),
            (signals.registration_cancelled, receivers.on_registration_cancelled),
        ):
            signal.connect(receiver, dispatch_uid=f"meetings.{receiver.__name__}")
