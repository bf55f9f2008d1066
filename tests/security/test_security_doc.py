"""docs/security.md cannot go stale: its figures are the crafted inputs collected from tests/security, and every
"tested by" in its table names a test that exists.

Counted per file: the collected items that carry the ``crafted`` marker, and how many of those are also ``xfail`` (a
known defect). When this run collected the whole folder (no ``-k``, no ``-m``), its own items are counted; otherwise
the folder is collected in a child process (``pytest --collect-only``) with a small plugin that counts the same way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"
DOC_TESTS = Path(__file__).resolve().parent

_COLLECT = """
import json, sys
import pytest

class Count:
    def __init__(self):
        self.files = {}

    def pytest_collection_modifyitems(self, items):
        for item in items:
            if item.get_closest_marker("crafted") is None:
                continue
            name = item.nodeid.split("::")[0].rsplit("/", 1)[-1]
            known = item.get_closest_marker("xfail") is not None
            entry = self.files.setdefault(name, [0, 0])
            entry[1 if known else 0] += 1

count = Count()
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", sys.argv[1]], plugins=[count])
print("COUNTS " + json.dumps({"code": int(code), "files": count.files}))
"""


def _count(items) -> dict[str, list[int]]:
    files: dict[str, list[int]] = {}
    for item in items:
        if item.get_closest_marker("crafted") is None:
            continue
        name = item.nodeid.split("::")[0].rsplit("/", 1)[-1]
        entry = files.setdefault(name, [0, 0])
        entry[1 if item.get_closest_marker("xfail") is not None else 0] += 1
    return files


def _collected(request) -> dict[str, list[int]]:
    config = request.config
    here = {Path(str(item.path)).name for item in request.session.items if Path(str(item.path)).parent == DOC_TESTS}
    everything = {path.name for path in DOC_TESTS.glob("test_*.py")}
    if here == everything and not config.option.keyword and not config.option.markexpr:
        return _count(item for item in request.session.items if Path(str(item.path)).parent == DOC_TESTS)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _COLLECT, "tests/security"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("COUNTS "))
    result = json.loads(line.removeprefix("COUNTS "))
    assert result["code"] == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return result["files"]


def _by_point(files: dict[str, list[int]]) -> dict[str, list[int]]:
    points: dict[str, list[int]] = {}
    for name, (counted, known) in files.items():
        found = re.match(r"test_12_(\d)_", name)
        assert found, f"{name}: a crafted input outside a point's file"
        entry = points.setdefault(f"12.{found.group(1)}", [0, 0])
        entry[0] += counted
        entry[1] += known
    return points


def test_the_figures_at_the_top_are_the_crafted_inputs_collected(request):
    text = DOC.read_text(encoding="utf-8")
    points = _by_point(_collected(request))
    counted = sum(c for c, _k in points.values())
    known = sum(k for _c, k in points.values())
    headline = re.search(r"\*\*(\d+) crafted inputs, 0 tracebacks, 0 silent changes\.\*\*", text)
    assert headline, "the figure at the top of docs/security.md is missing"
    assert int(headline.group(1)) == counted, f"docs/security.md says {headline.group(1)}; the tests count {counted}"
    defects = re.search(r"(\d+) more crafted inputs? still shows? a known defect", text)
    if known:
        assert defects and int(defects.group(1)) == known, f"{known} crafted inputs are marked xfail"
    else:
        assert not defects, "no crafted input is marked xfail any more: drop the known-defects line and section"
    for point, (points_counted, points_known) in points.items():
        row = re.search(rf"^\| {re.escape(point)} [^|]+\| (\d+) \| (\d+) \|$", text, re.MULTILINE)
        assert row, f"no row for {point} in the table of counts"
        assert (int(row.group(1)), int(row.group(2))) == (points_counted, points_known), point


def test_every_tested_by_names_an_existing_test():
    text = DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| 12.")]
    attack_rows = [line for line in rows if line.count("::") > 0]
    assert len(attack_rows) >= 25, len(attack_rows)  # one row (at least) per bullet of issue 12
    for row in attack_rows:
        tested_by = row.rstrip(" |").rsplit(" | ", 1)[-1]
        names = re.findall(r"`([^`]+::[^`]+)`", tested_by)
        assert names, row[:120]
        for name in names:
            path, test = name.split("::")
            source = ROOT / path
            assert source.is_file(), name
            assert re.search(rf"^def {re.escape(test)}\(", source.read_text(encoding="utf-8"), re.MULTILINE), name
