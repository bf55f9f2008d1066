"""The two ways an operation can end without doing its work: refused, or stopped by the user.

- :class:`OperationError` — refused, with ONE message the clerk can act on (``str(error)``, Vietnamese). The
  base of the operations' own refusals.
- :class:`Cancelled` — the user stopped it; nothing was written. Not an error: the window shows no error box and
  the command line exits quietly. Every "stopped by the user" exception of ops and of the window subclasses it.

Anything else escaping an operation is a bug and is shown as unexpected.

The layers below ops (domain, store, documents, exchange) cannot import this module, so their own refusals keep
their classes, messages and fields (``ValidationError.field``, ``PackageError.code``, ``RulePackError.problems``)
and are recognised here by ONE mapping, :data:`REFUSALS` (and :data:`CANCELS` for the one cancel exception below
ops). The mapping names classes by module, and looks only at modules already imported: an exception of a class
whose module was never imported cannot exist, so checking costs no import (reportlab stays unloaded until a
certificate is drawn). ``tests/ops/test_errors.py`` checks every name still points at a class.
"""

from __future__ import annotations

import sys


class OperationError(Exception):
    """An operation refused what it was asked; ``str(error)`` says why, in words the clerk can act on."""


class Cancelled(Exception):
    """The user stopped the operation before it finished; nothing was written. Not an error."""


# Refusals defined below ops: (module, class). StoreError covers ValidationError, NotFoundError, DocumentError,
# SpreadsheetError and BackupError, which subclass it.
REFUSALS: tuple[tuple[str, str], ...] = (
    ("desktop.store.errors", "StoreError"),
    ("desktop.exchange.format", "PackageError"),
    ("desktop.domain.rules.pack", "RulePackError"),
    ("desktop.domain.dates", "DateError"),
    ("desktop.domain.ballot", "BallotError"),
    ("desktop.domain.scoring", "ScoringError"),
    ("desktop.domain.signing", "SigningError"),
)
# "Stopped by the user" below ops: the certificate renderer's.
CANCELS: tuple[tuple[str, str], ...] = (("desktop.documents.certificates.render", "RenderCancelled"),)


def _loaded(names: tuple[tuple[str, str], ...]) -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = []
    for module_name, class_name in names:
        module = sys.modules.get(module_name)
        cls = getattr(module, class_name, None) if module is not None else None
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found.append(cls)
    return tuple(found)


def refusal_types() -> tuple[type[BaseException], ...]:
    """The classes of every refusal (for ``except refusal_types():``): OperationError and the mapped ones."""
    return (OperationError, *_loaded(REFUSALS))


def cancel_types() -> tuple[type[BaseException], ...]:
    """The classes of every "stopped by the user" exception: Cancelled and the mapped ones."""
    return (Cancelled, *_loaded(CANCELS))


def is_refusal(error: BaseException) -> bool:
    """True for a refusal the clerk can act on (its message is shown as it is), False for a bug."""
    return isinstance(error, refusal_types())


def is_cancelled(error: BaseException) -> bool:
    return isinstance(error, cancel_types())


def error_message(error: BaseException) -> str:
    """The one message to show: the error's own text (never empty)."""
    return str(error) or error.__class__.__name__


__all__ = [
    "CANCELS",
    "REFUSALS",
    "Cancelled",
    "OperationError",
    "cancel_types",
    "error_message",
    "is_cancelled",
    "is_refusal",
    "refusal_types",
]
