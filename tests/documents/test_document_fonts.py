"""Which font program the PDFs embed: Times New Roman where the system has it, else the bundled Liberation Serif.

Real PDFs go through the public renderers and are read back with pypdf. A temporary folder stands in for
``C:\\Windows\\Fonts`` through ``TDKT_FONT_DIRS``, so nothing depends on the fonts installed on this machine.
Microsoft's font cannot ship with the tests, so the fake Windows folder holds the bundled Liberation *Sans*
under the Times file names: a PDF embedding "LiberationSans" took the Windows path, "LiberationSerif" the
bundled one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
import reportlab
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from desktop.documents import movement_docs, review_docs
from desktop.documents.certificates import (
    CertificateData,
    bundled_template,
    calibration_page,
    field_boxes,
    render_certificates,
)
from desktop.documents.certificates.render import MM
from desktop.documents.fonts import (
    FONT_DIRS_ENV,
    OFFICE_FONT_NAME,
    bundled_liberation_serif,
    document_font,
    load_font_set,
    reset_document_font,
    system_font_dirs,
)
from desktop.paths import resource_path
from tests.documents.sample_docs import REPORT_UNIT
from tests.documents.test_review_docs import LONGEST_NAME, decision_doc

WINDOWS_NAMES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"}
# Only two Liberation Sans faces are bundled; the italic names get the upright ones (the test reads names, not slants).
SANS = {
    "regular": resource_path("fonts", "LiberationSans-Regular.ttf"),
    "bold": resource_path("fonts", "LiberationSans-Bold.ttf"),
    "italic": resource_path("fonts", "LiberationSans-Regular.ttf"),
    "bold_italic": resource_path("fonts", "LiberationSans-Bold.ttf"),
}
# Bitstream Vera (shipped inside reportlab) has đ but no ỦỸẫờự: a Times New Roman too old for Vietnamese.
_VERA = Path(reportlab.__file__).parent / "fonts"
NO_VIETNAMESE = {
    "regular": _VERA / "Vera.ttf",
    "bold": _VERA / "VeraBd.ttf",
    "italic": _VERA / "VeraIt.ttf",
    "bold_italic": _VERA / "VeraBI.ttf",
}
BASE14 = ("Helvetica", "Times-", "Courier", "Symbol", "ZapfDingbats")

UseFonts = Callable[[Path], None]


@pytest.fixture
def use_font_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[UseFonts]:
    """Make ``folder`` the only system font folder (TDKT_FONT_DIRS) and forget the font chosen before."""

    def use(folder: Path) -> None:
        monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
        reset_document_font()

    yield use
    reset_document_font()  # the next test looks again, in the folders it is given


def fake_windows_fonts(root: Path, sources: dict[str, Path] = SANS) -> Path:
    """A stand-in for C:\\Windows\\Fonts: the four Times New Roman file names, copied from ``sources``."""
    folder = root / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for style, name in WINDOWS_NAMES.items():
        shutil.copy(sources[style], folder / name)
    shutil.copy(SANS["regular"], folder / "arial.ttf")  # other fonts sit there too
    return folder


def no_windows_fonts(root: Path) -> Path:
    folder = root / "empty-fonts"
    folder.mkdir(parents=True)
    return folder


def embedded_fonts(path: Path) -> list[dict[str, object]]:
    """Every font of every page (and of the form XObjects pages draw): name, subtype, whether its program is in."""
    found: list[dict[str, object]] = []

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            found.append(
                {
                    "name": str(font["/BaseFont"]).lstrip("/"),
                    "subtype": str(font.get("/Subtype")),
                    "program": descriptor is not None and "/FontFile2" in descriptor.get_object(),
                }
            )
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        visit(page.get("/Resources"))
    return found


def assert_embedded(path: Path, family: str) -> set[str]:
    """Every font is a TrueType subset of ``family`` with its program embedded; returns the names without tags."""
    fonts = embedded_fonts(path)
    assert fonts, path
    names = set()
    for font in fonts:
        name = str(font["name"])
        assert not name.startswith(BASE14), name  # base-14 fonts have no Vietnamese and are never embedded
        assert font["subtype"] == "/TrueType" and font["program"], font
        match = re.fullmatch(r"[A-Z]{6}\+(.+)", name)
        assert match, f"{name}: no subset tag"
        assert match.group(1).startswith(family), name
        names.add(match.group(1))
    return names


def pdf_text(path: Path) -> str:
    pages = (unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", " ".join(pages))


def certificate_data() -> CertificateData:
    return CertificateData(
        recipient_prefix="Bà",
        recipient_name=LONGEST_NAME,
        position="Chuyên viên Văn phòng HĐND và UBND",
        unit_name="Ủy ban nhân dân xã Lũng Cú",
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025",
        decision_number_text="125/QĐ-UBND",
        decision_date=date(2025, 12, 30),
        register_no=7,
        place_name="Lũng Cú",
        official_title="Chủ tịch Ủy ban nhân dân xã Lũng Cú",
        issuing_body="Ủy ban nhân dân xã Lũng Cú",
        signer_title="Chủ tịch",
        signer_name="Sùng Mí Dũng",
    )


# (folder maker, family the PDF must embed, is the font Times New Roman?)
PATHS = {
    "windows-times": (fake_windows_fonts, "LiberationSans", True),
    "bundled-liberation-serif": (no_windows_fonts, "LiberationSerif", False),
}


# -- the two paths, end to end ------------------------------------------------------------------------------


@pytest.mark.parametrize("situation", PATHS)
def test_decision_pdf_embeds_the_font_of_the_situation(situation, use_font_dir, tmp_path):
    make_folder, family, is_times = PATHS[situation]
    folder = make_folder(tmp_path)
    use_font_dir(folder)
    font = document_font()
    assert font.is_times is is_times
    assert font.source_path == (folder / "times.ttf" if is_times else bundled_liberation_serif()["regular"])
    path = review_docs.render("decision", decision_doc(), tmp_path / "quyet-dinh.pdf")
    names = assert_embedded(path, family)
    assert {family, f"{family}-Bold"} <= names
    if not is_times:  # the real bundled family has all four faces
        assert {"LiberationSerif-Italic", "LiberationSerif-BoldItalic"} <= names
    text = pdf_text(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in text and "Số: 125/QĐ-UBND" in text
    assert "Lũng Cú, ngày 30 tháng 12 năm 2025" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "CHỦ TỊCH Sùng Mí Dũng" in text
    assert "Nguyễn Thị Hoàng Phương Thảo" in text and "Lò Thị Mỷ" in text and "Lầu Thị Dợ" in text


@pytest.mark.parametrize("situation", PATHS)
def test_certificate_pdf_embeds_the_font_of_the_situation(situation, use_font_dir, tmp_path):
    make_folder, family, _is_times = PATHS[situation]
    use_font_dir(make_folder(tmp_path))
    path = render_certificates([certificate_data()], bundled_template("giay_khen_a4"), tmp_path / "giay-khen.pdf")
    assert {family, f"{family}-Bold"} <= assert_embedded(path, family)
    text = pdf_text(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "GIẤY KHEN" in text
    assert f"Bà {LONGEST_NAME}" in text
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025" in text
    assert "Quyết định số 125/QĐ-UBND, ngày 30 tháng 12 năm 2025" in text
    assert "Sùng Mí Dũng" in text


def test_pre_printed_certificate_and_calibration_page_embed_times_too(use_font_dir, tmp_path):
    use_font_dir(fake_windows_fonts(tmp_path))
    form = render_certificates(
        [certificate_data()], bundled_template("giay_khen_a4"), tmp_path / "in-phoi.pdf", mode="preprinted"
    )
    assert_embedded(form, "LiberationSans")
    assert LONGEST_NAME in pdf_text(form)
    page = calibration_page(tmp_path / "can-chinh.pdf")
    assert_embedded(page, "LiberationSans")
    assert "TRANG CĂN CHỈNH MÁY IN" in pdf_text(page)


def test_report_with_bar_charts_uses_no_base14_font(use_font_dir, tmp_path):
    """reportlab starts every chart drawing in Helvetica unless told otherwise: the report must not list it."""
    use_font_dir(no_windows_fonts(tmp_path))
    row = {"label": "Chiến sĩ thi đua cơ sở", "count": 3, "share": 60.0}
    data = {
        "year": 2025,
        "movement_name": "",
        "total": 5,
        "individual": 5,
        "collective": 0,
        "household": 0,
        "titles_total": 5,
        "award_forms_total": 0,
        "highlights": [],
        "titles": [row],
        "award_forms": [row],
        "departments": [dict(row, label="Văn phòng HĐND và UBND")],
        "gender": {"female": 3, "female_share": 60.0, "male": 2, "male_share": 40.0},
        "ethnic": {"majority": 1, "majority_share": 20.0, "minority": 4, "minority_share": 80.0},
        "position": {"leader": 1, "leader_share": 20.0, "direct_worker": 4, "direct_worker_share": 80.0},
    }
    path = movement_docs.report_pdf(REPORT_UNIT, data, tmp_path / "bao-cao.pdf")
    assert_embedded(path, "LiberationSerif")
    text = pdf_text(path)
    assert "Kết quả thi đua, khen thưởng năm 2025" in text and "Theo phòng, ban" in text


# -- a Times New Roman that cannot be used ----------------------------------------------------------------


def test_damaged_times_falls_back_to_liberation_serif(use_font_dir, tmp_path, caplog):
    folder = fake_windows_fonts(tmp_path)
    (folder / "times.ttf").write_bytes(b"\x00\x01\x00\x00 not a font at all " * 64)
    use_font_dir(folder)
    font = document_font()
    assert not font.is_times
    assert font.source_path == bundled_liberation_serif()["regular"]
    assert "times.ttf" in caplog.text  # support can see why the documents are not in Times New Roman
    path = review_docs.render("decision", decision_doc(2), tmp_path / "quyet-dinh.pdf")
    assert_embedded(path, "LiberationSerif")
    assert "QUYẾT ĐỊNH" in pdf_text(path)


def test_times_without_vietnamese_letters_is_refused(use_font_dir, tmp_path):
    glyphs = TTFont("probe-vera", str(NO_VIETNAMESE["regular"])).face.charToGlyph
    assert [ch for ch in "ỦỸẫờự" if ord(ch) not in glyphs]  # the stand-in really lacks them: the refusal is tested
    use_font_dir(fake_windows_fonts(tmp_path, NO_VIETNAMESE))
    font = document_font()
    assert not font.is_times
    path = render_certificates([certificate_data()], bundled_template("giay_khen_a4"), tmp_path / "giay-khen.pdf")
    assert_embedded(path, "LiberationSerif")
    assert f"Bà {LONGEST_NAME}" in pdf_text(path)


def test_certificate_lines_are_placed_for_the_font_in_use(use_font_dir, tmp_path):
    """Fitted lines are cached per font: after the font changes, names are centred with the new widths."""
    template = bundled_template("giay_khen_a4")
    lefts = []
    for situation in PATHS:
        make_folder, _family, _is_times = PATHS[situation]
        use_font_dir(make_folder(tmp_path / situation))
        path = render_certificates([certificate_data()], template, tmp_path / f"{situation}.pdf")
        drawn: dict[str, float] = {}

        def visit(text, cm, tm, _font, _size, drawn=drawn):
            if text.strip():
                drawn.setdefault(text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        PdfReader(path).pages[0].extract_text(visitor_text=visit)
        expected = field_boxes(template, certificate_data())["recipient"]
        assert drawn[expected.lines[0]] / MM == pytest.approx(expected.line_lefts_mm[0], abs=0.05)
        lefts.append(expected.line_lefts_mm[0])
    assert abs(lefts[0] - lefts[1]) > 1  # Sans is wider than Serif: the two really differ


def test_each_set_of_font_files_is_registered_once_under_its_own_name(tmp_path):
    first = load_font_set([fake_windows_fonts(tmp_path / "one")])
    assert load_font_set([tmp_path / "one"]) is first  # the same files: not read again
    second = load_font_set([fake_windows_fonts(tmp_path / "two")])
    assert first.is_times and second.is_times
    assert len({first.regular, second.regular, first.family, second.family}) == 4
    assert load_font_set([tmp_path / "nothing"]) is load_font_set([])  # the bundled font, registered once


# -- where to look, and when -----------------------------------------------------------------------------------


def test_font_folders_come_from_the_environment_variable(monkeypatch, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv(FONT_DIRS_ENV, f"{first}{os.pathsep} {second} {os.pathsep}")
    assert system_font_dirs() == [first, second]
    monkeypatch.setenv(FONT_DIRS_ENV, "")
    assert system_font_dirs() and first not in system_font_dirs()  # empty: the system's own folders
    monkeypatch.delenv(FONT_DIRS_ENV)
    assert system_font_dirs()


def test_the_font_is_chosen_once_until_reset(use_font_dir, monkeypatch, tmp_path):
    use_font_dir(no_windows_fonts(tmp_path))
    bundled = document_font()
    assert document_font() is bundled
    monkeypatch.setenv(FONT_DIRS_ENV, str(fake_windows_fonts(tmp_path)))
    assert document_font() is bundled  # cached: the folders are not searched again
    reset_document_font()
    times = document_font()
    assert times.is_times and times.family != bundled.family  # different files never share a reportlab name


def test_importing_the_renderers_loads_no_font():
    """Start-up cost: no font folder is scanned and nothing registered until a document is drawn."""
    script = textwrap.dedent(
        """
        import desktop.documents.admin_pdf, desktop.documents.certificates, desktop.documents.review_docs
        import desktop.documents.movement_docs
        from reportlab.pdfbase import pdfmetrics
        assert not [n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("TDKT")]
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# -- Word ----------------------------------------------------------------------------------------------------------


def test_docx_decision_sets_every_run_in_times_new_roman(tmp_path):
    """Whatever the machine has, the .docx names Times New Roman: Word substitutes it where it is missing."""
    path = review_docs.render("decision", decision_doc(), tmp_path / "quyet-dinh.docx")
    document = docx.Document(str(path))

    def effective_font(run, paragraph) -> str | None:
        if run.font.name:
            return run.font.name
        style = paragraph.style
        while style is not None:
            if style.font.name:
                return style.font.name
            style = style.base_style
        return None

    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for section in document.sections:
        paragraphs.extend(section.header.paragraphs)
        paragraphs.extend(section.first_page_header.paragraphs)
    runs = [(run, p) for p in paragraphs for run in p.runs if run.text.strip()]
    assert len(runs) > 50
    fonts = {effective_font(run, p) for run, p in runs}
    assert fonts == {OFFICE_FONT_NAME}, fonts
    used_styles = {p.style.name for p in paragraphs}
    for name in used_styles:
        style = document.styles[name]
        assert style.font.name in (None, OFFICE_FONT_NAME), name
