from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"

    def ready(self) -> None:
        from certificates.signals import enqueue_certificate_issue
        from evaluations.signals import evaluation_submitted

        evaluation_submitted.connect(
            enqueue_certificate_issue, dispatch_uid="certificates.enqueue_certificate_issue"
        )
