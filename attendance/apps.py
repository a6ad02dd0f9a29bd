from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Attendance"

    def ready(self) -> None:
        from attendance.signals import decide_again_when_credit_terms_change
        from events.signals import credit_terms_changed

        credit_terms_changed.connect(
            decide_again_when_credit_terms_change, dispatch_uid="attendance.decide_again"
        )
