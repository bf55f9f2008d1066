"""build/windows/tdkt.iss packs exactly the bundle installer.spec lays out — checked without building it.

Building the bundle takes minutes, so here the layout comes from the spec itself: the two programs (``EXE``
names), PyInstaller's ``_internal`` folder and every data file (``DATA_DIRS``). ``make bundle`` runs the same
check (build/windows/installer_files.py) on the real, complete bundle. The tests at the end feed the checker
broken copies of the script, to show it catches what it is for.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import desktop
from tests.test_packaging import DATA_DIRS, shipped_files, spec_constant, spec_tree

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_DIR = ROOT / "build" / "dist" / "TDKT"
DEFINES = {"AppVersion": desktop.__version__}
PYINSTALLER_CONTENTS = "_internal"  # PyInstaller 6's folder for all but the programs, unless an EXE sets another


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    return _load("installer_files", ROOT / "build" / "windows" / "installer_files.py")


def _assigned(name: str | None = None, called: str | None = None) -> list[ast.Assign]:
    """Top-level ``name = …`` (or ``… = called(…)``) statements of installer.spec."""
    return [
        node
        for node in spec_tree().body
        if isinstance(node, ast.Assign)
        and (name is None or getattr(node.targets[0], "id", "") == name)
        and (called is None or (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == called))
    ]


def _exe_calls() -> list[ast.Call]:
    return [node.value for node in _assigned(called="EXE") if isinstance(node.value, ast.Call)]


def spec_layout() -> set[str]:
    """The files installer.spec puts in the bundle that the program needs by name, as on Windows."""
    names = {"APP_NAME": desktop.APP_NAME, "CLI_NAME": spec_constant("CLI_NAME")}
    programs = set()
    for call in _exe_calls():
        keywords = {kw.arg: kw.value for kw in call.keywords}
        assert "contents_directory" not in keywords  # else the folder is not _internal
        name = keywords["name"]
        assert isinstance(name, ast.Name), "EXE names come from APP_NAME and CLI_NAME"
        programs.add(names[name.id] + ".exe")
    data = {
        f"{PYINSTALLER_CONTENTS}/{target}/{name}"
        for source, target in dict(spec_constant("DATA_DIRS")).items()
        for name in shipped_files(ROOT / source)
    }
    return programs | data


def test_the_spec_layout_is_what_the_bundle_script_checks():
    bundle = _load("build_bundle", ROOT / "build" / "build_bundle.py")
    assert bundle.CONTENTS_DIR == PYINSTALLER_CONTENTS and bundle.DIST_DIR / bundle.APP_NAME == BUNDLE_DIR
    assert desktop.APP_NAME == bundle.APP_NAME and spec_constant("CLI_NAME") == bundle.CLI_NAME
    layout = spec_layout()
    assert {"TDKT.exe", "tdkt-cli.exe"} <= layout
    assert f"{PYINSTALLER_CONTENTS}/desktop/resources/fonts/LICENSE-Liberation.txt" in layout
    assert len([name for name in layout if "/desktop/i18n/" in name]) == len(shipped_files(ROOT / "i18n"))
    assert dict(spec_constant("DATA_DIRS")) == DATA_DIRS


def test_the_script_installs_the_whole_bundle_and_names_nothing_outside_it(checker):
    assert checker.check(spec_layout(), bundle_dir=BUNDLE_DIR, defines=DEFINES) == []


def test_the_script_and_the_spec_agree_on_names(checker):
    script = checker.read_script(defines=DEFINES, exists=lambda path: True)
    assert script.defines["AppExe"] == desktop.APP_NAME + ".exe"
    assert script.defines["CliExe"] == spec_constant("CLI_NAME") + ".exe"
    icon = checker.local_path(script.defines["IconFile"])
    [icon_line] = _assigned("icon_file")
    assert ast.unparse(icon_line.value) == "ROOT / 'resources' / 'icons' / 'tdkt.ico'"
    assert icon == ROOT / "resources" / "icons" / "tdkt.ico"
    assert script.setup["SetupIconFile"] == script.defines["IconFile"]  # used only when the file exists
    delete = [entry["name"] for entry in script.entries["installdelete"]]
    assert delete == ["{app}\\" + PYINSTALLER_CONTENTS]  # an upgrade replaces the library folder wholesale


def test_without_a_version_or_a_bundle_the_script_stops(checker):
    [problem] = checker.check(spec_layout(), bundle_dir=BUNDLE_DIR, defines={})
    assert problem.startswith("#error Pass the program version")
    [problem] = checker.check(spec_layout() - {"TDKT.exe"}, bundle_dir=BUNDLE_DIR, defines=DEFINES)
    assert problem.startswith("#error The bundle is missing")


# -- broken copies of the script ----------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    """A copy of the script with ``old`` replaced, in the same place relative to its bundle."""
    text = (ROOT / "build" / "windows" / "tdkt.iss").read_text(encoding="utf-8-sig")
    assert old in text
    iss = tmp_path / "build" / "windows" / "tdkt.iss"
    iss.parent.mkdir(parents=True)
    iss.write_text(text.replace(old, new), encoding="utf-8-sig")
    return iss, tmp_path / "build" / "dist" / "TDKT"


FILES_LINE = 'Source: "{#BundleDir}\\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs'


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (FILES_LINE, FILES_LINE + '; Excludes: "*.dll"', "not installed: _internal/python311.dll"),
        (FILES_LINE, FILES_LINE.replace(" recursesubdirs", ""), "not installed: _internal/desktop/resources/"),
        (FILES_LINE, FILES_LINE.replace("\\*", "\\*.exe"), "not installed: _internal/python311.dll"),
        (FILES_LINE, FILES_LINE.replace('"{app}"', '"{app}\\bin"'), "{app}\\TDKT.exe is named in the script but"),
        ('#define AppExe "TDKT.exe"', '#define AppExe "TDKT2.exe"', "{app}\\TDKT2.exe is named in the script but"),
        ('Name: "{app}\\_internal"', 'Name: "{app}\\lib"', "{app}\\lib is named in the script but not installed"),
        ("UsePreviousPrivileges=yes", "UsePreviousPrivileges=yes\nLicenseFile=..\\..\\LICENSE.txt", "LicenseFile="),
        (FILES_LINE, FILES_LINE + '\nSource: "..\\..\\LICENSE.txt"; DestDir: "{app}"', "LICENSE.txt does not exist"),
        ('"..\\dist\\TDKT"', '"..\\dist\\TDKT-old"', "#error The bundle is missing"),
    ],
)
def test_the_check_catches_a_broken_script(checker, tmp_path, old, new, expected):
    iss, bundle_dir = _broken(tmp_path, old, new)
    layout = spec_layout() | {"_internal/python311.dll"}
    problems = checker.check(layout, bundle_dir=bundle_dir, defines=DEFINES, iss_path=iss)
    assert any(expected in problem for problem in problems), problems


def test_an_unknown_construct_is_refused_rather_than_passed(checker, tmp_path):
    iss, bundle_dir = _broken(tmp_path, "#ifndef BundleDir", '#include "other.iss"\n#ifndef BundleDir')
    with pytest.raises(checker.IssError, match="include"):
        checker.check(spec_layout(), bundle_dir=bundle_dir, defines=DEFINES, iss_path=iss)


def test_the_bundle_listing_names_the_programs_as_on_windows(tmp_path):
    bundle = _load("build_bundle", ROOT / "build" / "build_bundle.py")
    (tmp_path / "_internal" / "desktop").mkdir(parents=True)
    for name in ("TDKT", "tdkt-cli", "_internal/desktop/x.txt"):
        (tmp_path / name).write_bytes(b"")
    listed = bundle.bundle_listing(tmp_path, windows=False)
    assert listed == {"TDKT.exe", "tdkt-cli.exe", "_internal/desktop/x.txt"}
