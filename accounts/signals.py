"""Signals the accounts app sends; apps that keep records about a person listen to them
(accounts is below them and cannot call them)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by accounts.services.delete_account inside its transaction, before the account row is
# deleted (its licenses and other rows still exist), with `user`. Receivers copy what a
# provider must keep off the account, and schedule the removal of the person's files with
# transaction.on_commit. Rows they write that point at `user` are detached like every other.
account_deleting = Signal()
