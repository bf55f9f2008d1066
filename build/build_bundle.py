"""Build the one-folder bundle with installer.spec, then prove it works before anyone ships it.

Checks, in order: every file of resources/ and i18n/ is in the bundle where desktop/paths.py looks for it,
the Inno Setup script build/windows/tdkt.iss installs every file of the bundle and names no file outside it,
``tdkt-cli --version`` (and ``TDKT --version`` where the window program has a console) prints the version,
and ``--self-check`` opens the main window offscreen on a temporary database. Prints the build time and the
bundle size; exits non-zero when anything fails.

Usage: ``python build/build_bundle.py [--clean] [--no-build]`` (``make bundle`` runs it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer.spec"
WORK_DIR = ROOT / "build" / "work"
DIST_DIR = ROOT / "build" / "dist"
APP_NAME = "TDKT"
CLI_NAME = "tdkt-cli"
CONTENTS_DIR = "_internal"  # PyInstaller 6's default folder for everything but the executables
DATA_DIRS = {"resources": "desktop/resources", "i18n": "desktop/i18n"}
SKIPPED_PARTS = {"__pycache__", ".DS_Store", "Thumbs.db", ".pytest_cache"}
SKIPPED_SUFFIXES = {".pyc", ".pyo", ".swp", ".tmp", ".bak"}
RUN_TIMEOUT = 120


class BundleError(Exception):
    """One failed check; the message says which."""


def version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise BundleError("desktop/__init__.py has no __version__")
    return match.group(1)


def exe_name(stem: str) -> str:
    return stem + (".exe" if sys.platform == "win32" else "")


def run_pyinstaller(clean: bool) -> float:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--workpath",
        str(WORK_DIR),
        "--distpath",
        str(DIST_DIR),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    print("$ " + " ".join(command), flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise BundleError(f"PyInstaller failed with exit code {result.returncode}")
    return elapsed


def shipped_files(source_dir: Path) -> list[Path]:
    """Files of a checkout data folder that must be shipped (the same filter as installer.spec)."""
    files = []
    for path in sorted(source_dir.rglob("*")):
        relative = path.relative_to(source_dir)
        if path.is_file() and not SKIPPED_PARTS & set(relative.parts) and path.suffix not in SKIPPED_SUFFIXES:
            files.append(relative)
    return files


def check_data_files(bundle: Path) -> int:
    missing = []
    count = 0
    for source, target in DATA_DIRS.items():
        for relative in shipped_files(ROOT / source):
            count += 1
            if not (bundle / CONTENTS_DIR / target / relative).is_file():
                missing.append(f"{source}/{relative.as_posix()}")
    if missing:
        raise BundleError("missing from the bundle: " + ", ".join(missing))
    print(f"ok: all {count} files of resources/ and i18n/ are in {CONTENTS_DIR}/desktop/")
    return count


def _installer_files() -> ModuleType:
    """build/windows/installer_files.py (loaded by path: build/ is not a package)."""
    path = ROOT / "build" / "windows" / "installer_files.py"
    spec = importlib.util.spec_from_file_location("installer_files", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def bundle_listing(bundle: Path, *, windows: bool = sys.platform == "win32") -> set[str]:
    """The bundle's files as posix paths, the two programs named as on Windows (``TDKT.exe``) everywhere."""
    files = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    if not windows:
        files = {f"{name}.exe" if name in (APP_NAME, CLI_NAME) else name for name in files}
    return files


def check_installer_script(bundle: Path) -> int:
    """tdkt.iss installs every file of the real bundle, and every file it names is in it."""
    files = bundle_listing(bundle)
    problems = _installer_files().check(files, bundle_dir=bundle, defines={"AppVersion": version()})
    if problems:
        raise BundleError("build/windows/tdkt.iss does not match the bundle:\n  " + "\n  ".join(problems[:30]))
    print(f"ok: build/windows/tdkt.iss installs all {len(files)} files of the bundle and names none outside it")
    return len(files)


def run_program(executable: Path, args: list[str], env: dict[str, str]) -> str:
    command = [str(executable), *args]
    print("$ " + " ".join(command), flush=True)
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=RUN_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BundleError(f"{executable.name} {' '.join(args)} did not finish within {RUN_TIMEOUT} s") from exc
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise BundleError(f"{executable.name} {' '.join(args)} exited with {result.returncode}:\n{output}")
    return output


def self_check_available() -> bool:
    """--self-check lives in desktop/ui/app.py; say so plainly when that part is not written yet."""
    app = ROOT / "desktop" / "ui" / "app.py"
    return app.is_file() and "--self-check" in app.read_text(encoding="utf-8")


def check_programs(bundle: Path) -> bool:
    """Returns whether the self-check ran."""
    expected = f"tdkt {version()}"
    with tempfile.TemporaryDirectory(prefix="tdkt-bundle-") as data_dir:
        # A profile like a clerk's: the self-checks work in the temporary folder (%TEMP% on Windows, which is
        # C:\Users\<name>\AppData\Local\Temp), so give it Vietnamese letters and spaces (docs/windows.md).
        profile = Path(data_dir) / "Nguyễn Văn Sơn"
        temp = profile / "AppData" / "Local" / "Temp"
        temp.mkdir(parents=True)
        env = dict(os.environ, TDKT_DATA_DIR=str(profile / "TDKT"), QT_QPA_PLATFORM="offscreen")
        env.update(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
        env.pop("PYTHONPATH", None)
        programs = [bundle / exe_name(CLI_NAME)]
        if sys.platform != "win32":  # the windowed TDKT.exe has no stdout to read on Windows
            programs.append(bundle / exe_name(APP_NAME))
        for program in programs:
            if not program.is_file():
                raise BundleError(f"{program} was not built")
            output = run_program(program, ["--version"], env)
            if expected not in output:
                raise BundleError(f"{program.name} --version printed {output.strip()!r}, expected {expected!r}")
            print(f"ok: {program.name} --version -> {output.strip()}")
        if not self_check_available():
            print("SKIPPED: --self-check (desktop/ui/app.py does not implement it yet)")
            return False
        for program in programs:
            output = run_program(program, ["--self-check"], env)
            if "self-check ok" not in output:
                raise BundleError(f"{program.name} --self-check did not print 'self-check ok':\n{output}")
            print(f"ok: {program.name} --self-check")
        # Certificates, decisions (.pdf/.docx/.xlsx), a package and a pdfium preview on the demo commune: the
        # libraries' own data files (docx templates, barcode modules, pdfium) are only touched when printing.
        output = run_program(programs[0], ["--self-check-documents"], env)
        if "documents check ok" not in output:
            raise BundleError(f"{programs[0].name} --self-check-documents failed:\n{output}")
        print(f"ok: {programs[0].name} --self-check-documents")
    return True


def folder_size(folder: Path) -> tuple[int, int]:
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-build", action="store_true", help="only check the bundle already in build/dist")
    options = parser.parse_args(argv)
    bundle = DIST_DIR / APP_NAME
    try:
        elapsed = None if options.no_build else run_pyinstaller(options.clean)
        check_data_files(bundle)
        check_installer_script(bundle)
        self_checked = check_programs(bundle)
    except BundleError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    size, files = folder_size(bundle)
    print(f"bundle: {bundle.relative_to(ROOT)} — {size / 1_000_000:.1f} MB in {files} files")
    if elapsed is not None:
        print(f"build time: {elapsed:.0f} s")
    if not self_checked:
        print("note: the self-check was skipped; the bundle is not fully verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
