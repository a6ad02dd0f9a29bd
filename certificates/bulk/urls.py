from django.urls import path

from certificates.bulk import views

# Included at the site root before certificates.urls, whose "<number>/" would otherwise match.
app_name = "certificate_bulk"
urlpatterns = [
    path("wallet/certificates/download.zip", views.download_zip, name="zip"),
    path("wallet/certificates/transcript/", views.transcript_form, name="transcript"),
    path("wallet/certificates/transcript.pdf", views.transcript_pdf, name="transcript_pdf"),
    path("wallet/certificates/transcript.csv", views.transcript_csv, name="transcript_csv"),
    path("wallet/certificates/<str:number>/print/", views.certificate_print, name="print"),
]
