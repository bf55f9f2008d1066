"""The book a decision will be numbered in is asked before anything is written, and one number is one decision.

- :func:`check_series_usable` refuses, reading only, what issuing would refuse: a symbol that cannot be a book, one
  the unit has never used ("QĐ-UBNN"), a look-alike of a book in use ("QĐ.UBND"), a date before the book's last
  decision; a symbol typed loosely is the book ("qđ-ubnd " is QĐ-UBND);
- ``tdkt decision issue`` and ``tdkt decision replace`` with a book never used are refused with no backup made;
- a decision from above entered twice with its number spelt "12/Qđ-UBND" then "12/QĐ-UBND" is one decision.
Real SQLite store (the demo commune's yearly round of 2025).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.cli import main
from desktop.ops import backup, review, rules
from desktop.ops.demo import fill_demo
from desktop.ops.review.numbering import check_series_usable
from desktop.store import ValidationError, open_store
from tests.demo_date import DEMO_TODAY

HEADER = {"signer_title": "Chủ tịch", "signer_name": "Sùng Mí Pháo", "achievement_text": ""}
SIGNED = date(2026, 1, 6)


def _counts(store) -> tuple[int, int, int]:
    return tuple(store.scalar(f"SELECT count(*) FROM {table}") for table in ("number_series", "decisions", "audit_log"))


def test_the_book_is_checked_reading_only_before_issuing(ldtt_round_2025):
    store, round_id, ldtt = ldtt_round_2025
    review.issue_decision(
        store, round_id=round_id, decision_date=SIGNED, subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
        nomination_ids=[ldtt[0]], **HEADER,
    )  # fmt: skip
    before = _counts(store)
    assert check_series_usable(store, " qđ-ubnd ", SIGNED) == "QĐ-UBND"
    assert check_series_usable(store, "QĐ UBND", date(2026, 2, 1)) == "QĐ-UBND"  # a later date: fine

    with pytest.raises(ValidationError) as never_used:
        check_series_usable(store, "QĐ-UBNN", SIGNED)
    assert never_used.value.field == "series_key"
    message = str(never_used.value)
    assert "“QĐ-UBNN” chưa có" in message and "Đây là sổ văn bản mới" in message
    assert "tdkt decision series --series QĐ-UBNN --year 2026 --next 1" in message

    with pytest.raises(ValidationError) as look_alike:
        check_series_usable(store, "QĐ.UBND", SIGNED)
    assert look_alike.value.field == "series_key" and "“QĐ-UBND”" in str(look_alike.value)

    for typed in ("", "/", "QĐ/UBND"):
        with pytest.raises(ValidationError) as not_a_book:
            check_series_usable(store, typed, SIGNED)
        assert not_a_book.value.field == "series_key"

    with pytest.raises(ValidationError) as earlier:
        check_series_usable(store, "QĐ-UBND", date(2026, 1, 5))
    assert earlier.value.field == "decision_date" and "Quyết định số 1/QĐ-UBND" in str(earlier.value)

    assert _counts(store) == before  # nothing written, no book opened

    review.set_series_next_number(
        store, series_key="QĐ-UBNN", year=2026, next_number=1, reason="Sổ của Ủy ban", new_series=True
    )
    assert check_series_usable(store, "qđ-ubnn", SIGNED) == "QĐ-UBNN"  # opened on purpose: usable


@pytest.fixture
def tdkt(capsys, db_path):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo", "--today", "2025-12-04")[0] == 0
    return run


def _decision_backups(db_path) -> int:
    with open_store(db_path) as store:
        return sum(1 for info in backup.list_backups(store) if info.reason == "before_decision")


def test_the_command_line_refuses_a_book_never_used_before_its_backup(tdkt, db_path):
    code, out, err = tdkt("review", "create", "--year", "2025", "--json")
    assert code == 0, err
    created = json.loads(out)
    round_id = str(created["id"])
    ldtt = [str(n["id"]) for n in created["nominations"] if n["code"] == "LDTT"]
    issue = (
        "decision", "issue", "--round", round_id, "--date", "2026-01-06", "--signer-title", "Chủ tịch",
        "--signer-name", "Sùng Mí Pháo", "--subject", "Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
    )  # fmt: skip
    code, out, err = tdkt(*issue, "--nomination", ldtt[0])
    assert code == 0, err
    assert _decision_backups(db_path) == 1

    code, out, err = tdkt(*issue, "--nomination", ldtt[1], "--series", "QĐ-UBNN")
    assert code != 0 and "“QĐ-UBNN” chưa có" in err
    assert _decision_backups(db_path) == 1  # refused before the backup: none made for nothing

    code, out, err = tdkt(*issue, "--nomination", ldtt[1], "--series", "QĐ.UBND")
    assert code != 0 and "“QĐ.UBND”" in err and "“QĐ-UBND”" in err
    assert _decision_backups(db_path) == 1

    code, out, err = tdkt(
        "decision", "replace", "1/QĐ-UBND", "--year", "2026", "--reason", "Sai ký hiệu", "--date", "2026-01-07",
        "--series", "QĐ-UBNN",
    )  # fmt: skip
    assert code != 0 and "“QĐ-UBNN” chưa có" in err
    assert _decision_backups(db_path) == 1

    code, out, err = tdkt(
        "decision", "replace", "1/QĐ-UBND", "--year", "2026", "--reason", "Sai trích yếu", "--date", "2026-01-07",
        "--series", "qđ-ubnd",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Đã ban hành Quyết định số 2/QĐ-UBND ngày 07/01/2026 thay thế")
    assert _decision_backups(db_path) == 2


def test_a_decision_from_above_spelt_another_way_is_the_same_decision(store):
    fill_demo(store, today=DEMO_TODAY)
    staff_id = store.scalar("SELECT min(id) FROM staff")
    common = {"staff_id": staff_id, "year": 2020, "code": "BK_TINH", "issuer": "UBND tỉnh Tuyên Quang"}
    rules.record_award_from_above(store, decision_no="12/Qđ-UBND", decision_date=date(2020, 12, 20), **common)
    awards = store.scalar("SELECT count(*) FROM awards")
    for spelt in ("12/QĐ-UBND", "Số 12/qđ-ubnd", "12 / QĐ–UBND"):
        with pytest.raises(ValidationError) as refused:
            rules.record_award_from_above(store, decision_no=spelt, decision_date=date(2020, 12, 20), **common)
        assert refused.value.field == "code" and "Quyết định số 12/Qđ-UBND ngày 20/12/2020" in str(refused.value)
    assert store.scalar("SELECT count(*) FROM awards") == awards
    # another decision may give the same award form again
    rules.record_award_from_above(store, decision_no="13/QĐ-UBND", decision_date=date(2020, 12, 21), **common)
    assert store.scalar("SELECT count(*) FROM awards") == awards + 1
