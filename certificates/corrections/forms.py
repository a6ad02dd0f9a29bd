"""Forms for name corrections and revocation; the services make the decisions."""

from __future__ import annotations

from django import forms

from certificates.corrections.services import MAX_NAME_LENGTH


class CorrectionRequestForm(forms.Form):
    requested_name = forms.CharField(
        label="Name as it should read",
        max_length=MAX_NAME_LENGTH,
        help_text="Exactly as it should be printed on the certificate.",
    )
    explanation = forms.CharField(
        label="Why the name should change",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a misspelling or a legal name change. Staff read this.",
    )


class CertificateSearchForm(forms.Form):
    q = forms.CharField(label="Number or name", required=False, max_length=200)


class ApproveForm(forms.Form):
    note = forms.CharField(
        label="Note to the attendee",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label="Why it is declined",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The attendee is told.",
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why the certificate is revoked",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The attendee is told; the verification page shows the revocation date.",
    )
    # Set only by the confirmation page's button: the first submission shows what will happen.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class StaffCorrectionForm(forms.Form):
    name = forms.CharField(
        label="Name as it should read",
        max_length=MAX_NAME_LENGTH,
        help_text="Exactly as it should be printed on the certificate.",
    )
    reason = forms.CharField(
        label="Why the name changes",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the audit log and sent to the attendee with the corrected certificate.",
    )
