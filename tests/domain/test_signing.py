"""Signature blocks from the signing mode (desktop.domain.signing) and the achievement words of each award."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain import signing
from desktop.domain.award_text import common_achievement, default_achievement


def test_three_modes_for_a_commune():
    lines = {
        mode: signing.signature_lines(mode, head="Chủ tịch", signer_title="", body="Ủy ban nhân dân")
        for mode in signing.SIGNING_MODES
    }
    assert lines == {
        "chair": ("CHỦ TỊCH",),
        "deputy": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        "body": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    }


def test_a_unit_that_is_not_a_commune_derives_the_lines_from_its_head_title():
    school = signing.signature_lines("deputy", head="Hiệu trưởng", signer_title="")
    assert school == ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")
    assert signing.signature_lines("deputy", head="Giám đốc", signer_title="Phó Giám đốc") == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )
    assert signing.body_name("truong_hoc", "Trường Tiểu học Lũng Cú") == ""
    assert signing.body_name("ubnd_xa", "Ủy ban nhân dân xã Lũng Cú") == "Ủy ban nhân dân"
    assert signing.head_title("", "co_quan") == "Thủ trưởng đơn vị" and signing.head_title("", "ubnd_xa") == "Chủ tịch"


def test_body_mode_needs_a_body_and_titles_must_match_the_mode():
    school = {"unit_kind": "truong_hoc", "unit_name": "Trường Tiểu học Lũng Cú", "head": "Hiệu trưởng"}
    with pytest.raises(signing.SigningError, match=r"không ký “TM\.” được"):
        signing.check("body", signer_title="Hiệu trưởng", **school)
    signing.check("deputy", signer_title="Phó Hiệu trưởng", **school)
    commune = {"unit_kind": "ubnd_xa", "unit_name": "Ủy ban nhân dân xã Lũng Cú", "head": "Chủ tịch"}
    signing.check("body", signer_title="Chủ tịch", **commune)
    with pytest.raises(signing.SigningError, match=r"KT\. CHỦ TỊCH"):
        signing.check("chair", signer_title="Phó Chủ tịch", **commune)
    with pytest.raises(signing.SigningError, match="Phó Chủ tịch"):
        signing.check("deputy", signer_title="Chủ tịch", **commune)
    with pytest.raises(signing.SigningError, match="không hợp lệ"):
        signing.check("tm", signer_title="", **commune)


def test_the_decisions_default_is_the_strongest_mode_its_awards_need():
    assert signing.default_mode([]) == "chair"
    assert signing.default_mode(["chair", "chair"]) == "chair"
    assert signing.default_mode(["chair", "deputy"]) == "deputy"
    assert signing.default_mode(["deputy", "body", "chair"]) == "body"


def test_the_achievement_follows_the_award():
    assert default_achievement("LDTT", 2025) == "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025"
    assert "hoàn thành tốt" not in default_achievement("CSTDCS", 2025)
    assert "Gia đình văn hóa" in default_achievement("GDVH", 2025)
    assert common_achievement(["LDTT", "LDTT", "TTLDTT"], 2025) == default_achievement("LDTT", 2025)
    assert common_achievement(["LDTT", "GIAY_KHEN"], 2025) == ""


def test_only_the_head_signs_in_his_own_name_and_only_his_deputy_signs_kt():
    commune = {"unit_kind": "ubnd_xa", "unit_name": "Ủy ban nhân dân xã Lũng Cú", "head": "Chủ tịch"}
    # The head, a longer form of his title, an acting head: accepted for "chair" and "body".
    for title in ("Chủ tịch", "chủ tịch UBND xã", "Quyền Chủ tịch"):
        signing.check("chair", signer_title=title, **commune)
        signing.check("body", signer_title=title, **commune)
    # Anyone else signing as the head would print an office that does not confer the award.
    for title in ("Trưởng phòng", "Văn phòng", "Ủy viên"):
        with pytest.raises(signing.SigningError, match=f"“{title}” không ký như vậy được"):
            signing.check("chair", signer_title=title, **commune)
        with pytest.raises(signing.SigningError, match=f"“{title}” không ký như vậy được"):
            signing.check("body", signer_title=title, **commune)
    # KT. is signed by a deputy of this head, not by a deputy of another office.
    signing.check("deputy", signer_title="Phó Chủ tịch thường trực", **commune)
    for title in ("Ủy viên", "Phó Trưởng phòng"):
        with pytest.raises(signing.SigningError, match=r"chỉ do cấp phó của Chủ tịch ký"):
            signing.check("deputy", signer_title=title, **commune)
    school = {"unit_kind": "truong_hoc", "unit_name": "Trường Tiểu học Lũng Cú", "head": "Hiệu trưởng"}
    with pytest.raises(signing.SigningError, match=r"“Phó Chủ tịch” không phải cấp phó của Hiệu trưởng"):
        signing.check("deputy", signer_title="Phó Chủ tịch", **school)


def test_abbreviations_acting_heads_and_a_final_stop_name_the_same_post():
    commune = {"unit_kind": "ubnd_xa", "unit_name": "Ủy ban nhân dân xã Lũng Cú", "head": "Chủ tịch UBND xã"}
    signing.check("chair", signer_title="Chủ tịch Ủy ban nhân dân xã", **commune)
    signing.check("chair", signer_title="Chủ tịch.", **commune)
    signing.check("deputy", signer_title="Phó Chủ tịch Ủy ban nhân dân xã", **commune)
    agency = {"unit_kind": "co_quan", "unit_name": "Sở Nội vụ", "head": "Giám đốc"}
    signing.check("chair", signer_title="Q.Giám đốc", **agency)
    signing.check("chair", signer_title="Q. Giám đốc", **agency)
    with pytest.raises(signing.SigningError):
        signing.check("chair", signer_title="Chủ tịch Hội đồng nhân dân xã", **commune)


LUNG_CU = {"unit_kind": "ubnd_xa", "unit_name": "Ủy ban nhân dân xã Lũng Cú"}


@pytest.mark.parametrize("head", ["Chủ tịch", "Chủ tịch UBND", "Chủ tịch UBND xã"])
def test_a_longer_title_may_name_this_unit(head):
    for title in (
        "Chủ tịch",
        "Chủ tịch UBND xã",
        "Chủ tịch UBND xã Lũng Cú",
        "Chủ tịch Ủy ban nhân dân xã Lũng Cú.",
        "CHỦ TỊCH UBND XÃ LŨNG CÚ",
        "Chủ tịch UBND",
        "Quyền Chủ tịch UBND xã Lũng Cú",
        "Q. Chủ tịch Uỷ ban nhân dân xã Lũng Cú",
    ):
        signing.check("chair", signer_title=title, head=head, **LUNG_CU)
        signing.check("body", signer_title=title, head=head, **LUNG_CU)
    for title in ("Phó Chủ tịch UBND xã Lũng Cú", "Phó Chủ tịch"):
        signing.check("deputy", signer_title=title, head=head, **LUNG_CU)
    if head == "Chủ tịch":
        signing.check("deputy", signer_title="Phó Chủ tịch thường trực UBND xã Lũng Cú", head=head, **LUNG_CU)


def test_a_title_naming_another_unit_is_refused_quoting_both():
    """The chair of Lũng Táo (or of the district) does not sign Lũng Cú's decision."""
    for title in ("Chủ tịch UBND xã Lũng Táo", "Chủ tịch UBND huyện Đồng Văn", "Chủ tịch xã Lũng Táo"):
        for mode in ("chair", "body"):
            with pytest.raises(signing.SigningError, match=f"“{title}” ghi tên một đơn vị khác") as caught:
                signing.check(mode, signer_title=title, head="Chủ tịch", **LUNG_CU)
            assert "“Ủy ban nhân dân xã Lũng Cú”" in str(caught.value)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", signer_title="Chủ tịch UBND xã Lũng Táo", head="Chủ tịch UBND", **LUNG_CU)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", signer_title="Quyền Chủ tịch UBND xã Lũng Táo", head="Chủ tịch", **LUNG_CU)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", signer_title="Chủ tịch HĐND xã Lũng Cú", head="Chủ tịch", **LUNG_CU)
    with pytest.raises(signing.SigningError, match=r"“Phó Chủ tịch UBND xã Lũng Táo” ghi tên một đơn vị khác"):
        signing.check("deputy", signer_title="Phó Chủ tịch UBND xã Lũng Táo", head="Chủ tịch", **LUNG_CU)


def test_an_agency_title_names_the_agency_and_a_unit_without_a_name_is_not_compared():
    agency = {"unit_kind": "co_quan", "unit_name": "Sở Nội vụ", "head": "Giám đốc"}
    signing.check("chair", signer_title="Giám đốc Sở Nội vụ", **agency)
    signing.check("deputy", signer_title="Phó Giám đốc Sở Nội vụ", **agency)
    with pytest.raises(signing.SigningError, match=r"“Giám đốc Sở Tài chính” ghi tên một đơn vị khác.*“Sở Nội vụ”"):
        signing.check("chair", signer_title="Giám đốc Sở Tài chính", **agency)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("deputy", signer_title="Phó Giám đốc Sở Tài chính", **agency)
    # A commune recorded by its short name: the People's Committee may be spelt out in front of it.
    short = {"unit_kind": "ubnd_xa", "unit_name": "xã Lũng Cú", "head": "Chủ tịch"}
    signing.check("chair", signer_title="Chủ tịch UBND xã Lũng Cú", **short)
    signing.check("chair", signer_title="Chủ tịch xã Lũng Cú", **short)
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", signer_title="Chủ tịch UBND xã Lũng Táo", **short)
    signing.check("chair", signer_title="Chủ tịch UBND xã Lũng Táo", unit_kind="ubnd_xa", unit_name="", head="Chủ tịch")


def test_issuing_a_decision_refuses_the_chair_of_another_commune(store):
    """Through the review operations: the demo commune Lũng Cú cannot issue a decision signed by Lũng Táo's chair."""
    from desktop.ops import review
    from desktop.ops.demo import fill_demo
    from desktop.store import ValidationError
    from tests.demo_date import DEMO_TODAY

    fill_demo(store, today=DEMO_TODAY)
    round_id = review.create_round(store, year=2025, today=DEMO_TODAY)
    members = [
        {"full_name": "Sùng Mí Pháo", "role": "chair"},
        {"full_name": "Lò Văn Chứ", "role": "deputy"},
        {"full_name": "Hoàng Thị Mai", "role": "member"},
        {"full_name": "Vàng Thị Dở", "role": "secretary"},
    ]
    review.set_council(
        store, round_id=round_id, meeting_date=date(2025, 12, 15), location="Hội trường", members=members
    )
    ids = [n["id"] for n in review.get_round(store, round_id)["nominations"] if n["code"] == "LDTT"][:3]
    header = {"decision_date": date(2025, 12, 20), "signer_name": "Sùng Mí Pháo", "subject": "Về việc khen thưởng"}
    with pytest.raises(ValidationError, match="“Chủ tịch UBND xã Lũng Táo” ghi tên một đơn vị khác") as caught:
        review.issue_decision(
            store, round_id=round_id, nomination_ids=ids, signer_title="Chủ tịch UBND xã Lũng Táo", **header
        )
    assert caught.value.field == "signing_mode"
    decision_id = review.issue_decision(
        store, round_id=round_id, nomination_ids=ids, signer_title="Chủ tịch UBND xã Lũng Cú", **header
    )
    assert review.get_decision(store, decision_id=decision_id)["signer_title"] == "Chủ tịch UBND xã Lũng Cú"


@pytest.mark.parametrize(
    ("kind", "unit", "head", "mode", "title"),
    [
        ("truong_hoc", "Trường THCS Lũng Cú", "Hiệu trưởng", "chair", "Hiệu trưởng Trường Trung học cơ sở Lũng Cú"),
        ("truong_hoc", "Trường Trung học cơ sở Lũng Cú", "Hiệu trưởng", "chair", "Hiệu trưởng Trường THCS Lũng Cú"),
        ("co_quan", "Trung tâm Y tế huyện Đồng Văn", "Giám đốc", "chair", "Giám đốc TTYT huyện Đồng Văn"),
        ("ubnd_xa", "Ủy ban nhân dân xã Lũng Cú, huyện Đồng Văn", "Chủ tịch", "chair", "Chủ tịch UBND xã Lũng Cú"),
        ("ubnd_xa", "Ủy ban nhân dân xã Lũng Cú", "Chủ tịch", "chair", "Chủ tịch UBND xã Lũng Cú, huyện Đồng Văn"),
        ("ubnd_xa", "Ủy ban nhân dân xã Lũng Cú", "Chủ tịch", "deputy", "Phó Chủ tịch TT UBND xã Lũng Cú"),
    ],
)
def test_the_same_unit_abbreviated_spelt_out_or_with_its_district_is_this_unit(kind, unit, head, mode, title):
    """Review: these were refused as "another unit" (abbreviations other than UBND, a comma inside the name, the
    district added, "TT" for thường trực)."""
    signing.check(mode, unit_kind=kind, unit_name=unit, head=head, signer_title=title)


def test_another_school_or_commune_with_the_district_is_still_refused():
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", unit_kind="truong_hoc", unit_name="Trường THCS Lũng Cú", head="Hiệu trưởng",
              signer_title="Hiệu trưởng Trường THCS Lũng Táo")  # fmt: skip
    with pytest.raises(signing.SigningError, match="ghi tên một đơn vị khác"):
        signing.check("chair", unit_kind="ubnd_xa", unit_name="Ủy ban nhân dân xã Lũng Cú, huyện Đồng Văn",
                      head="Chủ tịch", signer_title="Chủ tịch UBND xã Lũng Táo, huyện Đồng Văn")  # fmt: skip
