"""A UTF-8 .csv with a few bytes that are not UTF-8 (a Windows-1252 "é" pasted into a note) was read whole as a
Windows code page: "Lê Anh" imported as "LÃª Anh", a department "VÄƒn phÃ²ng" made for it, and no word said. It is
refused, naming the file, the line of the first bad byte and how to save it again; real legacy files still read."""

from __future__ import annotations

import pytest

from desktop.documents.spreadsheet import decode_csv_bytes
from desktop.ops.staff_import import ImportFileError, import_staff_file, preview_import
from tests import xlsx_factory
from tests.xlsx_factory import PEOPLE

LINES = (
    "Họ và tên;Giới tính;Chức vụ;Phòng ban;Ghi chú\n"
    "Lê Anh;Nam;Chủ tịch;Văn phòng;\n"
    "Hà Văn Tú;Nam;Phó Chủ tịch;Văn phòng;\n"
    "Nguyễn Thị Lan;Nữ;Kế toán;Tài chính;\n"
)


@pytest.mark.parametrize(("bom", "stray"), [(b"", b"\xe9"), (b"", b"\x81"), (b"\xef\xbb\xbf", b"\xe9")])
def test_a_stray_byte_in_a_utf8_csv_refuses_the_file_naming_its_line(unit_store, tmp_path, bom, stray) -> None:
    path = tmp_path / "danh sách.csv"
    path.write_bytes(bom + LINES.encode() + "Trần Văn Bảy;Nam;Văn thư;Văn phòng;Caf".encode() + stray + b"\n")

    with pytest.raises(ImportFileError) as caught:
        preview_import(unit_store, path)

    assert str(caught.value) == (
        f"Tệp {path}, dòng 5: byte 0x{stray[0]:02X} không phải mã UTF-8 "
        "(gần “Trần Văn Bảy;Nam;Văn thư;Văn phòng;Caf\ufffd”), trong khi phần còn lại của tệp là UTF-8; đọc theo "
        "mã khác thì mọi chữ có dấu sẽ bị sai. Có lẽ chữ ở đó được chép từ nơi khác: hãy mở tệp bằng Excel hoặc "
        "Notepad, sửa chữ ở dòng đó rồi lưu lại dạng “CSV UTF-8” (hoặc lưu thành tệp .xlsx), rồi nhập lại."
    )
    with pytest.raises(ImportFileError, match="dòng 5: byte"):
        import_staff_file(unit_store, path)
    assert unit_store.scalar("SELECT count(*) FROM staff") == 0
    assert unit_store.scalar("SELECT count(*) FROM departments WHERE name LIKE '%Ä%'") == 0


def test_the_message_counts_the_bad_places_and_names_the_first(unit_store, tmp_path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes(LINES.encode().replace("Kế toán".encode(), b"K\xea to\xe1n") + b"Le Binh;Nam;;;ok\n")

    with pytest.raises(ImportFileError, match=r"dòng 4: byte 0xEA .* \(cả tệp có 2 chỗ như vậy\)"):
        preview_import(unit_store, path)


@pytest.mark.parametrize(
    ("kwargs", "name", "charset"),
    [
        ({"encoding": "cp1258", "delimiter": ";"}, "cp1258.csv", "cp1258"),
        ({"legacy": "tcvn3", "delimiter": ","}, "tcvn3.csv", "cp1252"),
        ({"legacy": "vni", "delimiter": "\t"}, "vni.csv", "cp1252"),
    ],
)
def test_legacy_csv_files_are_read_as_before(unit_store, tmp_path, kwargs, name, charset) -> None:
    path = xlsx_factory.csv_file(tmp_path / name, **kwargs)
    assert decode_csv_bytes(path.read_bytes())[1] == charset
    preview = preview_import(unit_store, path)
    assert [row.values["full_name"] for row in preview.rows] == [person[0] for person in PEOPLE]


def test_a_plain_ascii_list_with_one_windows_letter_is_still_windows_1252(unit_store, tmp_path) -> None:
    """Nothing in it is UTF-8 beyond ASCII: the one "é" is read as the code page says."""
    path = tmp_path / "ds.csv"
    path.write_bytes(b"Ho va ten;Gioi tinh;Ghi chu\nLe Van Anh;Nam;Caf\xe9\n")
    preview = preview_import(unit_store, path)
    assert [(row.values["full_name"], row.values.get("notes")) for row in preview.rows] == [("Le Van Anh", "Café")]


def test_a_broken_utf16_csv_is_refused_naming_its_line_not_read_with_lost_letters(unit_store, tmp_path) -> None:
    """Excel's "Unicode Text" cut short in the middle of a letter, or with half a letter (a lone surrogate): read
    with the damage replaced, "Nguyễn Thị L\ufffd" would be stored as a name."""
    text = LINES.replace(";", "\t")
    whole = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    cut = tmp_path / "cut.csv"
    cut.write_bytes(whole[:-1])  # the last line break's second byte lost (line 4 ends with it)
    half = tmp_path / "half.csv"
    marker = "Hà Văn Tú".encode("utf-16-le")
    half.write_bytes(whole.replace(marker, marker[:-2] + b"\x00\xd8"))  # "ú" → a lone high surrogate
    for path, line in ((cut, 4), (half, 3)):
        with pytest.raises(ImportFileError) as caught:
            preview_import(unit_store, path)
        assert str(caught.value).startswith(f"Tệp {path}, dòng {line}: văn bản Unicode (UTF-16) bị hỏng"), caught.value
        with pytest.raises(ImportFileError):
            import_staff_file(unit_store, path)
    assert unit_store.scalar("SELECT count(*) FROM staff") == 0
    good = tmp_path / "good.csv"
    good.write_bytes(whole)
    assert [row.values.get("full_name") for row in preview_import(unit_store, good).rows][:1] == ["Lê Anh"]
