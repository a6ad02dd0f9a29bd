from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from accounts.signals import account_deleting
        from events.services.retention import keep_roster_records

        account_deleting.connect(keep_roster_records, dispatch_uid="events_keep_roster_records")

        from core.next_steps import register
        from events.next_steps import join_steps

        register("events.join_steps", join_steps)
