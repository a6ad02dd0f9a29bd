from django.urls import path

from licensing import views

app_name = "licensing"
urlpatterns = [
    path("", views.license_list, name="list"),
    path("add/", views.license_add, name="add"),
    path("<int:pk>/edit/", views.license_edit, name="edit"),
    path("<int:pk>/remove/", views.license_delete, name="delete"),
]

staff_urlpatterns = [
    path("license-catalog/", views.catalog, name="license_catalog"),
]
