"""Time to render every yearly-review document of a 300-awardee decision (issue 4: all of them under 2 s).

Decision PDF + .docx, payment list PDF + .xlsx, the council minutes, the tờ trình with its list, and the list
alone as .xlsx, from the hand-made data of ``tests/documents/test_review_docs.py``. Fonts are loaded before the
clock starts (once per process in the application too).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

AWARDEES = 300
TARGET_SECONDS = 2.0


def main() -> dict[str, float]:
    from desktop.documents import review_docs
    from desktop.documents.fonts import document_font
    from tests.documents.test_review_docs import decision_doc, minutes_doc, payment_doc, proposal_doc

    document_font()
    jobs = [
        ("decision", decision_doc(AWARDEES), "quyet-dinh.pdf"),
        ("decision", decision_doc(AWARDEES), "quyet-dinh.docx"),
        ("payment", payment_doc(AWARDEES), "chi-tien.pdf"),
        ("payment", payment_doc(AWARDEES), "chi-tien.xlsx"),
        ("minutes", minutes_doc(AWARDEES), "bien-ban.pdf"),
        ("proposal", proposal_doc(AWARDEES), "to-trinh.pdf"),
        ("proposal_list", proposal_doc(AWARDEES), "de-nghi.xlsx"),
    ]
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        started_all = time.perf_counter()
        for kind, doc, name in jobs:
            started = time.perf_counter()
            review_docs.render(kind, doc, Path(folder) / name)
            results[name] = time.perf_counter() - started
        results["total_s"] = time.perf_counter() - started_all
    print(f"yearly-review documents for a decision of {AWARDEES} awardees:")
    for name, seconds in results.items():
        if name != "total_s":
            print(f"  {name:16} {seconds:.3f} s")
    verdict = "OK" if results["total_s"] < TARGET_SECONDS else "TOO SLOW"
    print(f"  total            {results['total_s']:.3f} s (target < {TARGET_SECONDS} s): {verdict}")
    return results


if __name__ == "__main__":
    main()
