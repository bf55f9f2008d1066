"""Signature blocks from the signing mode (desktop.domain.signing) and the achievement words of each award."""

from __future__ import annotations

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
    assert signing.mode_line("deputy", head="Chủ tịch") == "KT. CHỦ TỊCH"
    assert signing.mode_line("chair", head="Chủ tịch") == ""


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
