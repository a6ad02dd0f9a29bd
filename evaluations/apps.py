from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Evaluations"

    def ready(self) -> None:
        from attendance.services.deciding import decisions_changed
        from evaluations.signals import enqueue_evaluation_sync

        decisions_changed.connect(
            enqueue_evaluation_sync, dispatch_uid="evaluations.enqueue_evaluation_sync"
        )
