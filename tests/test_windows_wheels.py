"""build/check_windows_wheels.py asks pip the Windows build's question and fails on a missing wheel.

The real run against PyPI is ``make windows-wheels`` (CI runs it before the tests). Here pip really runs, offline,
against a folder of hand-made wheels, so both the pass and the fail paths are exercised without a network.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheels_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_windows_wheels", ROOT / "build" / "check_windows_wheels.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_supported_python_and_every_dependency_of_the_windows_build(wheels_script):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions, specs = wheels_script.read_project(ROOT / "pyproject.toml")
    assert versions == ["3.11", "3.12", "3.13"]  # requires-python = ">=3.11,<3.14"
    assert specs == project["dependencies"] + project["optional-dependencies"]["bundle"]
    assert not [s for s in specs if "pytest" in s or "ruff" in s]  # dev tools never go to Windows


def test_the_pip_command_asks_what_the_windows_build_asks(wheels_script, tmp_path):
    command = wheels_script.pip_command("3.11", tmp_path, ["cryptography>=42,<51"], no_deps=True, extra=[])
    joined = " ".join(command[1:])
    assert joined.startswith("-m pip download")
    for part in ("--only-binary=:all:", "--platform win_amd64", "--python-version 3.11", "--implementation cp"):
        assert part in joined
    assert "--no-deps" in command and command[-1] == "cryptography>=42,<51" and str(tmp_path) in command


def _wheel(folder: Path, name: str, tag: str, requires: tuple[str, ...] = ()) -> None:
    """A minimal, valid wheel: pip reads its metadata, nothing is installed."""
    dist_info = f"{name}-1.0.dist-info"
    files = {
        f"{dist_info}/METADATA": "Metadata-Version: 2.1\nName: {}\nVersion: 1.0\n{}".format(
            name, "".join(f"Requires-Dist: {r}\n" for r in requires)
        ),
        f"{dist_info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: tdkt-test\nRoot-Is-Purelib: false\nTag: {tag}\n",
    }
    files[f"{dist_info}/RECORD"] = "".join(f"{path},,\n" for path in files) + f"{dist_info}/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{name}-1.0-{tag}.whl", "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)


@pytest.fixture
def index(tmp_path: Path) -> Path:
    folder = tmp_path / "index"
    folder.mkdir()
    _wheel(folder, "tdktwin", "py3-none-win_amd64")
    _wheel(folder, "tdktpure", "py3-none-any", requires=("tdktsource",))
    _wheel(folder, "tdktlinux", "py3-none-manylinux_2_17_x86_64")
    (folder / "tdktsource-1.0.tar.gz").write_bytes(b"")  # a source archive only: no wheel
    return folder


def _pyproject(tmp_path: Path, dependencies: list[str]) -> Path:
    path = tmp_path / "pyproject.toml"
    listed = ", ".join(f'"{d}"' for d in dependencies)
    path.write_text(
        f'[project]\nname = "x"\nrequires-python = ">=3.11,<3.13"\ndependencies = [{listed}]\n', encoding="utf-8"
    )
    return path


def _run(wheels_script, tmp_path, index, dependencies, *extra):
    pyproject = _pyproject(tmp_path, dependencies)
    options = ["--pip-option=--no-index", f"--pip-option=--find-links={index}"]
    return wheels_script.main(["--pyproject", str(pyproject), *options, *extra])


def test_passes_when_every_dependency_has_a_windows_wheel(wheels_script, tmp_path, index, capsys):
    assert _run(wheels_script, tmp_path, index, ["tdktwin>=1"]) == 0
    out = capsys.readouterr().out
    assert "ok      cp311 tdktwin>=1: tdktwin-1.0-py3-none-win_amd64.whl" in out
    assert "cp312 tdktwin>=1" in out and "every dependency has a Windows x64 wheel" in out


def test_fails_listing_a_dependency_without_a_windows_wheel(wheels_script, tmp_path, index, capsys):
    assert _run(wheels_script, tmp_path, index, ["tdktwin", "tdktlinux"], "--direct-only", "--python", "3.12") == 1
    captured = capsys.readouterr()
    assert "MISSING cp312 tdktlinux" in captured.out and "ok      cp312 tdktwin" in captured.out
    assert "cp311" not in captured.out
    assert "FAILED: 1 without a Windows x64 wheel" in captured.err and "tdktlinux" in captured.err


def test_a_dependency_of_a_dependency_without_a_wheel_is_caught(wheels_script, tmp_path, index, capsys):
    assert _run(wheels_script, tmp_path, index, ["tdktpure"], "--python", "3.11") == 1
    captured = capsys.readouterr()
    assert "ok      cp311 tdktpure" in captured.out  # the package itself is fine…
    assert "MISSING cp311 (all, with their dependencies)" in captured.out and "tdktsource" in captured.out


def test_ci_checks_the_wheels_before_the_tests():
    steps = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert steps.index("make windows-wheels") < steps.index("make test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "windows-wheels: setup\n\t$(BIN)/python build/check_windows_wheels.py\n" in makefile
