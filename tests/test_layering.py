"""Files, domain, store, documents and exchange never pull in Qt (ARCHITECTURE habit 1)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_packages_import_without_qt():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
                    raise ImportError("Qt is not allowed here: " + name)
                return None

        sys.meta_path.insert(0, BlockQt())
        import desktop
        for package in ("desktop.files", "desktop.domain", "desktop.store", "desktop.documents",
                        "desktop.exchange", "desktop.ops"):
            module = importlib.import_module(package)
            for info in pkgutil.walk_packages(module.__path__, package + "."):
                importlib.import_module(info.name)
        importlib.import_module("desktop.cli")
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_files_sits_below_every_other_layer():
    """desktop.files is used by store, documents, exchange and ops alike, so it imports none of them."""
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import desktop.files
        for info in pkgutil.walk_packages(desktop.files.__path__, "desktop.files."):
            importlib.import_module(info.name)
        loaded = sorted(m for m in sys.modules if m.startswith("desktop."))
        allowed = {"desktop.i18n", "desktop.paths"}
        print([m for m in loaded if not m.startswith("desktop.files") and m not in allowed])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
