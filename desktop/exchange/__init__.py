"""Packages sent up to the province and received from it: format, keys, signing, encryption, import.

Never imports Qt. The format is described in docs/package-format.md; the public API:

- :mod:`desktop.exchange.reader` — ``read_package(path, keyring, own_code=...)`` verifies everything first;
- :mod:`desktop.exchange.importer` — ``plan_import(store, package)`` (dry run), ``apply_import(store, plan)``;
- :mod:`desktop.exchange.exporter` — ``export_package(store, kind=, year=, out=, encrypt_to=)``;
- :mod:`desktop.exchange.province` — province mode: ``consolidated``, ``import_folder``, ``record_decision``.
"""

from desktop.exchange.format import EXTENSION, FORMAT_VERSION, KINDS, PackageError

__all__ = ["EXTENSION", "FORMAT_VERSION", "KINDS", "PackageError"]
