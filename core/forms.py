"""How every form on the site renders: labels without colons, help and errors tied to their
input for screen readers (aria-describedby, aria-invalid), optional fields marked as such."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form_fields.html"
