from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Attendance"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from attendance import receivers
        from events.signals import event_changed, event_published
        from meetings.signals import meeting_ended

        for signal, receiver in (
            (event_published, receivers.on_event_published),
            (event_changed, receivers.on_event_changed),
            (meeting_ended, receivers.on_meeting_ended),
        ):
            signal.connect(receiver, dispatch_uid=f"attendance.{receiver.__name__}")

        from attendance.next_steps import dial_in_steps
        from core.next_steps import register

        register("attendance.dial_in_steps", dial_in_steps)
