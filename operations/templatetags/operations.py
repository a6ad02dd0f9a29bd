from django import template

from operations.machinery import problem_count
from operations.models import WorkAlert

register = template.Library()


@register.simple_tag
def background_problem_count() -> int:
    return problem_count()


@register.simple_tag
def open_work_alert() -> WorkAlert | None:
    return WorkAlert.objects.filter(is_open=True).first()
