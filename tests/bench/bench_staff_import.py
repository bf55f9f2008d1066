"""Benchmark of the staff import at 100,000 rows: preview + apply through ``desktop.ops.staff_import``.

Run with ``make bench`` (or ``python -m tests.bench.bench_staff_import``). Targets on 2 cores: ≤ 15 s from the
file to the committed transaction, and ≤ 300 MB peak memory (resident set size of a fresh process).

The timed run happens in a child process so that its peak resident memory (``VmHWM`` of /proc/self/status) is the
import's own and not the benchmark's (building the workbook costs memory too).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROWS = 100_000
TARGET_S = 15.0
TARGET_MB = 300.0
REPO = Path(__file__).resolve().parents[2]
HEADERS = [
    "STT",
    "Mã CB",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Chức vụ",
    "Phòng ban",
    "Loại",
    "Ngày vào",
    "Lãnh đạo",
    "Ghi chú",
]


def staff_rows(rows: int = ROWS, *, seed: int = 12) -> list[list[object]]:
    """A clerk's list of ``rows`` people: real and typed dates, 40 departments, ethnic names as clerks write them."""
    from tests.ui.staff_helpers import FAMILY, GIVEN, MIDDLE, POSITIONS

    rng = random.Random(seed)
    ethnic = ["Kinh", "Kinh", "Kinh", "Tày", "Thái", "H'Mông", "Dao", "Mường", "Nùng", "Mông"]
    categories = ["Cán bộ", "Công chức", "Công chức", "Viên chức", "Người lao động"]
    departments = [f"Tổ dân phố số {n}" for n in range(1, 31)] + [
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
        "Trung tâm Phục vụ hành chính công",
        "Đảng ủy",
        "Ủy ban MTTQ",
        "Đoàn Thanh niên",
        "Hội Phụ nữ",
        "Hội Nông dân",
        "Công an xã",
    ]
    out: list[list[object]] = []
    for n in range(1, rows + 1):
        middle = rng.choice(MIDDLE)
        name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
        start = min(birth + timedelta(days=365 * 22 + rng.randrange(0, 3000)), date(2025, 12, 31))  # none ahead
        out.append(
            [
                n,
                f"NV{n:06d}",
                name,
                datetime(birth.year, birth.month, birth.day) if n % 3 else birth.strftime("%d/%m/%Y"),
                "Nữ" if middle in ("Thị", "Thu", "Hồng", "Diệu", "Kim") else "Nam",
                rng.choice(ethnic),
                rng.choice(POSITIONS),
                rng.choice(departments),
                rng.choice(categories),
                datetime(start.year, start.month, start.day),
                "x" if n % 40 == 0 else None,
                "Chuyển đến từ xã bên" if n % 25 == 0 else None,
            ]
        )
    return out


TITLES = ["ỦY BAN NHÂN DÂN XÃ LŨNG CÚ", "DANH SÁCH CÁN BỘ, CÔNG CHỨC, NGƯỜI LAO ĐỘNG"]


def make_workbook(path: Path, rows: int = ROWS, *, seed: int = 12) -> Path:
    """The list saved by openpyxl (inline strings, every non-ASCII letter as a character reference)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for title in TITLES:
        sheet.append([title])
    sheet.append([])
    sheet.append(HEADERS)
    for values in staff_rows(rows, seed=seed):
        sheet.append(values)
    workbook.save(path)
    return path


def make_excel_workbook(path: Path, rows: int = ROWS, *, seed: int = 12) -> Path:
    """The same list laid out as Excel saves it: a shared-strings table, UTF-8 text, dates as serial numbers with
    a date format (numFmtId 14)."""
    import zipfile
    from xml.sax.saxutils import escape

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def column(index: int) -> str:
        return chr(65 + index)

    lines: list[str] = []
    table = [[t] for t in TITLES] + [[], HEADERS] + staff_rows(rows, seed=seed)
    epoch = date(1899, 12, 30)
    for number, values in enumerate(table, start=1):
        cells = []
        for index, value in enumerate(values):
            ref = f"{column(index)}{number}"
            if value is None:
                continue
            if isinstance(value, datetime):
                cells.append(f'<c r="{ref}" s="1"><v>{(value.date() - epoch).days}</v></c>')
            elif isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{shared(str(value))}</v></c>')
        lines.append(f'<row r="{number}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}">'
        f'<dimension ref="A1:L{len(table)}"/><sheetData>{"".join(lines)}</sheetData></worksheet>'
    )
    sst = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{main}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path

    def peak_mb():  # this process's own peak (VmHWM); ru_maxrss also counts the parent it was forked from
        try:
            with open("/proc/self/status") as status:
                return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    from desktop.ops.setup import init_unit
    from desktop.ops.staff_import import apply_import, preview_import
    from desktop.store import open_store
    store = open_store(Path(sys.argv[2]))
    init_unit(store, unit_name="Ủy ban nhân dân xã Lũng Cú", commune_code="00715")
    ready = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    preview = preview_import(store, Path(sys.argv[1]))
    previewed = time.perf_counter()
    inserted = apply_import(store, preview)
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    count = store.scalar("SELECT count(*) FROM staff")
    audit = store.scalar("SELECT count(*) FROM audit_log")
    store.close()
    print(json.dumps({
        "preview_s": previewed - ready, "apply_s": done - previewed, "total_s": done - ready,
        "setup_s": ready - started, "counts": preview.counts, "inserted": inserted, "staff": count,
        "audit_rows": audit, "cpu_s": cpu, "peak_mb": peak_mb(),
    }))
    """
)


def run_once(workbook: Path, folder: Path) -> dict:
    """Preview + apply in a fresh process; its figures as a dict (times in s, peak RSS in MB)."""
    database = folder / f"bench-{time.time_ns()}.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TDKT_DATA_DIR": str(folder / "userdata")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(workbook), str(database)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(rows: int = ROWS, repeats: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "Excel layout (shared strings)": make_excel_workbook(folder / "can-bo-excel.xlsx", rows),
            "openpyxl layout (inline strings)": make_workbook(folder / "can-bo-openpyxl.xlsx", rows),
        }
        results = {}
        for label, workbook in files.items():
            size_mb = workbook.stat().st_size / 1e6
            print(f"{label}: {rows:,} staff rows, {size_mb:.1f} MB")
            runs = [run_once(workbook, folder) for _ in range(repeats)]
            for index, run in enumerate(runs, start=1):
                print(
                    f"  run {index}: preview {run['preview_s']:.2f} s + apply {run['apply_s']:.2f} s = "
                    f"{run['total_s']:.2f} s wall ({run['cpu_s']:.2f} s CPU), peak RSS {run['peak_mb']:.0f} MB; "
                    f"{run['inserted']:,} inserted, {run['audit_rows']:,} audit rows"
                )
            best = min(runs, key=lambda r: r["total_s"])
            peak = max(r["peak_mb"] for r in runs)
            # a few random people share name and birth date: reported as duplicates, as the importer should
            assert best["counts"]["error"] == 0 and best["inserted"] == best["counts"]["ok"] > rows * 0.99, best
            time_verdict = "PASS" if best["total_s"] <= TARGET_S else "FAIL"
            memory_verdict = "PASS" if peak <= TARGET_MB else "FAIL"
            print(
                f"  best of {repeats}: {best['total_s']:.2f} s (CPU {best['cpu_s']:.2f} s) — "
                f"target ≤ {TARGET_S:.0f} s: {time_verdict}; peak RSS (worst run) {peak:.0f} MB — "
                f"target ≤ {TARGET_MB:.0f} MB: {memory_verdict}"
            )
            results[label] = {**best, "peak_mb": peak}
    return results


if __name__ == "__main__":
    main()
