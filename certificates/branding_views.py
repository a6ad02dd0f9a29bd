"""Staff: the logo and signatory that new certificates carry."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.models import User
from certificates.images import store_image
from certificates.models import Branding
from core import audit
from core.images import ImageTooLarge, identify
from core.permissions import permission_required

MAX_IMAGE_BYTES = 2 * 1024 * 1024
ACCEPTED = {"PNG": "image/png", "JPEG": "image/jpeg"}


class ImageUpload(forms.ImageField):
    """PNG or JPEG up to 2 MB, checked by its content (Pillow), not by its name."""

    def to_python(self, data):
        # Before Django's own check, which would call an enormous image merely "not valid"
        # (or accept one Pillow only warns about, to be decoded into every certificate).
        if data is not None and hasattr(data, "read"):
            if (data.size or 0) > MAX_IMAGE_BYTES:
                raise forms.ValidationError("The image must be 2 MB or smaller.")
            data.seek(0)
            try:
                identify(data.read())
            except ImageTooLarge as exc:
                raise forms.ValidationError(exc.message, code="image_too_large") from None
            finally:
                data.seek(0)
        return super().to_python(data)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if (
            upload
            and upload is not initial
            and (getattr(upload, "image", None) is None or upload.image.format not in ACCEPTED)
        ):
            raise forms.ValidationError("Upload a PNG or JPEG image.")
        return upload


class BrandingForm(forms.Form):
    logo = ImageUpload(label="Provider logo", required=False, help_text="PNG or JPEG, up to 2 MB.")
    signature = ImageUpload(
        label="Signature", required=False, help_text="A scan of the signatory's signature."
    )
    signatory_name = forms.CharField(label="Signatory name", max_length=150, required=False)
    signatory_title = forms.CharField(label="Signatory title", max_length=200, required=False)


@transaction.atomic
def update_branding(actor: User, data: dict) -> Branding:
    branding = Branding.current()
    changed = []
    for role in ("logo", "signature"):
        upload = data.get(role)
        if upload:
            content = upload.read()
            image = store_image(content, ACCEPTED[upload.image.format])
            setattr(branding, role, image)
            changed.append(role)
    for field in ("signatory_name", "signatory_title"):
        if data[field] != getattr(branding, field):
            setattr(branding, field, data[field])
            changed.append(field)
    branding.save()
    audit.record(actor, "certificate.branding_updated", branding, changed=changed)
    return branding


@permission_required("certificates.manage_certificates")
def branding_page(request: HttpRequest) -> HttpResponse:
    branding = Branding.current()
    initial = {
        "signatory_name": branding.signatory_name,
        "signatory_title": branding.signatory_title,
    }
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_branding(request.user, form.cleaned_data)
        messages.success(request, "Saved. Certificates issued from now on carry this branding.")
        return redirect("certificate_corrections:branding")
    return render(request, "certificates/branding.html", {"form": form, "branding": branding})
