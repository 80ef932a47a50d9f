"""The embedded Django project's URLs."""

from django.urls import include, path

urlpatterns = [
    path("", include("morgue.web.urls")),
]
