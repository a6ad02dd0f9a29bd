from django.urls import path

from api import views
from api.api import api

# No app namespace: ninja names its own ("api-v1"), and its docs page looks that one up
# at the top level.
urlpatterns = [
    path("settings/api-tokens/", views.token_list, name="api_tokens"),
    path("settings/api-tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
    path("api/v1/", api.urls),
    path("api/docs", views.docs, name="api_docs"),
]
