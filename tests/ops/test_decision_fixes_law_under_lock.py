"""issue_decision reads the rule pack once, BEFORE its backup and its write lock, then chooses the nominees, checks
ballots and writes the decision with that pack. Another window (or a province package imported from the command
line) that changes the law in force meanwhile — here during the backup taken before the decision — is not seen:
the decision confers LĐTT without the council's secret ballot the law in force at the moment of writing requires,
although the function's own comment says the choice is read "inside the write lock: another window may have
decided a nominee meanwhile"."""

from __future__ import annotations

from datetime import date

import pytest

import desktop.ops.review.corrections as corrections_module
import desktop.ops.review.decisions as decisions_module
from desktop.ops import review
from desktop.store import ValidationError, open_store
from desktop.store.rules_repo import save_override
from tests.ops.test_decision_keeps_what_was_signed import LATER_BASIS
from tests.ops.test_documents_law import YEAR, demo, issue, year_round  # noqa: F401 (fixtures)

LDTT_BALLOT = """
[pack]
id = "vn-tinh-bophieu"
name = "Quy định tỉnh (thử)"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[titles.LDTT]
ballot_required = [{ value = true, cite = "Quyết định 9/2025/QĐ-UBND tỉnh (thử)", from = 2025-01-01 }]
ballot_threshold_percent = [{ value = 80, cite = "Quyết định 9/2025/QĐ-UBND tỉnh (thử)", from = 2025-01-01 }]
"""


def test_a_law_changed_by_another_window_during_the_backup_binds_the_decision(ldtt_round_2025, db_path, monkeypatch):
    store, round_id, ldtt = ldtt_round_2025
    real_backup = decisions_module.backup_before

    def backup_while_the_province_package_lands(store_, *, reason):
        real_backup(store_, reason=reason)
        other = open_store(db_path)  # the other window / `tdkt package import`
        try:
            save_override(other, name="Quy định tỉnh", source="province", toml_text=LDTT_BALLOT)
        finally:
            other.close()

    monkeypatch.setattr(decisions_module, "backup_before", backup_while_the_province_package_lands)
    with pytest.raises(ValidationError):
        review.issue_decision(
            store,
            round_id=round_id,
            decision_date=date(2026, 1, 20),
            signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo",
            subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            achievement_text="",
            nomination_ids=[ldtt[0]],
        )
    # with the law now in force, the same nominee without a ballot is refused
    monkeypatch.setattr(decisions_module, "backup_before", real_backup)
    with pytest.raises(ValidationError, match="bỏ phiếu kín"):
        review.issue_decision(
            store, round_id=round_id, decision_date=date(2026, 1, 20), signer_title="Chủ tịch",
            signer_name="Sùng Mí Pháo", subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2025",
            achievement_text="", nomination_ids=[ldtt[1]],
        )  # fmt: skip


def test_a_replacement_takes_the_law_saved_by_another_window_during_its_backup(demo, year_round, db_path, monkeypatch):  # noqa: F811
    """correct_decision likewise: the "Căn cứ" lines frozen on the replacement are those of the law in force when it
    is written, not of the law read before its backup."""
    ldtt = [n["id"] for n in review.get_round(demo, year_round)["nominations"] if n["code"] == "LDTT"]
    signed = issue(demo, year_round, ldtt[:2])
    real_backup = corrections_module.backup_before

    def backup_while_the_province_package_lands(store_, *, reason):
        real_backup(store_, reason=reason)
        other = open_store(db_path)
        try:
            save_override(other, name="Căn cứ của tỉnh", source="province", toml_text=LATER_BASIS)
        finally:
            other.close()

    monkeypatch.setattr(corrections_module, "backup_before", backup_while_the_province_package_lands)
    replacing = review.replace_decision(
        demo, decision_id=signed, reason="Sai trích yếu", decision_date=date(YEAR, 12, 22), changes={}
    )
    basis = review.get_decision(demo, decision_id=replacing)["legal_basis"]
    assert any("bản sửa của tỉnh" in line for line in basis), basis
