from django.urls import include, path

from evaluations import views
from evaluations.staff.urls import urlpatterns as staff_urlpatterns

# Included by fullcredit/urls.py at the root: the attendee's pages live in the CE Wallet, the
# staff pages beside the staff event pages.
app_name = "evaluations"
urlpatterns = [
    path("wallet/evaluations/", views.evaluation_list, name="list"),
    path("wallet/evaluations/<int:pk>/", views.evaluation_detail, name="detail"),
    path("wallet/evaluations/<int:pk>/submit/", views.evaluation_submit, name="submit"),
    path("staff/", include(staff_urlpatterns)),
]
