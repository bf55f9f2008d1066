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


def test_the_window_changes_and_reads_data_only_through_ops():
    """desktop/ui imports nothing of desktop.store but its error types and runs no SQL: every write is an operation
    of desktop.ops (one named transaction) and every read goes through ops or its query modules."""
    import ast
    import re
    from pathlib import Path

    allowed_names = {"StoreError", "ValidationError", "NotFoundError", "DatabaseUnavailableError", "SchemaTooNewError"}
    sql_methods = {"execute", "executemany", "executescript", "query", "query_one", "scalar", "insert", "update"}
    sql_text = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)\s")

    def dotted(node: ast.AST) -> str:
        if isinstance(node, ast.Attribute):
            return f"{dotted(node.value)}.{node.attr}"
        if isinstance(node, ast.Name):
            return node.id
        return ""

    ui = Path(__file__).resolve().parents[1] / "desktop" / "ui"
    problems: list[str] = []
    for path in sorted(ui.rglob("*.py")):
        where = path.relative_to(ui.parent.parent)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                store_imports = [a.name for a in node.names if a.name.startswith("desktop.store")]
                problems += [f"{where}:{node.lineno} import {name}" for name in store_imports]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = {a.name for a in node.names}
                if node.module == "desktop" and "store" in names:
                    problems.append(f"{where}:{node.lineno} from desktop import store")
                elif node.module == "desktop.store" and not names <= allowed_names:
                    problems.append(f"{where}:{node.lineno} from desktop.store import {', '.join(sorted(names))}")
                elif node.module.startswith("desktop.store.") and node.module != "desktop.store.errors":
                    problems.append(f"{where}:{node.lineno} from {node.module} import …")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = dotted(node.func.value).rsplit(".", 1)[-1].lower()
                if ("store" in receiver or "conn" in receiver) and node.func.attr in sql_methods | {"transaction"}:
                    problems.append(f"{where}:{node.lineno} {dotted(node.func)}(…)")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and sql_text.match(node.value):
                problems.append(f"{where}:{node.lineno} SQL text {node.value[:40]!r}")
    assert not problems, "the window reaches the database outside desktop.ops:\n" + "\n".join(problems)
