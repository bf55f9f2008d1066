"""Time to render a decision with a 300-row attached list (header, table, signatures) to PDF, .docx and .xlsx."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROWS = 300
TARGET_PDF_SECONDS = 0.5


def _time(action, repeats: int = 5) -> tuple[float, float]:
    """(first run, median of the following runs) in seconds."""
    started = time.perf_counter()
    action()
    first = time.perf_counter() - started
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return first, statistics.median(runs)


def main() -> dict[str, float]:
    from desktop.documents.admin_docx import render_docx
    from desktop.documents.admin_pdf import render_pdf
    from desktop.documents.xlsx_lists import ListColumn, write_list_xlsx
    from tests.documents.sample_docs import award_rows, decision

    document = decision(ROWS)
    rows = award_rows(ROWS)
    columns = [ListColumn("STT", 6, "int"), ListColumn("Họ và tên", 30), ListColumn("Chức vụ", 30)]
    columns += [ListColumn("Danh hiệu", 12), ListColumn("Số tiền (đồng)", 16, "money")]
    xlsx_rows = [[int(r[0]), r[1], r[2], r[3], 710_000] for r in rows]
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        first, median = _time(lambda: render_pdf(document, out / "qd.pdf"))
        results["pdf_first_s"], results["pdf_s"] = first, median
        first, median = _time(lambda: render_docx(document, out / "qd.docx"))
        results["docx_first_s"], results["docx_s"] = first, median
        first, median = _time(
            lambda: write_list_xlsx(out / "ds.xlsx", title="DANH SÁCH", columns=columns, rows=xlsx_rows)
        )
        results["xlsx_first_s"], results["xlsx_s"] = first, median
    print(f"decision + {ROWS}-row list + signatures:")
    for kind in ("pdf", "docx", "xlsx"):
        first, steady = results[kind + "_first_s"], results[kind + "_s"]
        print(f"  {kind:5} first {first:.3f} s (fonts, imports), then {steady:.3f} s")
    verdict = "OK" if results["pdf_s"] < TARGET_PDF_SECONDS else "TOO SLOW"
    print(f"  PDF target < {TARGET_PDF_SECONDS} s: {verdict}")
    return results


if __name__ == "__main__":
    main()
