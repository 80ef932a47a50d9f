"""The named errors of morgue, translated at the edges (CLI, API, site)."""


class MorgueError(Exception):
    """Base of every error morgue raises on purpose."""


class ConfigurationError(MorgueError):
    """The archive home, database or settings are unusable; the message says what to do."""


class SourceError(MorgueError):
    """A source (file, container, record) could not be read.

    ``reason`` is a short stable code ("empty", "corrupt-gzip", ...) that is
    counted in summaries; the message is the plain-words explanation.
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class ExtractionError(MorgueError):
    """A raw document holds no article we can extract (e.g. HTML with no text)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class IntegrityError(MorgueError):
    """An original or a revision chain is not what the archive recorded."""
