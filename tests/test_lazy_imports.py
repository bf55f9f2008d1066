"""Imports stand at the top of a module; the few inside functions are the ones a measured cost justifies.

docs/architecture.md ("Imports inside functions") explains each reason with its measured cost. Read from the
source with ``ast``: an import statement inside a function is allowed only when

- it loads a heavy library (``HEAVY_LIBRARIES``), directly or through a module of the program that imports one at
  its top (found from the top-level import graph), or
- it stands in a module the window loads at start-up (the top-level closure of ``START_UP``) and names a module
  the start-up does not load: pages, dialogs and the command line are built when first used, or
- it stands in one of ``ROUTERS``, whose whole job is to choose what to load, or
- it is guarded (inside ``try``/``if``: an optional or platform-specific module).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_layering import MODULES, _target

# Library → why it is imported where it is used (import time measured with ``python -X importtime``).
HEAVY_LIBRARIES: dict[str, str] = {
    "reportlab": "PDF drawing, 50-60 ms: only documents, certificates and previews",
    "openpyxl": "spreadsheets, about 100 ms: only imports and exports",
    "docx": "python-docx, about 90 ms: only .docx documents",
    "pypdfium2": "PDF to picture for previews, about 80 ms",
    "pypdf": "reading PDFs back (previews, checks), about 110 ms",
    "vietnam_provinces": "the official place list, 60-120 ms: the wizard and the unit page's combos when opened",
    "babel": "reading .po catalogs, about 25 ms: Qt's catalog is compiled once and cached",
    "sqlite_utils": "about 80 ms: Store.db is made on first use",
    "cryptography": "keys and signatures, about 15 ms: packages, QR signatures",
    "PySide6.QtPrintSupport": "printer dialogs, about 100 ms: only when printing",
    "PySide6.QtPdf": "the PDF preview widget",
    "shiboken6": "object lifetime checks in rarely used paths",
}

# Modules that exist to decide what to load: `python -m desktop` (window or command line), the page table
# (each page built when first opened).
ROUTERS = {"desktop.__main__", "desktop.ui.pages"}

# What the window loads to show its first page; its closure over top-level imports is the start-up set.
START_UP = ("desktop.ui.app", "desktop.ui.main_window", "desktop.ui.pages.unit_page")


def _library(name: str) -> str | None:
    return next((lib for lib in HEAVY_LIBRARIES if name == lib or name.startswith(lib + ".")), None)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _names(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]


def _top_level() -> dict[str, tuple[set[str], set[str]]]:
    """Each module's top-level imports: (program modules, libraries)."""
    found = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = _package_of(module, path)
        ours: set[str] = set()
        libraries: set[str] = set()
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in _names(node, package):
                    target = _target(name)
                    if target is not None:
                        ours.add(target)
                    elif _library(name):
                        libraries.add(name)
        found[module] = (ours, libraries)
    return found


TOP = _top_level()


def _closure(roots: tuple[str, ...] | list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(TOP[module][0])
        parts = module.split(".")  # importing a.b.c runs a and a.b first
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in MODULES)
    return seen


def _loads_heavy(module: str) -> str | None:
    for reached in _closure([module]):
        for library in TOP[reached][1]:
            return f"{library} (through {reached})"
    return None


def _function_imports(path: Path) -> list[tuple[int, ast.Import | ast.ImportFrom]]:
    """Import statements standing directly in a function's body (not guarded by try or if)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in function.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def _reason(module: str, names: list[str], start_up: set[str]) -> str | None:
    if module in ROUTERS:
        return "router"
    for name in names:
        library = _library(name)
        if library:
            return library
        target = _target(name)
        if target is not None and (heavy := _loads_heavy(target)):
            return heavy
    targets = {_target(name) for name in names} - {None}
    if module in start_up and targets and not targets <= start_up:
        return "start-up"
    return None


def unjustified_imports() -> list[str]:
    start_up = _closure(list(START_UP))
    found = []
    for module, path in MODULES.items():
        package = _package_of(module, path)
        for line, node in _function_imports(path):
            names = _names(node, package)
            if _reason(module, names, start_up) is None:
                found.append(f"{path.relative_to(path.parents[len(module.split('.')) - 1])}:{line} {ast.unparse(node)}")
    return found


def test_imports_inside_functions_are_the_justified_ones():
    unjustified = unjustified_imports()
    assert not unjustified, "move these imports to the top of their module:\n" + "\n".join(unjustified)


def test_the_start_up_set_is_what_the_window_needs():
    start_up = _closure(list(START_UP))
    assert {"desktop.ui.widgets", "desktop.ops.queries", "desktop.store"} <= start_up
    assert not {"desktop.ui.review.review_area", "desktop.cli", "desktop.documents.certificates.render"} & start_up


def test_the_reasons_are_found():
    assert _loads_heavy("desktop.documents.certificates.render")  # reportlab at its top
    assert _loads_heavy("desktop.domain.text") is None
    start_up = _closure(list(START_UP))
    assert _reason("desktop.ui.main_window", ["desktop.ui.help_dialog"], start_up) == "start-up"
    assert _reason("desktop.ui.review.rounds_widget", ["desktop.ops.review"], start_up) is None
    assert _reason("desktop.ops.staff", ["openpyxl"], start_up) == "openpyxl"
