from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from core import audit
from licensing.explain import describe_rule
from licensing.models import (
    ApprovalBody,
    Board,
    CECategory,
    LicenseType,
    Profession,
    RequirementRule,
    UserLicense,
)


@admin.register(RequirementRule)
class RequirementRuleAdmin(admin.ModelAdmin):
    list_display = [
        "rule_id",
        "state",
        "kind",
        "status",
        "as_of",
        "effective_from",
        "edited_in_admin",
    ]
    list_filter = ["status", "kind", "state", "evidence", "edited_in_admin"]
    search_fields = ["rule_id", "note", "source_url", "citation", "admin_note"]
    readonly_fields = ["how_the_tracker_reads_it", "updated_at"]
    fieldsets = [
        (None, {"fields": ["rule_id", "state", "licenses", "kind", "value"]}),
        (
            "Source",
            {
                "fields": [
                    "citation",
                    "source_url",
                    "as_of",
                    "as_of_date",
                    "status",
                    "evidence",
                    "note",
                    "admin_note",
                ]
            },
        ),
        ("Versions", {"fields": ["effective_from", "effective_to", "edited_in_admin"]}),
        ("Interpretation", {"fields": ["how_the_tracker_reads_it", "updated_at"]}),
    ]

    @admin.display(description="How the CE tracker reads it")
    def how_the_tracker_reads_it(self, rule: RequirementRule) -> str:
        if rule.pk is None:
            return "Save the rule to see how the tracker reads it."
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in describe_rule(rule)))

    def save_model(self, request, obj, form, change) -> None:
        # A rule staff corrected must survive the next reload of the researched data file.
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,
            "requirement_rule.changed" if change else "requirement_rule.created",
            obj,
            fields=sorted(form.changed_data),
        )


@admin.register(LicenseType)
class LicenseTypeAdmin(admin.ModelAdmin):
    list_display = ["state", "code", "name", "board", "profession", "acceptance_status"]
    list_filter = ["state", "profession", "acceptance_status"]
    search_fields = ["code", "name"]
    filter_horizontal = ["accepted_bodies", "rules"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["code", "state", "name"]
    list_filter = ["state"]


@admin.register(ApprovalBody)
class ApprovalBodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]


@admin.register(CECategory)
class CECategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]


admin.site.register(Profession)


@admin.register(UserLicense)
class UserLicenseAdmin(admin.ModelAdmin):
    list_display = ["user", "license_type", "number", "expires_on"]
    list_select_related = ["user", "license_type"]
    search_fields = ["user__email", "number"]
    autocomplete_fields = ["user"]
