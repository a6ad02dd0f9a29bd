from django.contrib import admin

from certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: a certificate changes only through a correction (a new version)."""

    list_display = ["number", "version", "status", "user", "event", "issued_at"]
    list_filter = ["status"]
    search_fields = ["number", "verification_code", "user__email", "snapshot__holder_name"]
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
