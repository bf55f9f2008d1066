"""Resources are found the same way from a checkout, an installed wheel and the PyInstaller bundle.

The wheel is really built and really installed (``pip install --no-deps --target``); the bundle itself is
built by ``make bundle`` (build/build_bundle.py checks it the same way), here only its spec is checked.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

import desktop

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = {"resources": "desktop/resources", "i18n": "desktop/i18n"}
SKIPPED_PARTS = {"__pycache__", ".DS_Store", "Thumbs.db", ".pytest_cache"}
SKIPPED_SUFFIXES = {".pyc", ".pyo", ".swp", ".tmp", ".bak"}
SOURCE_ITEMS = ("pyproject.toml", "README.md", ".gitignore", "desktop", "resources", "i18n")


def shipped_files(folder: Path) -> list[str]:
    """Files of a data folder that must be shipped, as posix paths relative to it."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and not SKIPPED_PARTS & set(path.relative_to(folder).parts)
        and path.suffix not in SKIPPED_SUFFIXES
    )


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def spec_tree() -> ast.Module:
    return ast.parse((ROOT / "installer.spec").read_text(encoding="utf-8"), filename="installer.spec")


def spec_constant(name: str):
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"installer.spec does not define {name}")


# -- the wheel ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the checkout, so files other people add meanwhile cannot change the tree mid-build."""
    if not (ROOT / "README.md").is_file():
        pytest.fail("README.md is missing: pyproject.toml names it as the readme, so no wheel can be built")
    target = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")
    for name in SOURCE_ITEMS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(source_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("wheelhouse")
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out_dir)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")  # offline and faster; otherwise build fetches hatchling from PyPI
    command.append(str(source_copy))
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"wheel build failed:\n{result.stdout}\n{result.stderr}"
    wheels = list(out_dir.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.mark.slow
def test_wheel_holds_every_resource_and_translation(wheel: Path, source_copy: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "desktop/__init__.py" in names
    assert "desktop/paths.py" in names
    expected_count = 0
    for source, target in DATA_DIRS.items():
        files = shipped_files(source_copy / source)
        expected_count += len(files)
        missing = [name for name in files if f"{target}/{name}" not in names]
        assert not missing, f"not in the wheel under {target}/: {missing}"
    # The fonts are what every PDF needs; an empty resources/ must not pass unnoticed.
    assert "desktop/resources/fonts/LiberationSerif-Regular.ttf" in names
    assert expected_count >= 7
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


@pytest.mark.slow
def test_wheel_metadata_has_version_and_entry_points(wheel: Path) -> None:
    project = pyproject()["project"]
    with zipfile.ZipFile(wheel) as archive:
        dist_info = next(name.split("/")[0] for name in archive.namelist() if ".dist-info/" in name)
        metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
        entry_points = configparser.ConfigParser(delimiters=("=",))
        entry_points.read_string(archive.read(f"{dist_info}/entry_points.txt").decode("utf-8"))
        sources = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".py")}
    assert re.search(rf"^Version: {re.escape(desktop.__version__)}$", metadata, re.M)
    for section, declared in (("console_scripts", "scripts"), ("gui_scripts", "gui-scripts")):
        for name, target in project.get(declared, {}).items():
            assert entry_points.get(section, name) == target
            module, function = target.split(":")
            path = module.replace(".", "/")  # a module, or a package's __init__ (desktop.cli)
            module_source = sources.get(f"{path}.py", sources.get(f"{path}/__init__.py"))
            assert module_source is not None, f"{target}: module not in the wheel"
            defined = {node.name for node in ast.parse(module_source).body if isinstance(node, ast.FunctionDef)}
            assert function in defined, f"{target}: no function {function}"


@pytest.mark.slow
def test_installed_wheel_finds_resources_inside_the_package(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    # -S: no site-packages processing, so neither the checkout nor an editable install can shadow the wheel;
    # the dependencies come from this environment's site-packages, placed after the installed wheel.
    paths = dict.fromkeys([str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths), TDKT_DATA_DIR=str(tmp_path / "userdata"))
    probe = (
        "import json, desktop, desktop.paths as p, desktop.i18n as i\n"
        "print(json.dumps({'package': desktop.__file__, 'resources': str(p.resources_dir()),\n"
        " 'i18n': str(p.i18n_dir()), 'font': p.resource_path('fonts', 'LiberationSerif-Regular.ttf').is_file(),\n"
        " 'language': i.set_language('en')}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", probe],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package_dir = (target / "desktop").resolve()
    assert Path(found["package"]).resolve().parent == package_dir
    assert Path(found["resources"]).resolve() == package_dir / "resources"
    assert Path(found["i18n"]).resolve() == package_dir / "i18n"
    assert found["font"] is True
    assert found["language"] == "en"

    version = subprocess.run(
        [sys.executable, "-S", "-m", "desktop", "--version"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"tdkt {desktop.__version__}"


def test_checkout_finds_resources_beside_the_package() -> None:
    from desktop.paths import i18n_dir, resource_path, resources_dir

    assert resources_dir() == ROOT / "resources"
    assert i18n_dir() == ROOT / "i18n"
    assert resource_path("fonts", "LiberationSerif-Regular.ttf").is_file()


# -- the bundle's spec and scripts --------------------------------------------------------------------------


def test_spec_maps_data_folders_where_the_wheel_puts_them() -> None:
    data_dirs = dict(spec_constant("DATA_DIRS"))
    assert data_dirs == DATA_DIRS
    force_include = pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force_include == data_dirs
    assert (ROOT / spec_constant("ENTRY_SCRIPT")).is_file()
    # desktop/paths.py looks in the package folder first: desktop/<name> is where both copies land.
    for source, target in data_dirs.items():
        assert target == f"desktop/{source}"


def test_spec_builds_a_window_and_a_console_program_in_one_folder() -> None:
    calls: dict[str, tuple[str, ast.Call]] = {}  # variable -> (called name, call)
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    calls[target.id] = (node.value.func.id, node.value)
    exes = {name: call for name, (called, call) in calls.items() if called == "EXE"}
    consoles = sorted(
        ast.literal_eval(kw.value) for call in exes.values() for kw in call.keywords if kw.arg == "console"
    )
    assert consoles == [False, True]
    collect = next(call for called, call in calls.values() if called == "COLLECT")
    collected = {arg.id for arg in collect.args if isinstance(arg, ast.Name)}
    assert set(exes) <= collected


def test_spec_collects_exactly_the_shipped_files() -> None:
    """Run the spec's own file-list helper against the checkout: nothing missing, no caches."""
    pytest.importorskip("PyInstaller")
    source = (ROOT / "installer.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    wanted = (ast.Import, ast.ImportFrom, ast.FunctionDef)
    constants = {"ROOT", "DATA_DIRS", "SKIPPED_PARTS", "SKIPPED_SUFFIXES"}
    nodes = [
        node
        for node in tree.body
        if isinstance(node, wanted)
        or (isinstance(node, ast.Assign) and {getattr(t, "id", None) for t in node.targets} & constants)
    ]
    namespace: dict = {"SPECPATH": str(ROOT)}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), "installer.spec", "exec"), namespace)
    collected = {(Path(target) / Path(src).name).as_posix() for src, target in namespace["data_files"]()}
    expected = {f"{target}/{name}" for source, target in DATA_DIRS.items() for name in shipped_files(ROOT / source)}
    assert collected == expected


def test_bundle_script_checks_the_same_folders_as_the_spec() -> None:
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "build" / "build_bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert dict(spec_constant("DATA_DIRS")) == module.DATA_DIRS
    assert spec_constant("SKIPPED_PARTS") == module.SKIPPED_PARTS
    assert spec_constant("SKIPPED_SUFFIXES") == module.SKIPPED_SUFFIXES
    assert spec_constant("CLI_NAME") == module.CLI_NAME


def test_bundle_entry_script_runs_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bundle_entry", ROOT / "build" / "entry.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(SystemExit) as exited:  # argparse's --version action exits
        module.run(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"tdkt {desktop.__version__}"


def test_the_console_executable_never_opens_the_window(capsys, monkeypatch) -> None:
    """tdkt-cli with a mistyped command gets the parser's error (exit 2); with nothing, the help."""
    spec = importlib.util.spec_from_file_location("bundle_entry", ROOT / "build" / "entry.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "executable", str(Path("C:/Program Files/TDKT/tdkt-cli.exe")))
    with pytest.raises(SystemExit) as exited:
        module.run(["stafff", "list"])
    assert exited.value.code == 2
    assert "stafff" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        module.run([])
    assert exited.value.code == 0
    assert "staff" in capsys.readouterr().out


def test_the_console_executable_runs_the_bundle_self_checks(monkeypatch) -> None:
    """The bundle's checks need a console on Windows: tdkt-cli hands --self-check(-documents) to the window's code,
    and only those (make bundle runs them; a mistyped option is still the parser's error, above)."""
    spec = importlib.util.spec_from_file_location("bundle_entry", ROOT / "build" / "entry.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "executable", str(Path("C:/Program Files/TDKT/tdkt-cli.exe")))
    seen: list[list[str]] = []
    monkeypatch.setattr("desktop.__main__.main", lambda args: seen.append(list(args)) or 0)
    assert module.run(["--self-check"]) == 0 and module.run(["--self-check-documents"]) == 0
    assert seen == [["--self-check"], ["--self-check-documents"]]
