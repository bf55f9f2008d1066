"""1,000 certificates into one PDF (target ≤ 2 s on two cores), and the same through a .docx and LibreOffice.

The LibreOffice route (python-docx mail merge, then ``soffice --headless --convert-to pdf``) is measured in the
same run, and its ratio to the direct PDF printed; without ``soffice`` on PATH that part says so and is skipped.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

COUNT = 1000
RUNS = 5  # full-mode renders; best and median are printed
TARGET_SECONDS = 2.0
_GIVEN = ["Sơn", "Thảo Nguyên", "Ngọc Trâm Anh", "Minh", "Hương", "Quốc Bảo", "Thị Lan", "Văn Hùng"]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Tôn Nữ Hoàng Phương", "Nguyễn Huỳnh Bảo", "Vàng Seo"]


def sample_items(count: int = COUNT, *, signed: bool = True) -> list:
    from desktop.documents.certificates import CertificateData, generate_keypair, sign_payload
    from desktop.documents.certificates.qr import PayloadFields

    private_pem, _public = generate_keypair()
    items = []
    for index in range(1, count + 1):
        name = f"{_FAMILY[index % len(_FAMILY)]} {_GIVEN[(index // 3) % len(_GIVEN)]}"
        payload = None
        if signed:
            fields = PayloadFields("02125", "125/QĐ-UBND", str(index), name, date(2025, 12, 30))
            payload = sign_payload(private_pem, fields)
        items.append(
            CertificateData(
                recipient_prefix="Ông" if index % 2 else "Bà",
                recipient_name=name,
                position="Chuyên viên",
                unit_name=f"Văn phòng HĐND và UBND xã, tổ {index % 12 + 1}",
                achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị, công tác chuyên môn",
                decision_number_text="125/QĐ-UBND",
                decision_date=date(2025, 12, 30),
                register_no=index,
                place_name="Lũng Cú",
                official_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LŨNG CÚ",
                signer_title="CHỦ TỊCH",
                signer_name="Nguyễn Văn Sơn",
                qr_payload=payload,
            )
        )
    return items


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, docx: Path, out: Path, profile: Path) -> float:
    """Seconds for ``soffice --headless --convert-to pdf``, with a throw-away LibreOffice profile."""
    started = time.perf_counter()
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), str(docx)],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    if not (out / f"{docx.stem}.pdf").exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx.name}")
    return time.perf_counter() - started


def main() -> dict[str, float]:
    from desktop.documents.certificates import bundled_template, render_certificates
    from desktop.documents.certificates.docx_mailmerge import write_docx_mailmerge

    template = bundled_template("giay_khen_a4")
    items = sample_items()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        render_certificates(items[:2], template, out / "warm.pdf")  # fonts and imports
        for mode, runs in (("full", RUNS), ("preprinted", 3)):
            times, cpu = [], []
            for _ in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                render_certificates(items, template, out / f"{mode}.pdf", mode=mode)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            results[f"pdf_{mode}_s"] = statistics.median(times)
            results[f"pdf_{mode}_best_s"] = min(times)
            results[f"pdf_{mode}_cpu_s"] = statistics.median(cpu)
            size = (out / f"{mode}.pdf").stat().st_size / 1e6
            print(
                f"  {COUNT} certificates ({mode}, with signed QR): best {min(times):.2f} s, "
                f"median {statistics.median(times):.2f} s of {runs} (CPU median {statistics.median(cpu):.2f} s), "
                f"{size:.1f} MB"
            )
        verdict = "OK" if results["pdf_full_s"] <= TARGET_SECONDS else "TOO SLOW"
        print(f"  target ≤ {TARGET_SECONDS} s (median wall-clock, full): {verdict}")

        started = time.perf_counter()
        docx = write_docx_mailmerge(items, template, out / "merge.docx")
        results["docx_s"] = time.perf_counter() - started
        print(f"  .docx mail merge of {COUNT}: {results['docx_s']:.2f} s")
        soffice = _soffice()
        if soffice is None:
            print(
                "  LibreOffice not installed (no soffice on PATH) — LibreOffice route and ratio skipped "
                "(apt-get install libreoffice-writer-nogui)"
            )
            return results
        profile = out / "lo-profile"
        warm = write_docx_mailmerge(items[:2], template, out / "warm.docx")
        results["libreoffice_first_start_s"] = _convert(soffice, warm, out, profile)  # creates the profile
        results["libreoffice_s"] = _convert(soffice, docx, out, profile)
        route = results["docx_s"] + results["libreoffice_s"]
        results["libreoffice_route_s"] = route
        results["libreoffice_ratio"] = route / results["pdf_full_s"]
        print(
            f"  LibreOffice .docx → PDF of {COUNT}: {results['libreoffice_s']:.2f} s "
            f"(first start with a new profile, 2 pages: {results['libreoffice_first_start_s']:.2f} s, not counted)"
        )
        print(
            f"  LibreOffice route (.docx + conversion): {route:.2f} s = {results['libreoffice_ratio']:.1f}× "
            f"the direct PDF (median {results['pdf_full_s']:.2f} s, same run)"
        )
    return results


if __name__ == "__main__":
    main()
