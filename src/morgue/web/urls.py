"""The reading site's URLs."""

from django.urls import path

from morgue.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("article/<int:pk>/", views.article, name="article"),
    path("article/<int:pk>/original", views.original, name="original"),
    path("section/<str:name>/", views.section, name="section"),
]
