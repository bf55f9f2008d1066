"""Errors the store raises, each with a message the clerk can act on (Vietnamese by default)."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every database problem shown to the user."""


class SchemaTooNewError(StoreError):
    """The file was written by a newer version of the program; opening it could damage it."""


class DatabaseUnavailableError(StoreError):
    """The file cannot be opened, is locked by another program, or is not a database."""


class NotFoundError(StoreError):
    """A record the operation refers to does not exist."""


class ValidationError(StoreError):
    """Input that cannot be saved; ``field`` names the offending field for the form beside it, ``row`` the id of
    the listed record it is about (a nomination in a list of them), so a window can mark that row."""

    def __init__(self, message: str, field: str | None = None, *, row: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.row = row
