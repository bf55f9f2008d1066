"""The words a decision and a certificate use for each award: the achievement that earned it.

A CSTĐCS is not given for "hoàn thành tốt nhiệm vụ" (that is the LĐTT criterion), so the default achievement
follows the title or award form. This is the text of administrative documents (Vietnamese data), not
translated interface text; the clerk may always type another.
"""

from __future__ import annotations

from collections.abc import Iterable

_BY_CODE: dict[str, str] = {
    "LDTT": "Đã có thành tích hoàn thành tốt nhiệm vụ năm {year}",
    "CSTDCS": "Đã có thành tích tiêu biểu, xuất sắc trong phong trào thi đua năm {year}",
    "TTLDTT": "Đã có thành tích hoàn thành tốt nhiệm vụ năm {year}",
    "TTLDXS": "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {year}",
    "GIAY_KHEN": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
    "GDVH": "Đã đạt tiêu chuẩn danh hiệu “Gia đình văn hóa” năm {year}",
    "THON_VH": "Đã đạt tiêu chuẩn danh hiệu “Thôn, tổ dân phố văn hóa” năm {year}",
    "XA_TIEU_BIEU": "Đã có thành tích tiêu biểu, xuất sắc trong phong trào thi đua năm {year}",
}
_OTHER = "Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"


def default_achievement(code: str, year: int) -> str:
    """ "Đã có thành tích hoàn thành tốt nhiệm vụ năm 2025" for LĐTT, another sentence for CSTĐCS …"""
    return _BY_CODE.get((code or "").upper(), _OTHER).format(year=year)


def common_achievement(codes: Iterable[str], year: int) -> str:
    """The one default that fits every award of a decision, or "" when they differ (each line keeps its own)."""
    texts = {default_achievement(code, year) for code in codes}
    return texts.pop() if len(texts) == 1 else ""


__all__ = ["common_achievement", "default_achievement"]
