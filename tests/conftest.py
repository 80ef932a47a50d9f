"""Shared test set-up: every test run gets its own archive home, removed when the run ends."""

import atexit
import os
import shutil
import tempfile

# Settings read MORGUE_HOME at import time; give the test run a private home
# before Django is configured by pytest-django.
if "MORGUE_HOME" not in os.environ:
    _home = tempfile.mkdtemp(prefix="morgue-test-home-")
    os.environ["MORGUE_HOME"] = _home
    atexit.register(shutil.rmtree, _home, ignore_errors=True)
