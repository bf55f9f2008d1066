"""The places that make file names from data use desktop.files.names: real files, names Windows accepts."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop.documents.certificates import CertificateData, bundled_template, render_one_per_person
from desktop.files.names import MAX_PATH_CHARS, name_key, path_length
from desktop.ops import certificates as certificate_ops
from desktop.ops import movements as mv
from tests.files.test_names import windows_accepts


def _paper(name: str, register: str | int) -> CertificateData:
    return CertificateData(
        recipient_prefix="",
        recipient_name=name,
        unit_name="Xã Lũng Cú",
        achievement="Đã có thành tích xuất sắc",
        decision_number_text="125/QĐ-UBND",
        decision_date=date(2025, 12, 30),
        register_no=register,
        place_name="Lũng Cú",
        official_title="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        signer_name="Nguyễn Văn Sơn",
    )


def test_one_pdf_per_person_whatever_the_names(tmp_path):
    base = tmp_path / "Giấy chứng nhận"
    room = 180 - path_length(base) - 1  # a folder 180 characters long: 55 left for a name and ".pdf"
    folder = base / ("Quyết định 125 QĐ-UBND khen thưởng tập thể " * 5)[:room].rstrip(" ").ljust(room, "x")
    assert path_length(folder) == 180
    items = [
        _paper('Tổ "Xung kích"/Thôn 3: <đội 1>', 1),
        _paper("Nguyễn Văn A.", 2),
        _paper("NGUYỄN VĂN A", 2),  # the same file name without case: numbered
        _paper("Con", "CON"),  # a register "number" that is a device name
        _paper("Tập thể Hợp tác xã nông nghiệp dịch vụ tổng hợp thôn Lũng Cú Hạ, xã Lũng Cú", 5),
        _paper("", ""),
    ]
    paths = render_one_per_person(items, bundled_template("giay_khen_tap_the_a4"), folder)
    names = [p.name for p in paths]
    assert names[:4] == [
        "001 - To Xung kich Thon 3 doi 1.pdf",
        "002 - Nguyen Van A.pdf",
        "002 - NGUYEN VAN A (2).pdf",
        "CON - Con.pdf",  # not a device name: only "CON" alone or "CON.<ext>" is
    ]
    assert names[4] == "005 - Tap the Hop tac xa nong nghiep dich vu tong hop.pdf"  # shortened to fit
    assert names[5] == "006 - giay_chung_nhan.pdf"
    assert all(windows_accepts(name) and name.endswith(".pdf") for name in names)
    assert len({name_key(name) for name in names}) == len(names)
    assert all(path_length(path) <= MAX_PATH_CHARS for path in paths)
    assert all(len(PdfReader(path).pages) == 1 for path in paths)


def test_a_template_whose_id_is_a_device_name(tmp_path):
    template = dataclasses.replace(bundled_template("giay_khen_a4"), id="con", name="Mẫu riêng")
    saved = certificate_ops.save_user_template(template)
    assert saved.name == "con_.toml" and windows_accepts(saved.name)
    loaded = certificate_ops.get_template("con")
    assert loaded.id == "con" and loaded.name == "Mẫu riêng"
    assert "con" in {t.id for t in certificate_ops.available_templates()}


def test_a_plan_with_a_long_name_is_copied_within_the_limit(unit_store, tmp_path):
    from tests.ops.movement_flow import setup_unit

    setup_unit(unit_store)
    movement_id = mv.create_movement(
        unit_store, name="Thi đua", kind="thematic", start_date="2025-01-01", end_date="2025-12-31"
    )
    plan = tmp_path / ("Kế hoạch phát động phong trào thi đua " * 4 + ".PDF")  # 156 characters
    plan.write_bytes(b"%PDF-1.4 ke hoach")
    saved = Path(mv.attach_plan(unit_store, movement_id=movement_id, path=plan)["path"])
    assert saved.read_bytes() == plan.read_bytes()
    assert path_length(saved) <= MAX_PATH_CHARS < path_length(saved.parent / plan.name)  # it was shortened
    assert saved.suffix == ".PDF"
    assert saved.name.startswith("Kế hoạch phát động phong trào thi đua") and windows_accepts(saved.name)
