"""Argon2 with small costs for the tests: the real parameters take ~100 MiB and a good part of a second per hash."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """The same algorithm and hash format as the site's, with test-sized costs."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


QUICK_HASHERS = ["tests.hashing.QuickArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = QUICK_HASHERS
