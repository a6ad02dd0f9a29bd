from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "CE tracker"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from certificates.signals import certificate_issued, certificate_reissued
        from tracker import signals

        certificate_issued.connect(signals.prefill_issued, dispatch_uid="tracker_prefill")
        certificate_reissued.connect(signals.carry_over, dispatch_uid="tracker_carry_over")

        from django.db.models.signals import post_save

        from licensing.models import UserLicense

        post_save.connect(
            signals.prefill_for_new_license, sender=UserLicense, dispatch_uid="tracker_new_license"
        )

        from accounts.signals import account_deleting

        account_deleting.connect(signals.remove_private_files, dispatch_uid="tracker_files")

        from core.next_steps import register
        from tracker.next_steps import assignment_steps

        register("tracker.assignment_steps", assignment_steps)
