"""The province's view of nominations a unit sent twice: the same subject, code and year under two UUIDs (a
supplementary dossier repeating one, a nomination deleted and made again). Known as each package arrives, so the
clerk choosing whom to decide on sees it; recording the second is refused (``province._refuse_awarded_twice``).

Apart from :mod:`desktop.exchange.province` because :mod:`desktop.exchange.importer`, which that module imports, says
the warning at the end of every import of a package. When a package was made (:func:`package_time_text`), which
the notes name the other package by, lives here for the same reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from desktop.exchange.record_checks import award_subject
from desktop.i18n import _
from desktop.store.db import Store
from desktop.store.rules_repo import effective_pack


def nomination_duplicates(
    store: Store, *, year: int | None = None, unit_code: str | None = None
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The received nominations that share their subject, code and year with another nomination of the same unit
    (:func:`award_subject`, as :func:`_refuse_awarded_twice` compares them at record time), by (unit code,
    nomination UUID): the others, each with the package that brought it. Known as soon as the package arrives,
    the clerk choosing whom to decide on sees it rather than learning it when recording.

    One UUID is one row (a newer version of the dossier updates it), so a nomination sent again is never its own
    duplicate; only two UUIDs are."""
    where = ["r.record_kind = 'nomination'", "r.withdrawn_at IS NULL"]
    params: list[Any] = []
    if year is not None:
        where.append("r.year = ?")
        params.append(year)
    if unit_code is not None:
        where.append("r.unit_code = ?")
        params.append(unit_code)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in store.query(
        "SELECT r.unit_code, r.record_uuid, r.content, r.package_id, coalesce(p.file_name, '') AS package_file, "
        "coalesce(p.package_created_at, r.package_created_at) AS package_created_at FROM remote_records r "
        f"LEFT JOIN packages p ON p.id = r.package_id WHERE {' AND '.join(where)} ORDER BY r.unit_code, r.id",
        params,
    ):
        try:
            content = json.loads(row["content"])
        except ValueError:
            continue
        subject = award_subject(content)
        if not any(subject[1:4]):  # no UUID and no name: nothing to compare on
            continue
        groups.setdefault((row["unit_code"], *subject), []).append(
            {
                "unit_code": row["unit_code"],
                "uuid": row["record_uuid"],
                "name": nominee_name(content),
                "package_id": row["package_id"],
                "package_file": row["package_file"],
                "package_created_at": row["package_created_at"],
            }
        )
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for members in groups.values():
        for member in members if len(members) > 1 else []:
            found[(member["unit_code"], member["uuid"])] = [m for m in members if m["uuid"] != member["uuid"]]
    return found


def duplicate_note(pack: Any, nomination: dict[str, Any], others: list[dict[str, Any]]) -> str:
    """The note a duplicated nomination carries in the province's list, naming where the other one came from;
    "" for one that has none."""
    if not others:
        return ""
    where = "; ".join(
        dict.fromkeys(  # two others from one package: that package once
            _("gói {file}, lập lúc {time}").format(
                file=other["package_file"] or "—", time=package_time_text(other["package_created_at"]) or "—"
            )
            for other in others
        )
    )
    return _(
        "Trùng: đơn vị {unit} đã gửi {n} đề nghị khác cũng đề nghị tặng “{title}” năm {year} cho {name} "
        "({where}). Mỗi danh hiệu, hình thức khen thưởng chỉ tặng một lần trong năm cho một đối tượng: khi ghi quyết "
        "định chỉ chọn một đề nghị."
    ).format(
        unit=others[0]["unit_code"],
        n=len(others),
        title=_award_title(pack, nomination.get("code")),
        year=nomination.get("year", ""),
        name=nominee_name(nomination) or others[0]["name"] or "—",
        where=where,
    )


def brought_duplicates(store: Store, package_id: int, unit_code: str) -> list[str]:
    """What the package ``package_id`` brought that duplicates another nomination of its unit, one line each
    (whom, the code and year, and the other's package): said by every import of a package (:func:`duplicates_warning`),
    and counted in the folder import's row."""
    lines: list[str] = []
    brought = store.query(
        "SELECT record_uuid, content FROM remote_records WHERE package_id = ? AND unit_code = ? "
        "AND record_kind = 'nomination' AND withdrawn_at IS NULL ORDER BY id",
        (package_id, unit_code),
    )
    twins = nomination_duplicates(store, unit_code=unit_code) if brought else {}
    pack = effective_pack(store) if twins else None
    for row in brought:
        others = twins.get((unit_code, row["record_uuid"]))
        if not others:
            continue
        content = json.loads(row["content"])
        lines.append(
            _("{name} — “{title}” năm {year}, trùng với đề nghị trong {where}").format(
                name=nominee_name(content) or row["record_uuid"],
                title=_award_title(pack, content.get("code")),
                year=content.get("year", ""),
                where=", ".join(
                    dict.fromkeys(
                        _("gói {file}").format(file=other["package_file"] or "—")
                        if other["package_id"] != package_id
                        else _("cùng gói này")
                        for other in others
                    )
                ),
            )
        )
    return lines


def duplicates_warning(lines: list[str]) -> str:
    """The warning an import's message ends with for the lines of :func:`brought_duplicates` ("" for none): the
    package is received all the same, the clerk chooses one nomination when deciding."""
    if not lines:
        return ""
    return _(
        "Cảnh báo: {n} đề nghị trùng với đề nghị khác của đơn vị (cùng đối tượng, cùng danh hiệu, hình "
        "thức khen thưởng, cùng năm): {list}. Gói vẫn được nhập; khi ghi quyết định chỉ chọn một đề nghị."
    ).format(n=len(lines), list="; ".join(lines))


def _award_title(pack: Any, code: Any) -> str:
    """The award's name in the catalogue; its code when the catalogue has none."""
    return str(pack.item(str(code)).name) if pack is not None and pack.has(str(code)) else str(code or "")


def nominee_name(content: dict[str, Any]) -> str:
    """The person's, the collective's or the household's name of a nomination record."""
    who = content.get("person") or content.get("collective") or {}
    return str(who.get("name") or content.get("household_name", ""))


def package_time(text: str | None) -> datetime:
    """When a package was made (its manifest's ``created_at``, always with its time zone), comparable across zones;
    the earliest time for a value that cannot be read."""
    try:
        moment = datetime.fromisoformat(str(text or ""))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def package_time_text(text: str | None) -> str:
    """When a package was made, as the clerk reads it ("06/12/2026 14:03:27", this PC's time), to tell two
    versions of one report apart; the stored text itself when it cannot be read."""
    try:
        moment = datetime.fromisoformat(str(text or ""))
    except ValueError:
        return str(text or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M:%S")
