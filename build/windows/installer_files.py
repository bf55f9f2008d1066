"""Check build/windows/tdkt.iss against the files of the PyInstaller bundle it packs.

A file the bundle needs but the installer leaves out only shows on a clerk's PC ("TDKT.exe not found", a
missing DLL); a shortcut to an exe that was renamed in installer.spec only shows after installing. So the
script is read the way Inno Setup reads it (the ``#define``/``#if``/``#error`` lines of its preprocessor,
``{#Name}`` expansions, the ``[Files]`` entries with their wildcards, ``recursesubdirs`` and ``Excludes``)
and compared with a list of the bundle's files:

- every file of the bundle is installed by a ``[Files]`` entry;
- every ``{app}\\…`` the script names (shortcuts, registry, uninstall icon, ``[InstallDelete]``) is installed;
- ``BundleDir`` is the folder build_bundle.py builds, and no ``#error`` fires;
- every other file the script takes from the checkout (icons, licence pages, extra ``[Files]``) exists.

Only the parts of Inno Setup's language this script uses are understood; anything else raises
:class:`IssError`, so a new construct gets taught here instead of passing unchecked.
build/build_bundle.py runs the check on the real bundle; tests/test_installer_files.py on the layout
installer.spec describes, without building.
"""

from __future__ import annotations

import fnmatch
import ntpath
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ISS = Path(__file__).resolve().parent / "tdkt.iss"
SETUP_FILE_KEYS = ("SetupIconFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile", "WizardImageFile")
_APP_REFERENCE = re.compile(r"\{app\}\\([^\"\s;,]*)", re.IGNORECASE)
_INLINE = re.compile(r"\{#(\w+)\}")
_FUNCTION = re.compile(r"^(\w+)\((.*)\)$")
_COMPILER = "<inno-setup>"


class IssError(Exception):
    """The script uses something this reader does not understand."""


@dataclass
class Script:
    """The script after preprocessing: defines, ``[Setup]`` directives and the entries of each section."""

    defines: dict[str, str]
    setup: dict[str, str] = field(default_factory=dict)
    entries: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # #error lines that fired
    text: str = ""  # expanded lines outside [Code], for the {app} references


def windows_path(path: Path) -> str:
    """A path as the script spells it: backslashes (a POSIX "/a/b" becomes "\\a\\b")."""
    return str(path).replace("/", "\\")


def local_path(path: str, base: Path | None = None) -> Path:
    """A path of the script on this machine; a relative one is relative to ``base`` (the script's folder)."""
    local = Path(ntpath.normpath(path).replace("\\", "/"))
    return Path(os.path.normpath(base / local)) if base is not None and not local.is_absolute() else local


def _split_terms(expression: str) -> list[str]:
    terms, current, quoted, depth = [], "", False, 0
    for char in expression:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "()":
            depth += 1 if char == "(" else -1
        if char == "+" and not quoted and depth == 0:
            terms.append(current.strip())
            current = ""
        else:
            current += char
    terms.append(current.strip())
    return terms


class _Preprocessor:
    def __init__(self, iss_path: Path, defines: dict[str, str], exists: Callable[[Path], bool]) -> None:
        # Inno Setup's own folder is not on this machine: FileExists() of anything in it is false.
        self.builtins = {"SourcePath": windows_path(iss_path.resolve().parent) + "\\", "CompilerPath": _COMPILER}
        self.defines = dict(defines)
        self.exists = exists
        self.base = iss_path.resolve().parent

    def value(self, expression: str) -> str:
        """A string expression: "literals" + Names + AddBackslash(…); an unknown name is an error."""
        result = ""
        for term in _split_terms(expression.strip()):
            if len(term) >= 2 and term[0] == term[-1] == '"':
                result += term[1:-1].replace('""', '"')
            elif match := _FUNCTION.match(term):
                name, argument = match.groups()
                if name != "AddBackslash":
                    raise IssError(f"unknown preprocessor function {name}()")
                text = self.value(argument)
                result += text if not text or text.endswith("\\") else text + "\\"
            elif term in self.defines:
                result += self.defines[term]
            elif term in self.builtins:
                result += self.builtins[term]
            else:
                raise IssError(f"unknown preprocessor name {term!r}")
        return result

    def condition(self, expression: str) -> bool:
        expression = expression.strip()
        if expression.startswith("!"):
            return not self.condition(expression[1:])
        match = _FUNCTION.match(expression)
        if not match or match.group(1) != "FileExists":
            raise IssError(f"unknown #if condition {expression!r}")
        path = self.value(match.group(2))
        return _COMPILER not in path and self.exists(local_path(path, self.base))

    def expand(self, line: str) -> str:
        def name(match: re.Match[str]) -> str:
            if match.group(1) not in self.defines:
                raise IssError(f"{{#{match.group(1)}}} is not defined")
            return self.defines[match.group(1)]

        return _INLINE.sub(name, line)


def _parameters(line: str) -> dict[str, str]:
    """``Name: value; Name: "quoted; value"`` -> {name: value} (names in lower case)."""
    found: dict[str, str] = {}
    for part in re.findall(r'(?:[^;"]|"(?:[^"]|"")*")+', line):
        name, colon, value = part.partition(":")
        if not colon:
            raise IssError(f"not a parameter: {part.strip()!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('""', '"')
        found[name.strip().lower()] = value
    return found


def read_script(
    iss_path: Path = ISS, *, defines: dict[str, str] | None = None, exists: Callable[[Path], bool] = Path.exists
) -> Script:
    """Preprocess and read ``iss_path`` as ISCC would with ``/D`` ``defines``; ``exists`` answers FileExists()."""
    pre = _Preprocessor(iss_path, defines or {}, exists)
    script = Script(defines=pre.defines)
    stack: list[bool] = []  # one entry per open #if: is its branch taken?
    section = ""
    lines = []
    for raw in iss_path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        active = all(stack)
        if line.startswith("#"):
            directive, _space, rest = line[1:].partition(" ")
            if directive in ("if", "ifdef", "ifndef"):
                if not active:
                    taken = False
                elif directive == "if":
                    taken = pre.condition(rest)
                else:
                    taken = (rest.strip() in pre.defines) == (directive == "ifdef")
                stack.append(taken)
            elif directive == "else":
                stack[-1] = not stack[-1] and all(stack[:-1])
            elif directive == "endif":
                stack.pop()
            elif not active:
                continue
            elif directive == "define":
                name, _space, expression = rest.strip().partition(" ")
                pre.defines[name] = pre.value(expression)
            elif directive == "error":
                script.errors.append(rest.strip())
                return script  # ISCC stops here too
            else:
                raise IssError(f"unknown preprocessor directive #{directive}")
            continue
        if not active or not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            section = line[1:-1].lower()
            continue
        if section == "code":
            continue  # Pascal: nothing of the bundle is named there
        line = pre.expand(line)
        lines.append(line)
        if section == "setup":
            key, _eq, value = line.partition("=")
            script.setup[key.strip()] = value.strip()
        elif section in ("files", "icons", "registry", "run", "installdelete", "uninstalldelete", "dirs"):
            script.entries.setdefault(section, []).append(_parameters(line))
    if stack:
        raise IssError("an #if has no #endif")
    script.text = "\n".join(lines)
    return script


def _matches(parts: tuple[str, ...], pattern: str) -> bool:
    """Windows compares names without case; ``*`` and ``?`` never cross a backslash."""
    wanted = [p for p in pattern.lower().split("\\") if p]
    if len(wanted) != len(parts):
        return False
    return all(fnmatch.fnmatchcase(name.lower(), want) for name, want in zip(parts, wanted, strict=True))


def _excluded(relative: tuple[str, ...], patterns: list[str]) -> bool:
    """Inno's Excludes: "\\x" is matched from the start of the path, "x" against its end (file or folder)."""
    for pattern in patterns:
        for end in range(1, len(relative) + 1):  # the file and every folder above it
            path = relative[:end]
            if pattern.startswith("\\"):
                if _matches(path, pattern):
                    return True
            elif any(_matches(path[start:], pattern) for start in range(len(path))):
                return True
    return False


def installed_files(
    script: Script, bundle_dir: Path, bundle_files: Iterable[str], *, base: Path
) -> tuple[set[str], list[str]]:
    """(the bundle files the [Files] entries install, as "{app}"-relative posix paths; problems).

    ``base`` is the script's folder, which relative sources start from.
    """
    installed: set[str] = set()
    problems: list[str] = []
    files = sorted(bundle_files)
    for entry in script.entries.get("files", []):
        source = local_path(entry.get("source", ""), base)
        dest = entry.get("destdir", "")
        if not dest.lower().startswith("{app}"):
            problems.append(f"[Files] {entry.get('source')}: DestDir {dest!r} is outside {{app}}")
            continue
        dest_parts = tuple(p for p in dest[len("{app}") :].split("\\") if p)
        flags = entry.get("flags", "").lower().split()
        excludes = [p.strip() for p in entry.get("excludes", "").split(",") if p.strip()]
        if not source.is_relative_to(bundle_dir):
            if not any(ch in source.name for ch in "*?") and not source.is_file():
                problems.append(f"[Files] source {source} does not exist")
            continue
        folder = source.parent.relative_to(bundle_dir).parts
        for relative in files:
            parts = tuple(relative.split("/"))
            if parts[: len(folder)] != folder:
                continue
            below = parts[len(folder) :]
            if len(below) > 1 and "recursesubdirs" not in flags:
                continue
            if not fnmatch.fnmatchcase(below[-1].lower(), source.name.lower()) or _excluded(below, excludes):
                continue
            name = (entry["destname"],) if "destname" in entry else below
            installed.add("/".join(dest_parts + name))
    return installed, problems


def check(
    bundle_files: Iterable[str],
    *,
    bundle_dir: Path,
    defines: dict[str, str],
    iss_path: Path = ISS,
    exists: Callable[[Path], bool] = Path.exists,
) -> list[str]:
    """Problems (empty when fine) of ``iss_path`` packing a bundle at ``bundle_dir`` holding ``bundle_files``.

    ``bundle_files`` are posix paths relative to the bundle, as on Windows (``TDKT.exe``); ``exists`` answers
    the script's FileExists() and is asked about files outside the bundle too.
    """
    files = set(bundle_files)

    def in_bundle(path: Path) -> bool:
        if path.is_relative_to(bundle_dir):
            return path.relative_to(bundle_dir).as_posix() in files
        return exists(path)

    script = read_script(iss_path, defines=defines, exists=in_bundle)
    if "SourceDir" in script.setup:
        raise IssError("[Setup] SourceDir moves every relative path; teach installer_files.py about it first")
    base = iss_path.resolve().parent
    if script.errors:
        return [f"#error {text}" for text in script.errors]
    problems = []
    if local_path(script.defines.get("BundleDir", ""), base) != bundle_dir:
        problems.append(f"BundleDir is {script.defines.get('BundleDir')!r}, the bundle is built in {bundle_dir}")
    installed, file_problems = installed_files(script, bundle_dir, files, base=base)
    problems += file_problems
    problems += [f"not installed: {name}" for name in sorted(files - installed)]
    installed_folders = {"/".join(f.split("/")[:end]) for f in installed for end in range(1, f.count("/") + 1)}
    for reference in sorted(set(_APP_REFERENCE.findall(script.text))):
        name = reference.replace("\\", "/").strip("/")
        if name and name not in installed and name not in installed_folders:
            problems.append(f"{{app}}\\{reference} is named in the script but not installed")
    for key in SETUP_FILE_KEYS:
        if key in script.setup and not in_bundle(local_path(script.setup[key], base)):
            problems.append(f"[Setup] {key}={script.setup[key]} does not exist")
    return problems


__all__ = ["ISS", "IssError", "Script", "check", "installed_files", "local_path", "read_script", "windows_path"]
