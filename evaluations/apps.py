from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Evaluations"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from attendance.services.deciding import decisions_changed
        from evaluations import receivers
        from events.signals import event_changed, event_published

        for signal, receiver in (
            (decisions_changed, receivers.enqueue_evaluation_sync),
            (event_published, receivers.on_event_published),
            (event_changed, receivers.on_event_changed),
        ):
            signal.connect(receiver, dispatch_uid=f"evaluations.{receiver.__name__}")

        from core.next_steps import register
        from evaluations.next_steps import evaluation_steps

        register("evaluations.evaluation_steps", evaluation_steps)
