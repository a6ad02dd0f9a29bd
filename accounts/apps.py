from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django can only
        # load once every app is registered.
        from accounts.invitations import connect_signals
        from accounts.roles import ensure_roles

        # Permissions exist only after post_migrate has created them, so roles follow it.
        post_migrate.connect(ensure_roles, dispatch_uid="accounts.ensure_roles")
        # Invited people prove their address by following the set-password link.
        connect_signals()
