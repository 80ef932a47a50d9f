"""The errors the search stage raises on purpose, all MorgueErrors."""

from morgue.errors import MorgueError


class QueryError(MorgueError):
    """The search text asks for something that cannot be understood; the message says what."""


class SearchIndexError(MorgueError):
    """The search index cannot be opened, written or read; the message says what to do."""


class IndexLockedError(SearchIndexError):
    """Another process is already writing this index (one writer at a time)."""


class IndexVersionError(SearchIndexError):
    """The index was built by another version of morgue, with other fields: it must be built again from the archive."""
