"""Domain, store, documents and exchange never pull in Qt (ARCHITECTURE habit 1)."""

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
        for package in ("desktop.domain", "desktop.store", "desktop.documents", "desktop.exchange", "desktop.ops"):
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
