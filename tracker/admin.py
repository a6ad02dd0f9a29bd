from django.contrib import admin

from tracker.models import CreditAssignment, OutsideCredit


class AssignmentInline(admin.TabularInline):
    model = CreditAssignment
    fk_name = "outside_credit"
    extra = 0
    raw_id_fields = ["user_license"]


@admin.register(OutsideCredit)
class OutsideCreditAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "provider", "completed_on", "hours", "format"]
    list_filter = ["format"]
    search_fields = ["title", "provider", "user__email"]
    raw_id_fields = ["user"]
    # The file is replaced only through the attendee's own form, which checks its content.
    readonly_fields = ["file", "original_filename", "content_type", "size"]
    inlines = [AssignmentInline]
