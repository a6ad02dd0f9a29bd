from core import audit
from core.models import AuditEntry


def test_an_audit_entry_keeps_reading_correctly_after_the_actor_is_deleted(dana):
    entry = audit.record(dana, "license.added", dana, reason="testing", number="123")
    dana.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "dana@example.com"
    assert entry.target_label == "Dana Whitfield"
    assert entry.data == {"number": "123"}


def test_system_actions_are_attributed_to_the_system(db):
    entry = audit.record(None, "catalog.loaded")
    assert AuditEntry.objects.get(pk=entry.pk).actor_label == "system"
