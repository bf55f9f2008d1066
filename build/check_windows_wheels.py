"""Fail early when a dependency has no binary wheel for Windows x64 on a supported Python.

The Windows installer is built with ``pip install .[bundle]`` on a machine without a C compiler; a
dependency that ships only a source archive for Windows would stop that build (or silently fall back to an
older version). This script asks PyPI, from any machine, the question the Windows build will ask: for each
Python version ``requires-python`` allows and each dependency of ``pyproject.toml`` (the program's and the
``bundle`` extra's), it runs::

    pip download --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \\
        --no-deps "<spec>"

into a temporary folder, then once more per version with the dependencies' own dependencies, so a compiled
one further down (lxml, cffi, Pillow, shiboken6) is checked too. Exits 1 listing what has no wheel.
Dependencies pip only adds on Windows (``; sys_platform == "win32"`` markers) are not seen by that second
step: pip evaluates platform markers on the machine it runs on.

Usage: ``python build/check_windows_wheels.py [--python 3.11] [--direct-only]`` (``make windows-wheels``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = "win_amd64"
IMPLEMENTATION = "cp"
EXTRAS = ("bundle",)  # the Windows build installs .[bundle]; dev tools are never installed there
NEWEST_MINOR = 20  # the highest 3.x looked at when requires-python has no upper bound
PIP_TIMEOUT = 900


@dataclass(frozen=True)
class Check:
    python: str
    spec: str  # one requirement, or "(all, with dependencies)"
    ok: bool
    detail: str  # the wheel found, or pip's reason

    @property
    def tag(self) -> str:
        return "cp" + self.python.replace(".", "")


def read_project(pyproject: Path) -> tuple[list[str], list[str]]:
    """(supported Python versions such as "3.11", requirement specs) from ``pyproject``."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    allowed = SpecifierSet(project["requires-python"])
    versions = [f"3.{minor}" for minor in range(6, NEWEST_MINOR + 1) if f"3.{minor}" in allowed]
    if not versions:
        raise SystemExit(f"requires-python {allowed} allows no Python 3 version")
    specs = list(project.get("dependencies", []))
    for extra in EXTRAS:
        specs += project.get("optional-dependencies", {}).get(extra, [])
    return versions, [spec.split(";")[0].strip() for spec in specs]


def pip_command(python: str, dest: Path, specs: list[str], *, no_deps: bool, extra: list[str]) -> list[str]:
    command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--progress-bar", "off"]
    command += ["--only-binary=:all:", "--platform", PLATFORM, "--python-version", python]
    command += ["--implementation", IMPLEMENTATION, "--dest", str(dest)]
    if no_deps:
        command.append("--no-deps")
    return command + extra + specs


def _wheels(output: str) -> list[str]:
    return sorted(set(re.findall(r"([\w.+-]+\.whl)\b", output)))


def _reason(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR")]
    return "; ".join(lines[-2:]) or output.strip()[-300:]


def run_pip(command: list[str]) -> tuple[bool, str]:
    """(success, pip's stdout and stderr)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PIP_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return False, f"ERROR: pip did not finish within {PIP_TIMEOUT} s"
    return result.returncode == 0, result.stdout + result.stderr


def check_version(python: str, specs: list[str], dest: Path, *, direct_only: bool, extra: list[str]) -> list[Check]:
    """Every spec alone (no dependencies), then all of them with their dependencies, for one Python version."""
    results = []
    for spec in specs:
        ok, output = run_pip(pip_command(python, dest, [spec], no_deps=True, extra=extra))
        results.append(Check(python, spec, ok, ", ".join(_wheels(output)) if ok else _reason(output)))
    if not direct_only:
        ok, output = run_pip(pip_command(python, dest, specs, no_deps=False, extra=extra))
        wheels = _wheels(output)
        compiled = [w for w in wheels if PLATFORM in w or "abi3" in w]
        detail = f"{len(wheels)} wheels, compiled: {', '.join(compiled) or 'none'}" if ok else _reason(output)
        results.append(Check(python, "(all, with their dependencies)", ok, detail))
    return results


def check(versions: list[str], specs: list[str], *, direct_only: bool, extra: list[str]) -> list[Check]:
    """All versions at once (one pip after another within a version); results in a fixed order."""
    with tempfile.TemporaryDirectory(prefix="tdkt-win-wheels-") as folder, ThreadPoolExecutor(len(versions)) as pool:
        futures = [
            pool.submit(check_version, python, specs, Path(folder) / python, direct_only=direct_only, extra=extra)
            for python in versions
        ]
        results = [result for future in futures for result in future.result()]
    for result in results:
        print(f"{'ok     ' if result.ok else 'MISSING'} {result.tag} {result.spec}: {result.detail}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--python", action="append", help="only this version (repeatable), e.g. 3.11")
    parser.add_argument("--direct-only", action="store_true", help="skip the check of the dependencies' dependencies")
    parser.add_argument("--pip-option", action="append", default=[], help="passed to pip, e.g. --no-index")
    options = parser.parse_args(argv)
    versions, specs = read_project(options.pyproject)
    if options.python:
        unknown = sorted(set(options.python) - set(versions))
        if unknown:
            parser.error(f"not allowed by requires-python: {', '.join(unknown)} (allowed: {', '.join(versions)})")
        versions = [v for v in versions if v in options.python]
    print(f"Windows x64 ({PLATFORM}) wheels for Python {', '.join(versions)}: {len(specs)} dependencies", flush=True)
    results = check(versions, specs, direct_only=options.direct_only, extra=options.pip_option)
    missing = [r for r in results if not r.ok]
    if missing:
        print(f"\nFAILED: {len(missing)} without a Windows x64 wheel:", file=sys.stderr)
        for result in missing:
            print(f"  {result.tag} {result.spec}: {result.detail}", file=sys.stderr)
        return 1
    print("ok: every dependency has a Windows x64 wheel")
    return 0


if __name__ == "__main__":
    sys.exit(main())
