"""Shared set-up for these tests; quick Argon2 hashing comes from tests/hashing.py."""

from tests.hashing import quick_password_hashing  # noqa: F401 - autouse fixture
