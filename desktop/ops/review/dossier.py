"""The dossier sent up: the round's nominations that the province (or district) decides."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.dates import format_date, year_end
from desktop.domain.rules import RulePack
from desktop.i18n import _
from desktop.ops.review.collective_kinds import collective_kind_problem
from desktop.ops.review.common import counts_on_cstdcs, round_ballots, stored_reasons
from desktop.ops.review.dossier_guard import waiting_upward, waiting_where
from desktop.ops.review.member_titles import DossierShares, dossier_share_failed, dossier_share_reasons
from desktop.store import Store, ValidationError, awards_repo, now_iso, staff_repo
from desktop.store.review_repo import (
    ballot_required,
    catalog_name,
    conferred_by,
    get_round_row,
    nominations,
    round_date,
    subject_name,
)
from desktop.store.rules_repo import effective_pack, unit_kind


def build_dossier(store: Store, *, round_id: int) -> int:
    """Gather the round's upward nominations (titles/awards the province confers) that passed or need no ballot."""
    pack = effective_pack(store)
    round_row = get_round_row(store, round_id)
    with store.transaction(operation="review.build_dossier"):
        # Read and choose under the write lock: another window may have sent the same nominees up meanwhile.
        chosen, left_out = _choose_upward(store, pack, round_id)
        stamp = now_iso()
        dossier_id = store.add(
            "dossiers",
            {
                "round_id": round_id,
                "status": "draft",
                "notes": "\n".join(_("Không đưa vào hồ sơ: {which}").format(which=which) for which in left_out),
            },
        )
        settled = _cstdcs_settled(store, pack, round_id)
        # a collective title goes up with its members' LĐTT as held, not as the engine foresaw it
        shares = DossierShares(store, pack, int(round_row["year"]), round_date(round_row))
        for row in chosen:
            store.add("dossier_items", {"dossier_id": dossier_id, "nomination_id": row["id"]})
            changes: dict[str, Any] = {"status": "sent_up", "updated_at": stamp}
            held = dossier_share_reasons(shares, row, row["engine_reasons"])
            if held is not None:
                changes["engine_reasons"] = held
            reason = settled(row)
            if reason:
                changes["engine_reasons"] = _with_reason(changes.get("engine_reasons", row["engine_reasons"]), *reason)
            store.update("nominations", int(row["id"]), changes)
    return dossier_id


def _with_reason(reasons_json: str | None, text: str, cite: str) -> str:
    return json.dumps([*stored_reasons(reasons_json), {"text": text, "cite": cite, "met": True}], ensure_ascii=False)


_RELIANCE_PARAM = {"own": "requires_title", "own_route": "consecutive_cstdcs_years", "members": "min_cstdcs_members"}


def _cstdcs_settled(store: Store, pack: RulePack, round_id: int) -> Callable[[dict[str, Any]], tuple[str, str] | None]:
    """What settled the CSTĐCS of this year a nomination counted on, as a reason (text, citation) to send with it.

    The engine wrote "Phụ thuộc kết quả bỏ phiếu Chiến sĩ thi đua cơ sở" when it proposed the nomination; by the
    time the dossier goes up the council has voted, and the province must read that result, not the old wait."""
    round_row = get_round_row(store, round_id)
    year = int(round_row["year"])
    ballots = round_ballots(store, round_id)
    rows = store.query("SELECT * FROM nominations WHERE round_id = ? AND code = 'CSTDCS' ORDER BY id", (round_id,))
    voted = {
        int(r["staff_id"]): ballots[int(r["id"])]
        for r in rows
        if r["staff_id"] and r["status"] in _CSTDCS_PASSED and int(r["id"]) in ballots
    }
    registered = {
        int(r["staff_id"]): r
        for r in store.query(
            "SELECT staff_id, decision_no FROM awards WHERE code = 'CSTDCS' AND year = ? "
            "AND target_kind = 'individual'",
            (year,),
        )
    }
    title = catalog_name(pack, "CSTDCS")

    def own(staff_id: int) -> str:
        if staff_id in registered:
            return _("{title} năm {year} đã được công nhận ({number})").format(
                title=title, year=year, number=registered[staff_id]["decision_no"] or _("không ghi số quyết định")
            )
        ballot = voted.get(staff_id)
        if ballot is None:
            return ""
        return _("Hội đồng đã bỏ phiếu đạt {title} năm {year}: {agree}/{total} thành viên đồng ý").format(
            title=title, year=year, agree=ballot["agree"], total=ballot["members_total"]
        )

    def settled(row: dict[str, Any]) -> tuple[str, str] | None:
        reliance = counts_on_cstdcs(pack, row, year)
        text = ""
        if reliance in ("own", "own_route") and row["staff_id"]:
            text = own(int(row["staff_id"]))
        elif reliance == "members" and row["department_id"]:
            have = len(_counted_members(store, int(row["department_id"]), year) & (set(voted) | set(registered)))
            text = _(
                "Số thành viên đạt {title} năm {year} (Hội đồng đã bỏ phiếu đạt hoặc đã công nhận): {have}"
            ).format(title=title, year=year, have=have)
        if not text:
            return None
        return text, pack.param_cited(row["code"], _RELIANCE_PARAM[reliance], year_end(year)).citation()

    return settled


def _choose_upward(store: Store, pack: RulePack, round_id: int) -> tuple[list[dict[str, Any]], list[str]]:
    """The nominations to send up, and why those that counted on a refused CSTĐCS are left out.

    Refused when none may go."""
    chosen, left_out = upward_choice(store, pack, round_id)
    if not chosen:
        raise ValidationError(_nothing_to_send(left_out), field="round_id")
    return chosen, left_out


def _nothing_to_send(left_out: list[str], *, document: bool = False) -> str:
    lead = (
        _(
            "Không có đề nghị lên cấp trên nào đã qua Hội đồng (hoặc không cần bỏ phiếu) để đưa vào tờ trình; "
            "hãy ghi kết quả bỏ phiếu của Hội đồng trước."
        )
        if document
        else _("Không có đề nghị lên cấp trên nào đã qua Hội đồng (hoặc không cần bỏ phiếu) để lập hồ sơ.")
    )
    return lead + (" " + _("Không đưa vào: {which}.").format(which="; ".join(left_out)) if left_out else "")


def upward_choice(store: Store, pack: RulePack, round_id: int) -> tuple[list[dict[str, Any]], list[str]]:
    """The round's upward nominations not yet sent that may go up now, and why the others counting on a refused
    CSTĐCS may not: proposed or passed, conferred above the unit, their ballot passed or none needed, what they
    build on this year (the CSTĐCS) not refused by the council, a collective title's share of members holding
    LĐTT held by decisions in force (:func:`desktop.ops.review.member_titles.dossier_share_failed`), and a collective
    of a kind the title is for on the round's date (:func:`collective_kind_problem`)."""
    round_row = get_round_row(store, round_id)
    on = round_date(round_row)
    kind = unit_kind(store)
    ballots = round_ballots(store, round_id)
    shares = DossierShares(store, pack, int(round_row["year"]), on)
    chosen = []
    left_out: list[str] = []
    rows = store.query("SELECT * FROM nominations WHERE round_id = ? ORDER BY id", (round_id,))
    for row in rows:
        if row["status"] not in ("proposed", "passed"):
            continue
        if conferred_by(pack, row["code"], on, kind) != "upward":
            continue
        ballot = ballots.get(int(row["id"]))
        if ballot_required(pack, row["code"], on) and (ballot is None or not ballot["passed"]):
            continue
        reason = (
            _wrong_kind_of_collective(store, pack, row, on)
            or _already_in_register(store, row, round_row["year"])
            or _already_sent_up(store, row, round_row["year"])
            or _cstdcs_dependency_failed(store, pack, row, rows, round_row["year"])
            or dossier_share_failed(shares, row)
        )
        if reason:
            who = subject_name(store, row["target_kind"], row["staff_id"], row["department_id"], row["household_name"])
            left_out.append(f"{who} ({catalog_name(pack, row['code'])}): {reason}")
            continue
        chosen.append(row)
    return chosen, left_out


def _wrong_kind_of_collective(store: Store, pack: RulePack, row: dict[str, Any], on: date) -> str:
    """Why a collective nomination may not go up: the title is not for its kind of collective on the round's date
    (Thôn văn hóa, decided by the district before 1/7/2025, proposed for an office by an older version)."""
    if row["target_kind"] != "collective":
        return ""
    # its last full stop dropped: the reasons are joined with "; " and the list ends with one
    return collective_kind_problem(store, str(row["code"]), row["department_id"], on, pack=pack).rstrip(".")


def _already_in_register(store: Store, row: dict[str, Any], year: int) -> str:
    """Why a nomination must not go up: the register already holds that award for that subject and year (the
    province's decision recorded by hand or received), so asking again would have it decided and paid twice."""
    held = awards_repo.held_award(store, row, year, str(row["code"]))
    if held is None:
        return ""
    return _("sổ khen thưởng đã có khen thưởng này năm {year} ({number}{date}{issuer})").format(
        year=year,
        number=held["decision_no"] or _("không ghi số quyết định"),
        date=_(" ngày {date}").format(date=format_date(held["decision_date"])) if held["decision_date"] else "",
        issuer=f", {held['issuer']}" if held["issuer"] else "",
    )


def _already_sent_up(store: Store, row: dict[str, Any], year: int) -> str:
    """Why a nomination must not go up: another round's dossier sent the same award for the same subject and year
    and the level above has not decided it yet (a title is conferred once a year; twice sent, twice paid)."""
    waiting = waiting_upward(
        store,
        year=year,
        target_kind=row["target_kind"],
        staff_id=row["staff_id"],
        department_id=row["department_id"],
        household=row["household_name"] or "",
        code=str(row["code"]),
        skip_id=int(row["id"]),
    )
    if waiting is None:
        return ""
    return _(
        "đã gửi cấp trên năm {year} trong {where} (đề nghị số {id}), đang chờ cấp trên quyết định; "
        "không gửi lại lần thứ hai"
    ).format(year=year, where=waiting_where(waiting), id=waiting["id"])


def proposed_upward_ids(store: Store, round_id: int, *, dossier_id: int | None = None) -> set[int]:
    """The nominations of one sending to the level above, for its tờ trình and list.

    With ``dossier_id``: that dossier's nominations (a reprint of what it sent). Otherwise the next sending when
    nominations are ready that no dossier has taken yet (what :func:`build_dossier` would take now), else the
    latest dossier's nominations (a reprint of the last sending); a nomination already sent is never proposed
    again. Refused when there is none of either."""
    if dossier_id is not None:
        dossier = store.get("dossiers", dossier_id, _("Không tìm thấy hồ sơ đề nghị số {id}.").format(id=dossier_id))
        if int(dossier["round_id"]) != round_id:
            raise ValidationError(
                _("Hồ sơ đề nghị số {id} thuộc đợt bình xét số {other}, không thuộc đợt số {round}.").format(
                    id=dossier_id, other=dossier["round_id"], round=round_id
                ),
                field="dossier_id",
            )
        return _dossier_item_ids(store, dossier_id)
    in_dossiers = {
        int(r["nomination_id"])
        for r in store.query(
            "SELECT i.nomination_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id WHERE d.round_id = ?",
            (round_id,),
        )
    }
    chosen, left_out = upward_choice(store, effective_pack(store), round_id)
    ready = {int(row["id"]) for row in chosen} - in_dossiers
    if ready:
        return ready
    latest = store.scalar("SELECT max(id) FROM dossiers WHERE round_id = ?", (round_id,))
    if latest is not None:
        return _dossier_item_ids(store, int(latest))
    raise ValidationError(_nothing_to_send(left_out, document=True), field="round_id")


def _dossier_item_ids(store: Store, dossier_id: int) -> set[int]:
    return {
        int(r["nomination_id"])
        for r in store.query("SELECT nomination_id FROM dossier_items WHERE dossier_id = ?", (dossier_id,))
    }


_CSTDCS_PASSED = ("passed", "decided", "sent_up")


def _cstdcs_dependency_failed(
    store: Store, pack: RulePack, row: dict[str, Any], rows: list[dict[str, Any]], year: int
) -> str:
    """Why a nomination that builds on this year's CSTĐCS no longer stands, or "".

    CSTĐ cấp tỉnh always needs the person's CSTĐCS of this year. The engine proposes TTLĐXS (a member must be
    CSTĐCS) and Bằng khen tỉnh (consecutive CSTĐCS years, or HTXSNV years) as "needs a vote" exactly when this
    year's CSTĐCS still waits for the council's ballot. When that CSTĐCS was not voted through, sending them up
    would claim what the council refused (or has not yet decided).
    """
    reliance = counts_on_cstdcs(pack, row, year)
    if not reliance:
        return ""
    cstdcs = {r["staff_id"] for r in rows if r["code"] == "CSTDCS" and r["status"] in _CSTDCS_PASSED}
    cstdcs |= {
        r["staff_id"]
        for r in store.query(
            "SELECT staff_id FROM awards WHERE code = 'CSTDCS' AND year = ? AND target_kind = 'individual'", (year,)
        )
    }
    if reliance in ("own", "own_route"):
        if row["staff_id"] in cstdcs:
            return ""
        own = [r for r in rows if r["code"] == "CSTDCS" and r["staff_id"] == row["staff_id"]]
        if own and all(r["status"] == "proposed" for r in own):
            return _("đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm {year}, Hội đồng chưa bỏ phiếu").format(
                year=year
            )
        if not own:
            return _(
                "đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm {year}, nhưng năm {year} người này không được "
                "đề nghị hay công nhận danh hiệu đó"
            ).format(year=year)
        return _(
            "đề nghị dựa vào danh hiệu Chiến sĩ thi đua cơ sở năm {year}, nhưng Hội đồng không bỏ phiếu đạt"
        ).format(year=year)
    members = _counted_members(store, int(row["department_id"]), year)
    needed = int(pack.param(row["code"], "min_cstdcs_members", year_end(year), default=1))
    have = len(members & cstdcs)
    if have >= needed:
        return ""
    return _(
        "cần ít nhất {needed} thành viên đạt Chiến sĩ thi đua cơ sở năm {year}, Hội đồng chỉ bỏ phiếu đạt cho {have}"
    ).format(needed=needed, year=year, have=have)


def _counted_members(store: Store, department_id: int, year: int) -> set[int]:
    """The collective's members of the year as the engine's share base counts them (domain.eligibility.collectives):
    those who left before 31/12 do not count."""
    members = set(staff_repo.year_members(store, year).get(department_id, ()))
    left = {
        int(r["id"])
        for r in store.query(
            "SELECT id FROM staff WHERE nullif(end_date, '') IS NOT NULL AND end_date < ?",
            (year_end(year).isoformat(),),
        )
    }
    return members - left


def get_dossier(store: Store, *, dossier_id: int) -> dict[str, Any]:
    pack = effective_pack(store)
    row = store.get("dossiers", dossier_id, _("Không tìm thấy hồ sơ đề nghị số {id}.").format(id=dossier_id))
    round_row = get_round_row(store, row["round_id"])
    items = nominations(
        store,
        pack,
        round_row,
        "AND n.id IN (SELECT nomination_id FROM dossier_items WHERE dossier_id = ?)",
        (dossier_id,),
    )
    return dict(row) | {
        "year": round_row["year"],
        "nominations": items,
        "package": _package_made(store, row, round_row),
    }


def _package_made(store: Store, dossier: dict[str, Any], round_row: dict[str, Any]) -> dict[str, Any] | None:
    """The newest electronic package made after the dossier was built (``file_name``, ``package_created_at``), or
    None: a nomination package carries every nomination of its year in a dossier, so one made since holds this
    dossier. Whether the file then reached the province, the program cannot know; it says the package was made."""
    return store.query_one(
        "SELECT file_name, package_created_at FROM packages WHERE direction = 'sent' AND kind = 'nomination_dossier' "
        "AND year = ? AND package_created_at >= ? ORDER BY package_created_at DESC, id DESC LIMIT 1",
        (round_row["year"], dossier["created_at"]),
    )
