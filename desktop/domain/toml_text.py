"""TOML files a person edits by hand (a province's rule pack, a certificate template), read the way Windows saves them.

Notepad and Word save UTF-8 with a byte-order mark, or "Unicode" (UTF-16), or the old Vietnamese code pages; the
standard ``tomllib`` refuses the first with an English "Invalid statement (at line 1, column 1)" and says nothing
useful about the others. Here the UTF-8 mark is dropped, any other encoding is named with the way to re-save the file,
and a syntax error is said in Vietnamese with its line and column. ``tomllib`` keeps only English messages and (before
Python 3.14) no line attribute, so its message is mapped by its fixed English prefix: written by hand because no
library translates them.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import Any

from desktop.i18n import N_, _


class TomlTextError(ValueError):
    """A TOML text that cannot be read, with the reason in the screen's language (file, line, column)."""


_UTF8_MARK = codecs.BOM_UTF8
_OTHER_MARKS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WHERE = re.compile(r"\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")

# tomllib's messages by their fixed start; the first match wins, so longer starts come first
_SYNTAX: tuple[tuple[str, str], ...] = (
    ("Invalid statement", N_("dòng này không phải “khóa = giá trị” hay tiêu đề bảng [..]")),
    ("Cannot overwrite a value", N_("khóa này đã có giá trị ở trên, không khai báo lại được")),
    ("Cannot declare", N_("khóa hoặc bảng này đã khai báo ở trên, không khai báo lại được")),
    ("Cannot redefine namespace", N_("khóa hoặc bảng này đã khai báo ở trên, không khai báo lại được")),
    ("Cannot mutate immutable namespace", N_("khóa hoặc bảng này đã khai báo ở trên, không khai báo lại được")),
    ("Duplicate inline table key", N_("khóa này đã có trong cùng bảng { }")),
    ("Unterminated string", N_("chuỗi thiếu dấu ngoặc kép đóng")),
    ("Unclosed inline table", N_("bảng { } thiếu dấu “}”")),
    ("Unclosed array", N_("danh sách [ ] thiếu dấu “]” hoặc thiếu dấu phẩy giữa hai phần tử")),
    ("Invalid value", N_("giá trị không hợp lệ (chữ phải nằm trong dấu ngoặc kép, số viết không có dấu chấm nghìn)")),
    ("Invalid initial character for a key part", N_("tên khóa bắt đầu bằng ký tự không hợp lệ")),
    ("Invalid date or datetime", N_("ngày không hợp lệ (viết dạng 2025-07-01)")),
    ("Invalid hex value", N_("dấu “\\” trong chuỗi không hợp lệ (viết “\\\\” hoặc dùng dấu nháy đơn)")),
    ("Escaped character", N_("dấu “\\” trong chuỗi không hợp lệ (viết “\\\\” hoặc dùng dấu nháy đơn)")),
    ("Unescaped '\\'", N_("dấu “\\” trong chuỗi không hợp lệ (viết “\\\\” hoặc dùng dấu nháy đơn)")),
    ("Illegal character '\\n'", N_("chuỗi thiếu dấu nháy kép đóng trước khi xuống dòng")),
    ("Illegal character", N_("có ký tự không được phép (ký tự điều khiển hoặc xuống dòng trong chuỗi)")),
    ("Found invalid character", N_("có ký tự không được phép (ký tự điều khiển hoặc xuống dòng trong chuỗi)")),
    ("Expected ']]'", N_("tiêu đề [[..]] thiếu dấu “]]”")),
    ("Expected ']'", N_("tiêu đề bảng thiếu dấu “]”")),
    ("Expected '='", N_("thiếu dấu “=” sau tên khóa")),
    (
        "Expected newline",
        N_(
            "sau giá trị còn chữ thừa trên cùng dòng (mỗi dòng một “khóa = giá trị”; "
            "số viết không có dấu phẩy, dấu chấm nghìn)"
        ),
    ),
    ("Expected", N_("thiếu ký tự cần có")),
)


def decode_toml(data: bytes, name: str) -> str:
    """The text of a TOML file's bytes: UTF-8, its byte-order mark dropped; another encoding is refused, named."""
    if data.startswith(_UTF8_MARK):
        data = data[len(_UTF8_MARK) :]
    elif data.startswith(_OTHER_MARKS):
        raise TomlTextError(
            _(
                "{file}: tệp được lưu ở mã Unicode (UTF-16), không phải UTF-8; hãy mở tệp bằng Notepad, chọn "
                "“Lưu thành” (Save As), chọn mã hóa UTF-8 rồi chọn lại tệp."
            ).format(file=name)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TomlTextError(
            _(
                "{file}, dòng {line}: có chữ không phải mã UTF-8 (tệp có thể lưu bằng mã TCVN3, VNI hoặc ANSI); "
                "hãy mở tệp bằng Notepad, chọn “Lưu thành” (Save As), chọn mã hóa UTF-8 rồi chọn lại tệp."
            ).format(file=name, line=line)
        ) from None


def syntax_problem(error: tomllib.TOMLDecodeError, name: str) -> str:
    """tomllib's English message in the screen's language, with the file, the line and the column."""
    message = str(error)
    found = _WHERE.search(message)
    what = next((_(text) for start, text in _SYNTAX if message.startswith(start)), _("sai cú pháp"))
    if found is None or found.group(1) is None:
        return _("{file}, cuối tệp: sai cú pháp TOML: {what}.").format(file=name, what=what)
    return _("{file}, dòng {line}, cột {column}: sai cú pháp TOML: {what}.").format(
        file=name, line=found.group(1), column=found.group(2), what=what
    )


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML ``text`` (an unread mark at its start dropped) as a dict; :class:`TomlTextError` when it cannot be."""
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise TomlTextError(syntax_problem(exc, name)) from None
    except (ValueError, RecursionError, MemoryError):  # a 5,000-digit number, tables nested thousands deep
        raise TomlTextError(
            _("{file}: không đọc được (số quá dài hoặc lồng nhau quá sâu).").format(file=name)
        ) from None


def read_toml_text(path: Path) -> str:
    """The text of the TOML file at ``path`` (OSError as raised; :class:`TomlTextError` for its encoding)."""
    return decode_toml(Path(path).read_bytes(), Path(path).name)


__all__ = ["TomlTextError", "decode_toml", "parse_toml", "read_toml_text", "syntax_problem"]
