"""The accounts' URLs, under /account/."""

from django.urls import path

import morgue.web.converters  # noqa: F401 - registers the bounded <id:>, <year:> and <md:> converters

from morgue.accounts import views

urlpatterns = [
    path("", views.profile, name="profile"),
    path("sign-up/", views.signup, name="signup"),
    path("sign-in/", views.SignInView.as_view(), name="signin"),
    path("sign-out/", views.signout, name="signout"),
    path("password/", views.password_change, name="password_change"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("bookmarks/", views.add_bookmark, name="bookmark_add"),
    path("bookmarks/<id:pk>/remove/", views.remove_bookmark, name="bookmark_remove"),
    path("searches/", views.save_search, name="search_save"),
    path("searches/<id:pk>/remove/", views.remove_search, name="search_remove"),
]
