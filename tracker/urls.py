from django.urls import path

from tracker import assign_views, outside_views, views

# Included at wallet/tracker/ (the CE Wallet).
app_name = "tracker"
urlpatterns = [
    path("", views.index, name="index"),
    path(
        "certificates/<str:number>/assign/",
        assign_views.assign_certificate_view,
        name="assign_certificate",
    ),
    path("outside/", outside_views.outside_list, name="outside_list"),
    path("outside/add/", outside_views.outside_add, name="outside_add"),
    path("outside/<int:pk>/edit/", outside_views.outside_edit, name="outside_edit"),
    path("outside/<int:pk>/delete/", outside_views.outside_delete, name="outside_delete"),
    path("outside/<int:pk>/assign/", assign_views.assign_outside_view, name="assign_outside"),
    path("outside/<int:pk>/file", outside_views.outside_file, name="outside_file"),
    path("licenses/<int:pk>/audit-pack.zip", views.audit_pack, name="audit_pack"),
]
