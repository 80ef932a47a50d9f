"""The embedded Django project's URLs: the reading site at the root, accounts, the editors' desk, the admin."""

from django.contrib import admin
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path

urlpatterns = [
    path("account/", include("morgue.accounts.urls")),
    path("desk/", include("morgue.desk.urls")),
    path("admin/", admin.site.urls),
    # The admin's own CSS and scripts, found in the installed apps: there is no
    # collectstatic step in an embedded project, and the files are few.
    re_path(r"^static/(?P<path>.*)$", serve_static, {"insecure": True}),
    path("", include("morgue.web.urls")),
]
