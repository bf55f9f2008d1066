"""Code lists: ethnic groups (GSO), staff categories, ratings, unit kinds, discipline levels.

Labels are Vietnamese source strings marked for translation; codes are what the database and
packages store.
"""

from __future__ import annotations

from desktop.i18n import N_

# GSO list (QĐ 121-TCTK/PPCĐ), in its official order; 55 = foreigner.
ETHNIC_GROUPS: dict[str, str] = {
    "01": "Kinh",
    "02": "Tày",
    "03": "Thái",
    "04": "Hoa",
    "05": "Khơ-me",
    "06": "Mường",
    "07": "Nùng",
    "08": "HMông",
    "09": "Dao",
    "10": "Gia-rai",
    "11": "Ngái",
    "12": "Ê-đê",
    "13": "Ba Na",
    "14": "Xơ-Đăng",
    "15": "Sán Chay",
    "16": "Cơ-ho",
    "17": "Chăm",
    "18": "Sán Dìu",
    "19": "Hrê",
    "20": "Mnông",
    "21": "Ra-glai",
    "22": "Xtiêng",
    "23": "Bru-Vân Kiều",
    "24": "Thổ",
    "25": "Giáy",
    "26": "Cơ-tu",
    "27": "Gié-Triêng",
    "28": "Mạ",
    "29": "Khơ-mú",
    "30": "Co",
    "31": "Tà-ôi",
    "32": "Chơ-ro",
    "33": "Kháng",
    "34": "Xinh-mun",
    "35": "Hà Nhì",
    "36": "Chu-ru",
    "37": "Lào",
    "38": "La Chí",
    "39": "La Ha",
    "40": "Phù Lá",
    "41": "La Hủ",
    "42": "Lự",
    "43": "Lô Lô",
    "44": "Chứt",
    "45": "Mảng",
    "46": "Pà Thẻn",
    "47": "Cơ Lao",
    "48": "Cống",
    "49": "Bố Y",
    "50": "Si La",
    "51": "Pu Péo",
    "52": "Brâu",
    "53": "Ơ Đu",
    "54": "Rơ-măm",
    "55": "Người nước ngoài",
}
MAJORITY_ETHNIC_CODE = "01"
#: "Người nước ngoài": on the GSO list so a foreign staff member can be recorded, but not an ethnic group of Vietnam.
FOREIGN_ETHNIC_CODE = "55"
#: The 53 ethnic minorities (dân tộc thiểu số) the reports count (forms 0601–0605, the reports page): every group
#: of the list but Kinh and foreigners.
MINORITY_ETHNIC_CODES: frozenset[str] = frozenset(ETHNIC_GROUPS) - {MAJORITY_ETHNIC_CODE, FOREIGN_ETHNIC_CODE}

# Other spellings clerks write for the same group (official name first in ETHNIC_GROUPS). Matching ignores accents,
# case, spaces, hyphens and apostrophes (desktop.domain.staff.ethnic_code_for), so "Ê Đê", "Ê-đê" and "Êđê", or
# "H'Mông", "HMông" and "Hmong", already meet; this table holds what differs in letters: the name without the H
# ("Mông"), the international spelling ("Khmer", "Bahnar", "Jrai"), older names still in registers ("Cao Lan",
# "Vân Kiều", "Pa Cô") and the usual subgroup names ("Mông Trắng", "Dao Đỏ").
ETHNIC_VARIANTS: dict[str, tuple[str, ...]] = {
    "01": ("Việt", "Kinh (Việt)", "Người Kinh"),
    "04": ("Hán", "Người Hoa"),
    "05": ("Khmer", "Khơ Me Krôm", "Khmer Krôm", "Khmer Krom"),
    "08": ("Mông", "Mông Trắng", "Mông Hoa", "Mông Đen", "Mông Xanh", "Mông Đỏ", "Mông Đơ", "Mông Lềnh"),
    "09": ("Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt", "Dao Quần Trắng", "Dao Thanh Y", "Dao Thanh Phán", "Dao Áo Dài"),
    "10": ("Jrai", "Jarai", "Giơ Rai"),
    "12": ("Rađê", "Rhadé", "Ê Đê Kpă"),
    "13": ("Bahnar", "Ba Nar"),
    "14": ("Xê Đăng", "Sedang", "Xơ Teng"),
    "15": ("Cao Lan", "Sán Chỉ", "Cao Lan - Sán Chỉ", "Sán Chay (Cao Lan - Sán Chỉ)"),
    "16": ("K'Ho", "Kơ Ho", "Koho", "Cơ Ho Chil"),
    "17": ("Chàm", "Chăm Hroi"),
    "19": ("H'rê", "Hrê (Chăm Rê)"),
    "20": ("M'Nông", "Mơ Nông", "Mơnông"),
    "21": ("Rắc Lây", "Raglay"),
    "22": ("X'Tiêng", "Stiêng", "Xa Điêng", "Xơ Tiêng"),
    "23": ("Vân Kiều", "Bru", "Măng Coong", "Khùa"),
    "25": ("Dáy", "Nhắng"),
    "26": ("Ka Tu", "Katu", "Cơ Tu"),
    "27": ("Giẻ Triêng", "Triêng", "Ve", "Gié"),
    "29": ("Khmú", "Khơ Mú", "Xá Cẩu", "Kmhmu"),
    "30": ("Cor", "Cùa"),
    "31": ("Pa Cô", "Pa Kô", "Tà Ôi (Pa Cô)"),
    "32": ("Châu Ro", "Chro"),
    "36": ("Chơ Ru", "Chu Rú"),
    "42": ("Lữ",),
    "45": ("Mảng Ư",),
    "46": ("Pà Hưng",),
    "47": ("Cờ Lao",),
    "51": ("Ka Pèo",),
    "52": ("Brao", "Brau"),
    "53": ("Tày Hạt", "Ơ Đu (Tày Hạt)"),
    "54": ("Rơ Mâm", "Romam"),
    "55": ("Nước ngoài", "Ngoại quốc"),
}

GENDERS: dict[str, str] = {"M": N_("Nam"), "F": N_("Nữ")}
# Who an award is for, as a sentence names it (the code never reaches the clerk).
TARGET_WORDS: dict[str, str] = {
    "individual": N_("cá nhân"),
    "collective": N_("tập thể"),
    "household": N_("hộ gia đình"),
}

STAFF_CATEGORIES: dict[str, str] = {
    "can_bo": N_("Cán bộ"),
    "cong_chuc": N_("Công chức"),
    "vien_chuc": N_("Viên chức"),
    "nguoi_lao_dong": N_("Người lao động"),
    "hop_dong": N_("Hợp đồng"),
}

RATINGS: dict[str, str] = {
    "HTXSNV": N_("Hoàn thành xuất sắc nhiệm vụ"),
    "HTTNV": N_("Hoàn thành tốt nhiệm vụ"),
    "HTNV": N_("Hoàn thành nhiệm vụ"),
    "KHTNV": N_("Không hoàn thành nhiệm vụ"),
}

UNIT_KINDS: dict[str, str] = {
    "ubnd_xa": N_("Ủy ban nhân dân xã, phường, đặc khu"),
    "dang_uy": N_("Đảng ủy, cơ quan Đảng"),
    "co_quan": N_("Cơ quan hành chính nhà nước"),
    "don_vi_su_nghiep": N_("Đơn vị sự nghiệp"),
    "truong_hoc": N_("Trường học"),
    "mat_tran_doan_the": N_("Mặt trận Tổ quốc, đoàn thể"),
    "doanh_nghiep": N_("Doanh nghiệp"),
    "khac": N_("Khác"),
}

# Who confers a title or award form (rule pack ``conferred_by``), as shown to the clerk and in messages.
AUTHORITY_LABELS: dict[str, str] = {
    "unit": N_("đơn vị quyết định"),
    "district": N_("Chủ tịch Ủy ban nhân dân cấp huyện quyết định"),
    "province": N_("Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định"),
    "central": N_("Thủ tướng Chính phủ, Chủ tịch nước quyết định"),
    "upward": N_("cấp trên quyết định"),
    "none": N_("không áp dụng cho loại đơn vị này"),
}

# The paper each title or award form gets (rule pack ``certificate``); "" = money and a line in the decision only.
PAPER_LABELS: dict[str, str] = {
    "giay_khen": N_("Giấy khen"),
    "bang_chung_nhan": N_("Bằng chứng nhận"),
    "bang_khen": N_("Bằng khen"),
    "giay_cong_nhan": N_("Giấy công nhận"),
    "giay_chung_nhan": N_("Giấy chứng nhận (in theo lựa chọn của tỉnh, đơn vị)"),
    "": N_("Không in giấy: tiền thưởng và một dòng trong quyết định"),
}
# The paper's own name, as printed on the window's lists, in messages and in the QR check.
PAPER_NAMES: dict[str, str] = {
    "giay_khen": N_("Giấy khen"),
    "bang_chung_nhan": N_("Bằng chứng nhận"),
    "bang_khen": N_("Bằng khen"),
    "giay_cong_nhan": N_("Giấy công nhận"),
    "giay_chung_nhan": N_("Giấy chứng nhận"),
}

DEPARTMENT_KINDS: dict[str, str] = {
    "department": N_("Phòng, ban, bộ phận"),
    "collective": N_("Tập thể khác (thôn, tổ dân phố, tổ chức)"),
}

# Ordered from lightest to heaviest; the engine compares by position.
DISCIPLINE_LEVELS: dict[str, str] = {
    "khien_trach": N_("Khiển trách"),
    "canh_cao": N_("Cảnh cáo"),
    "ha_bac_luong": N_("Hạ bậc lương"),
    "giang_chuc": N_("Giáng chức"),
    "cach_chuc": N_("Cách chức"),
    "buoc_thoi_viec": N_("Buộc thôi việc"),
}

INITIATIVE_LEVELS: dict[str, str] = {
    "co_so": N_("Cấp cơ sở"),
    "tinh": N_("Cấp tỉnh"),
    "toan_quoc": N_("Toàn quốc"),
}

LEAVE_KINDS: dict[str, str] = {
    "maternity": N_("Nghỉ thai sản"),
    "sick": N_("Nghỉ ốm dài ngày"),
    "unpaid": N_("Nghỉ không lương"),
    "study": N_("Đi học"),
    "other": N_("Khác"),
}
# Leave kinds that count as time worked (NĐ152 Điều 4: maternity leave counts).
LEAVE_COUNTS_AS_WORKED = {"maternity": True, "sick": False, "unpaid": False, "study": True, "other": False}
