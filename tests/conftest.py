"""Shared test set-up: every test run gets its own archive home."""

import os
import tempfile

# Settings read MORGUE_HOME at import time; give the test run a private home
# before Django is configured by pytest-django.
os.environ.setdefault("MORGUE_HOME", tempfile.mkdtemp(prefix="morgue-test-home-"))
