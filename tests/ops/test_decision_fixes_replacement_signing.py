"""A replacement is a new decision with its own date: its signature block must follow the law of THAT date.

The province gives the Giấy khen to the People's Committee as a body until 20/12/2025 and to the chair himself from
21/12/2025. A deputy signed the decision of 20/12 "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (right on
that day). A replacement signed by the same deputy on 22/12 only fixes the subject line; on 22/12 the power is
the chair's, and the program itself refuses "TM." on such a date (check_body_power: "không ký TM. được") — yet the
replacement silently keeps the old "TM. ỦY BAN NHÂN DÂN" line."""

from __future__ import annotations

from datetime import date

from desktop.ops import review, rules
from tests.ops.test_documents_law import YEAR, demo, issue, seven_people_two_awards, year_round  # noqa: F401

BODY_UNTIL_20_12 = """
[pack]
id = "vn-tinh-tm"
name = "Ví dụ"
version = "1"
valid_from = 2025-01-01
jurisdiction = "VN-08"
kind = "override"
base = "vn-national"

[award_forms.GIAY_KHEN]
signing = [
  { value = "body", cite = "Quyết định ví dụ của tỉnh", from = 2025-01-01 },
  { value = "chair", cite = "Quyết định ví dụ sửa đổi của tỉnh", from = 2025-12-21 },
]
"""


def test_replacement_signed_by_a_deputy_follows_the_signing_law_of_its_own_date(demo, year_round):  # noqa: F811
    ids = seven_people_two_awards(demo, year_round)
    rules.save_override(demo, name="Ký Giấy khen", toml_text=BODY_UNTIL_20_12)
    gk = [
        n["id"]
        for n in review.get_round(demo, year_round)["nominations"]
        if n["id"] in ids and n["code"] == "GIAY_KHEN"
    ]
    first = issue(
        demo, year_round, gk[:2], signing_mode="deputy", signer_title="Phó Chủ tịch", signer_name="Lò Văn Chứ"
    )
    assert review.get_decision(demo, decision_id=first)["on_behalf"].startswith(
        "TM. ỦY BAN NHÂN DÂN"
    )  # body's on 20/12

    # a fresh decision by the same deputy on 22/12 has no "TM." (the power is the chair's that day)
    fresh = issue(
        demo,
        year_round,
        gk[2:4],
        signing_mode="deputy",
        signer_title="Phó Chủ tịch",
        signer_name="Lò Văn Chứ",
        decision_date=date(YEAR, 12, 22),
    )
    assert review.get_decision(demo, decision_id=fresh)["on_behalf"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"

    replacing = review.replace_decision(
        demo,
        decision_id=first,
        reason="Sai trích yếu",
        decision_date=date(YEAR, 12, 22),
        changes={"subject": f"Về việc tặng Giấy khen năm {YEAR}"},
    )
    decision = review.get_decision(demo, decision_id=replacing)
    assert "TM." not in decision["on_behalf"], decision["on_behalf"]
    assert "TM. ỦY BAN NHÂN DÂN" not in review.signature_lines(demo, decision)
