"""Accounts: free sign-up, sign-in (rate-limited), password reset, profiles, bookmarks, saved searches and roles."""
