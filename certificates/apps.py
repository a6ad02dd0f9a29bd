from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from certificates.receivers import enqueue_certificate_issue
        from evaluations.signals import evaluation_submitted

        evaluation_submitted.connect(
            enqueue_certificate_issue, dispatch_uid="certificates.enqueue_certificate_issue"
        )

        from certificates.next_steps import certificate_links, certificate_steps
        from core.next_steps import register, register_links

        register("certificates.certificate_steps", certificate_steps)
        register_links("certificates.certificate_links", certificate_links)
