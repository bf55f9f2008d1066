"""The layers of the program, read from the source with ``ast`` (imports inside functions count too).

- Domain, store, documents and exchange never pull in Qt (docs/architecture.md, "The layers").
- The layers stand in this order, and a module imports only from its own layer or below:
  the base (``desktop``, ``desktop.paths``, ``desktop.i18n``, ``desktop.files``) → domain → store →
  documents / exchange → ops → ui / cli (and ``python -m desktop``).
- No module imports itself back through others: there is no import circle among the program's modules, nor
  between its packages.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop"

# Lowest first. A module belongs to the layer of the longest prefix that names it.
LAYERS: dict[str, int] = {
    "desktop": 0,
    "desktop.paths": 0,
    "desktop.i18n": 0,
    "desktop.files": 0,
    "desktop.domain": 1,
    "desktop.store": 2,
    "desktop.documents": 3,
    "desktop.exchange": 3,
    "desktop.ops": 4,
    "desktop.ui": 5,
    "desktop.cli": 5,
    "desktop.__main__": 5,
}
LAYER_NAMES = {0: "base", 1: "domain", 2: "store", 3: "documents / exchange", 4: "ops", 5: "ui / cli"}

# No circle is allowed: the window's last one (app → main_window → pages → backup_page → app) went with
# MainWindow.reopen() and its ``replaced`` signal.
ALLOWED_CIRCLES: list[set[str]] = []


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str | None:
    """The program's module an import names (the longest one that exists), or None for a library."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    """The program's modules that ``module`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from package import submodule`` imports the submodule; ``from package import name``, the package
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for name in names:
            target = _target(name)
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _layer(module: str) -> int:
    prefix = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[prefix]


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan), each a set of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


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


def test_the_import_reader_sees_what_it_must():
    """The checks below are only as good as the reader: imports inside functions and ``from x import module``."""
    assert "desktop.store.migrations" in GRAPH["desktop.store.backup"]  # from desktop.store import migrations
    assert "desktop.store" in GRAPH["desktop.ops.review.rounds"]  # from desktop.store import Store, …
    assert "desktop.ui.app" in GRAPH["desktop.__main__"]  # inside gui_main()
    assert _layer("desktop.ops.review.rounds") == 4 and _layer("desktop.i18n") == 0 and _layer("desktop.cli") == 5


def test_each_layer_imports_only_its_own_layer_or_below():
    wrong = [
        f"{module} ({LAYER_NAMES[_layer(module)]}) imports {target} ({LAYER_NAMES[_layer(target)]})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert not wrong, "imports against the order base → domain → store → documents / exchange → ops → ui / cli:\n" + (
        "\n".join(wrong)
    )


def test_no_import_circle():
    circles = [circle for circle in _circles(GRAPH) if circle not in ALLOWED_CIRCLES]
    assert not circles, "modules that import each other in a circle:\n" + "\n".join(
        " ↔ ".join(sorted(circle)) for circle in circles
    )


def test_no_circle_between_packages():
    """Neither do the packages (desktop.documents and desktop.exchange share a layer: one way only)."""

    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    graph: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        graph.setdefault(package(module), set()).update(package(t) for t in targets if package(t) != package(module))
    for targets in list(graph.values()):
        for target in targets:
            graph.setdefault(target, set())
    assert not _circles(graph), _circles(graph)


def test_the_circle_checker_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _circles({"a": {"b"}, "b": set()}) == []


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


def test_no_source_file_over_a_thousand_lines():
    """A newcomer reads a module whole: none of ``desktop/`` grows past 1,000 lines (docs/architecture.md, "Before
    and after the reshaping"); a bigger one is split by subject, as staff_import.py / staff_import_table.py."""
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "desktop").rglob("*.py")
    }
    assert sizes and not {name: n for name, n in sizes.items() if n > 1000}
