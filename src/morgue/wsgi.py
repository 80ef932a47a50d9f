"""WSGI entry point: ``waitress-serve morgue.wsgi:application`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "morgue.settings")
application = get_wsgi_application()
