from django.contrib import admin

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
    list_display = ["rule_id", "state", "kind", "status", "evidence", "as_of"]
    list_filter = ["status", "kind", "state", "evidence"]
    search_fields = ["rule_id", "note", "source_url"]


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
