"""File names made from data are names Windows accepts, checked with ``ntpath`` (Windows' own path rules).

Paths are ``PureWindowsPath``s under a real-looking profile, so lengths, separators and extensions are
measured as on the clerk's PC whatever machine runs the tests.
"""

from __future__ import annotations

import ntpath
from pathlib import PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.files.names import (
    MAX_PATH_CHARS,
    RESERVED,
    PathTooLongError,
    fit_path,
    is_reserved,
    name_key,
    path_length,
    safe_name,
)

PROFILE = PureWindowsPath(r"C:\Users\Nguyễn Văn Sơn\AppData\Roaming\TDKT")
FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def windows_accepts(name: str) -> bool:
    """What Windows (and Explorer) refuse in one name, spelled out independently of the code under test."""
    base = name.split(".", 1)[0].rstrip(" ").upper()
    return (
        bool(name)
        and not FORBIDDEN & set(name)
        and not name.endswith((".", " "))
        and base not in RESERVED
        and not PureWindowsPath(name).is_reserved()  # Python's own list of device names agrees
    )


@pytest.mark.parametrize(
    "device", ["CON", "con", "Prn", "aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "COM¹", "CONIN$", "conout$"]
)
@pytest.mark.parametrize("suffix", ["", ".pdf", ".tar.gz", " .txt"])
def test_device_names_get_a_mark_with_or_without_extension(device, suffix):
    original = device + suffix
    assert is_reserved(original) and PureWindowsPath(original).is_reserved()
    made = safe_name(original)
    assert windows_accepts(made), made
    assert made.upper().startswith(device.upper() + "_")
    path = fit_path(PROFILE, device, ".pdf")
    stem, extension = ntpath.splitext(ntpath.basename(str(path)))
    assert extension == ".pdf" and windows_accepts(ntpath.basename(str(path)))
    assert stem.upper() == device.upper() + "_"


@pytest.mark.parametrize("word", ["CONSOLE", "Console.pdf", "COM10", "LPT0", "AUXILIARY", "NULL", "Côn"])
def test_words_that_only_start_like_a_device_are_left_alone(word):
    assert not is_reserved(word)
    assert safe_name(word) == word


def test_forbidden_and_control_characters_and_trailing_dots_and_spaces():
    assert safe_name('Quyết định 12/QĐ-UBND: "khen" <tập thể>|a?b*c\\d') == "Quyết định 12 QĐ-UBND khen tập thể a b c d"
    assert safe_name("Nguyễn Văn A. . ") == "Nguyễn Văn A"
    assert safe_name("  ..ẩn\tmột\nphần\x00\x1f\x7f.  ") == "ẩn một phần"
    assert safe_name("12/QĐ-UBND", separator="-") == "12-QĐ-UBND"
    assert safe_name("???", fallback="van-ban") == "van-ban"
    assert safe_name("") == "tep"
    assert safe_name("con", part=True) == "con" and safe_name("con") == "con_"  # a piece of a longer name


def test_letters_are_kept_and_composed():
    decomposed = "Nguye\u0302\u0303n Va\u0306n So\u031bn"  # NFD, as some Mac or web sources give it
    assert safe_name(decomposed) == "Nguyễn Văn Sơn"


@given(st.text(max_size=300))
def test_any_text_becomes_a_name_windows_accepts(text):
    made = safe_name(text)
    assert windows_accepts(made), repr(made)
    assert path_length(made) <= 120
    assert safe_name(made) == made  # cleaning twice changes nothing


@given(st.text(max_size=400), st.sampled_from([".pdf", ".docx", ".xlsx", ".tdkt", ""]))
def test_any_text_fits_in_the_profile_folder(text, suffix):
    path = fit_path(PROFILE, text, suffix)
    name = ntpath.basename(str(path))
    assert ntpath.dirname(str(path)) == str(PROFILE)
    assert ntpath.splitext(name)[1] == suffix or (suffix == "" and "." in name)
    assert name.endswith(suffix) and windows_accepts(name), repr(name)
    assert path_length(path) <= MAX_PATH_CHARS


def test_a_long_name_is_shortened_to_keep_the_whole_path_under_the_limit():
    deep = PROFILE / "Giấy chứng nhận" / "Quyết định 125 QĐ-UBND ngày 20 tháng 12 năm 2025 về việc khen thưởng"
    name = "125 - " + "Tôn Nữ Hoàng Phương Thảo Nguyên " * 10
    path = fit_path(deep, name, ".pdf")
    text = str(path)
    assert len(text) <= MAX_PATH_CHARS and len(ntpath.join(str(deep), ntpath.basename(text))) == len(text)
    stem, extension = ntpath.splitext(ntpath.basename(text))
    assert extension == ".pdf"
    assert stem.startswith("125 - Tôn Nữ Hoàng Phương Thảo Nguyên") and not stem.endswith((" ", "."))
    assert len(fit_path(deep, name, ".pdf", limit=200).__str__()) <= 200


def test_names_stay_unique_without_case_even_when_shortened():
    taken: set[str] = set()
    names = []
    for person in ["Nguyễn Văn Sơn", "NGUYỄN VĂN SƠN", "nguyễn văn sơn", "Nguyễn Văn Sơn."]:
        path = fit_path(PROFILE, f"012 - {person}", ".pdf", taken=taken)
        taken.add(path.name)
        names.append(path.name)
    assert names == [
        "012 - Nguyễn Văn Sơn.pdf",
        "012 - NGUYỄN VĂN SƠN (2).pdf",
        "012 - nguyễn văn sơn (3).pdf",
        "012 - Nguyễn Văn Sơn (4).pdf",
    ]
    assert len({name_key(n) for n in names}) == 4
    # two long names that only differ after the cut
    folder = PureWindowsPath("C:\\" + "x" * 150)
    first = fit_path(folder, "a" * 200 + "1", ".pdf")
    second = fit_path(folder, "a" * 200 + "2", ".pdf", taken={first.name})
    assert first != second and len(str(second)) <= MAX_PATH_CHARS
    assert ntpath.basename(str(second)).endswith(" (2).pdf")


def test_a_cut_that_lands_on_a_device_name_is_marked():
    folder = PureWindowsPath("C:\\" + "d" * (MAX_PATH_CHARS - 11))  # "C:\\dd…d\\" leaves three letters + ".pdf"
    path = fit_path(folder, "Conan", ".pdf")
    assert ntpath.basename(str(path)) == "Co_.pdf"
    assert windows_accepts(ntpath.basename(str(path))) and len(str(path)) == MAX_PATH_CHARS


def test_letters_outside_the_bmp_count_twice():
    assert path_length("𝔸") == 2
    folder = PureWindowsPath("C:\\" + "d" * (MAX_PATH_CHARS - 10))
    path = fit_path(folder, "𝔸" * 20, ".pdf")
    assert path_length(path) <= MAX_PATH_CHARS and "\ud835" not in str(path)


def test_a_folder_too_long_for_any_name_is_refused_by_name():
    folder = PureWindowsPath("C:\\" + "d" * MAX_PATH_CHARS)
    with pytest.raises(PathTooLongError) as refused:
        fit_path(folder, "Nguyễn Văn Sơn", ".pdf")
    assert str(folder) in str(refused.value) and "quá dài" in str(refused.value)
    assert isinstance(refused.value, OSError)


def test_a_suffix_must_be_a_plain_extension():
    with pytest.raises(ValueError):
        fit_path(PROFILE, "a", ".pdf.")
    with pytest.raises(ValueError):
        fit_path(PROFILE, "a", ".p?f")
