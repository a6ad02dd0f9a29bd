from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from evaluations.models import (
    Answer,
    Evaluation,
    EvaluationTemplate,
    EventEvaluation,
    ReminderLog,
    TemplateQuestion,
)


class TemplateQuestionInline(admin.TabularInline):
    model = TemplateQuestion
    extra = 0
    fields = ["position", "code", "kind", "text", "required", "repeat", "choices"]


@admin.register(EvaluationTemplate)
class EvaluationTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "updated_at"]
    inlines = [TemplateQuestionInline]


@admin.register(EventEvaluation)
class EventEvaluationAdmin(admin.ModelAdmin):
    list_display = ["event", "template", "deadline_days"]
    list_select_related = ["event", "template"]
    raw_id_fields = ["event"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Evaluations change only through their services (issue, withdraw, submit, reopen), which
    keep the emails, reminders and audit log in step; the admin only shows them."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["key", "code", "presenter_name", "rating", "choices", "text"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["event", "registration", "status", "issued_at", "deadline", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["event", "registration"]
    search_fields = ["registration__name", "registration__email", "event__title"]
    inlines = [AnswerInline]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "kind", "deadline", "sent_at"]
