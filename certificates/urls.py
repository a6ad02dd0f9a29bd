from django.urls import path

from certificates import views

# Included by fullcredit/urls.py at the root: the attendee's pages live in the CE Wallet, the
# verification pages at short public addresses printed on every certificate.
app_name = "certificates"
urlpatterns = [
    path("wallet/certificates/", views.certificate_list, name="list"),
    path("wallet/certificates/<str:number>/", views.certificate_detail, name="detail"),
    path("wallet/certificates/<str:number>/pdf", views.certificate_pdf, name="pdf"),
    path(
        "wallet/certificates/<str:number>/print.pdf",
        views.certificate_print,
        name="print_pdf",
    ),
    path("verify/", views.lookup, name="lookup"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
