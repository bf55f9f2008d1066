"""A collective's TTLĐTT and TTLĐXS rest on its members' LĐTT: decided and sent up on the members who hold it.

The law asks a share of the collective's members who *achieve* Lao động tiên tiến (Luật TĐKT 2022 Điều 28: more
than 50% for TTLĐTT; Điều 27: at least 70% for TTLĐXS; the shares are the rule pack's). The eligibility engine
predicts that share for the review screen (a member meeting the criteria counts before the LĐTT decision); a
decision and a dossier count only the members who hold it:

- issuing a decision that confers the collective title (:func:`refuse_short_collectives`): the members holding
  LĐTT of the year by an award in force (a decision not cancelled or replaced, one from above, one recorded from
  the past) or given it by the same decision;
- sending the title up (:func:`dossier_share_failed`, :func:`dossier_share_reasons`): the members holding it by
  an award in force, and the share the dossier carries is that count, not the prediction;
- cancelling or replacing a decision that takes a member's LĐTT away: a note naming the collective when a title in
  force no longer has its share (:func:`titles_in_force_notes`), as for a CSTĐCS a title already awarded rests on
  (:func:`desktop.ops.review.corrections._province_decided_notes`); a note too when a title sent up in a dossier
  counts on it (:func:`dossier_share_notes`).

The members counted are those the engine divides by (:func:`desktop.domain.eligibility.collectives.share_members`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from desktop.domain.dates import year_end
from desktop.domain.eligibility.collectives import LDTT_SHARE_PARAMS, HeldShare, held_ldtt_share, share_members
from desktop.domain.history import PersonRecord
from desktop.domain.rules import RulePack, RulePackError
from desktop.i18n import N_, _
from desktop.ops.review.common import stored_reasons
from desktop.ops.review.person_titles import title_holders
from desktop.ops.review.rounds import held_text
from desktop.store import Store, ValidationError, staff_repo
from desktop.store.engine_input import load_unit_data
from desktop.store.review_repo import catalog_name, subject_name

_LDTT = "LDTT"
_NAMES_SHOWN = 5  # the members without LĐTT a message names; the dossier's reasons name them all


def has_ldtt_share(pack: RulePack, code: str) -> bool:
    """Whether the pack decides the collective title ``code`` on a share of members holding LĐTT."""
    return any(pack.has_param(code, name) for name, _more_than in LDTT_SHARE_PARAMS)


def ldtt_holders(store: Store, year: int) -> set[int]:
    """The people who hold LĐTT of ``year`` by an award in force (:func:`person_titles.title_holders`)."""
    return title_holders(store, year, _LDTT)


class _Members:
    """The members each collective's shares count for one year, read once (by the law of each date asked)."""

    def __init__(self, store: Store, pack: RulePack, year: int) -> None:
        self.store = store
        self.pack = pack
        self.year = year
        self._data: Any = None
        self._by_day: dict[date, dict[int | str, tuple[list[PersonRecord], str]]] = {}

    def of(self, department_id: int, on: date) -> tuple[list[PersonRecord], str]:
        if self._data is None:
            self._data = load_unit_data(self.store, year=self.year)
        if on not in self._by_day:
            self._by_day[on] = share_members(self._data, self.year, self.pack, on=on)
        return self._by_day[on].get(department_id, ([], ""))

    def share(self, department_id: int, code: str, on: date, holders: set[int]) -> HeldShare | None:
        members, left_out = self.of(department_id, on)
        return held_ldtt_share(code, members, holders, self.pack, on, left_out)


def _few(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_NAMES_SHOWN])
    if len(names) > _NAMES_SHOWN:
        return _("{names} và {n} người khác").format(names=shown, n=len(names) - _NAMES_SHOWN)
    return shown or _("không có")


def _share_words(pack: RulePack, share: HeldShare) -> dict[str, Any]:
    """The figures of a share as every message below words them."""
    return {
        "held": len(share.held),
        "total": share.total,
        "needed": share.needed,
        "rule": share.rule_text(),
        "law": share.threshold.citation(),
        "ldtt": catalog_name(pack, _LDTT),
        "title": catalog_name(pack, share.code),
        "left_out": share.left_out,
    }


# -- issuing a decision -------------------------------------------------------------------------------------------

_ISSUE_REFUSED = N_(
    "{collective} ({title}, đề nghị số {id}): chỉ {held}/{total} thành viên có danh hiệu “{ldtt}” năm {year} (theo "
    "quyết định đang có hiệu lực hoặc được tặng trong quyết định này); danh hiệu “{title}” cần {rule} thành viên "
    "đạt “{ldtt}”, tức ít nhất {needed}/{total} thành viên ({law}){left_out}. Chưa có danh hiệu “{ldtt}”: {names}. "
    "Hãy ra quyết định tặng “{ldtt}” cho các thành viên đủ điều kiện trước, hoặc bỏ đề nghị này khỏi quyết định."
)


_ISSUE_NO_MEMBERS = N_(
    "{collective} ({title}, đề nghị số {id}): không có thành viên nào được tính vào tỷ lệ thành viên đạt “{ldtt}” năm "
    "{year}{left_out}; danh hiệu “{title}” cần {rule} thành viên đạt “{ldtt}” ({law}). Hãy bỏ đề nghị này khỏi "
    "quyết định."
)


def refuse_short_collectives(store: Store, pack: RulePack, rows: list[dict[str, Any]], year: int, when: date) -> None:
    """Refuse a decision (its nominations ``rows``, signed ``when``) that confers a collective title resting on a
    share of LĐTT the collective's members do not hold: counted are the members holding LĐTT of ``year`` by an
    award in force (decisions issued before, in this transaction too) and those this decision gives it."""
    titles = [
        row
        for row in rows
        if row["target_kind"] == "collective" and row["department_id"] and has_ldtt_share(pack, str(row["code"]))
    ]
    if not titles:
        return
    holders = ldtt_holders(store, year) | {
        int(row["staff_id"])
        for row in rows
        if row["code"] == _LDTT and row["target_kind"] == "individual" and row["staff_id"] is not None
    }
    members = _Members(store, pack, year)
    for row in titles:
        try:
            share = members.share(int(row["department_id"]), str(row["code"]), when, holders)
        except RulePackError as exc:
            raise ValidationError(str(exc), field="decision_date") from None
        if share is None or share.met:
            continue
        raise ValidationError(
            _(_ISSUE_REFUSED if share.total else _ISSUE_NO_MEMBERS).format(
                collective=subject_name(store, "collective", None, row["department_id"], ""),
                id=row["id"],
                year=year,
                names=_few(share.missing),
                **_share_words(pack, share),
            ),
            field="nomination_ids",
            row=int(row["id"]),
        )


# -- sending the title up -----------------------------------------------------------------------------------------


class DossierShares:
    """The shares of the round's collective titles sent up, counting the members who hold LĐTT (read once)."""

    def __init__(self, store: Store, pack: RulePack, year: int, on: date) -> None:
        self.pack = pack
        self.year = year
        self.on = on
        self._members = _Members(store, pack, year)
        self._holders: set[int] | None = None
        self._store = store

    def share(self, row: dict[str, Any]) -> HeldShare | None:
        if row["target_kind"] != "collective" or not row["department_id"]:
            return None
        if not has_ldtt_share(self.pack, str(row["code"])):
            return None
        if self._holders is None:
            self._holders = ldtt_holders(self._store, self.year)
        try:
            return self._members.share(int(row["department_id"]), str(row["code"]), self.on, self._holders)
        except RulePackError:
            return None  # a date the law does not cover: the dossier says so elsewhere


def dossier_share_failed(shares: DossierShares, row: dict[str, Any]) -> str:
    """Why a collective title may not go up (its members do not hold the share of LĐTT it needs), or ""."""
    share = shares.share(row)
    if share is None or share.met:
        return ""
    return _(
        "chỉ {held}/{total} thành viên có danh hiệu “{ldtt}” năm {year} theo quyết định đang có hiệu lực, cần {rule} "
        "(ít nhất {needed}/{total} thành viên, {law}){left_out}; chưa có: {names} — hãy ra quyết định tặng “{ldtt}” "
        "trước"
    ).format(year=shares.year, names=_few(share.missing), **_share_words(shares.pack, share))


def dossier_share_reasons(shares: DossierShares, row: dict[str, Any], reasons_json: str | None) -> str | None:
    """The reasons a collective title goes up with, its share of LĐTT counted on the members who hold it: the
    engine's predicted lines of that share (its figure and member lists, told by their citation and the LĐTT label)
    give way to the same lines counted on the holders (:meth:`HeldShare.reasons`), in their place. None when the
    title rests on no such share."""
    share = shares.share(row)
    if share is None:
        return None
    reasons = stored_reasons(reasons_json)
    law = share.threshold.citation()
    label = shares.pack.item(_LDTT).label if shares.pack.has(_LDTT) else _LDTT
    predicted = [
        i
        for i, reason in enumerate(reasons)
        if isinstance(reason, dict) and reason.get("cite") == law and label in str(reason.get("text") or "")
    ]
    lines = [{"text": text, "cite": cite, "met": met} for text, cite, met in share.reasons(shares.year, label)]
    dropped = set(predicted)
    kept = [reason for i, reason in enumerate(reasons) if i not in dropped]
    at = predicted[0] if predicted else len(kept)  # nothing dropped comes before the first one dropped
    return json.dumps([*kept[:at], *lines, *kept[at:]], ensure_ascii=False)


# -- cancelling or replacing a decision that takes LĐTT away ------------------------------------------------------


def _touched(store: Store, lines: list[dict[str, Any]], year: int) -> dict[int, dict[int, str]]:
    """The collectives of the year whose members lose an LĐTT with ``lines``: {department id: {staff id: name}}."""
    found: dict[int, dict[int, str]] = {}
    for line in lines:
        if line["code"] != _LDTT or line["target_kind"] != "individual" or not line["staff_id"]:
            continue
        staff_id = int(line["staff_id"])
        department = staff_repo.year_department(store, staff_id, year)
        if department is None:
            continue
        name = line.get("snapshot_name") or subject_name(store, "individual", staff_id, None, "")
        found.setdefault(department, {})[staff_id] = str(name)
    return found


def _counted_loss(members: _Members, department: int, on: date, lost: dict[int, str]) -> bool:
    """Whether a member who lost LĐTT counts in the collective's share (one who left before 31/12 changes nothing)."""
    counted, _left_out = members.of(department, on)
    return any(person.id in lost for person in counted)


def _shares_lost(
    store: Store, pack: RulePack, lines: list[dict[str, Any]], year: int, titles_sql: str
) -> Iterator[tuple[int, dict[int, str], dict[str, Any], HeldShare]]:
    """Each collective title of ``year`` (a row of ``titles_sql`` for (year, department id), with its ``code`` and
    ``decision_date``) whose share of LĐTT no longer holds once ``lines`` took members' LĐTT away, and counts one
    of them: (department id, {staff id: name} who lost it, the row, the share now). Read after those awards left
    the history."""
    touched = _touched(store, lines, year)
    if not touched:
        return
    holders = ldtt_holders(store, year)
    members = _Members(store, pack, year)
    for department, lost in touched.items():
        for row in store.query(titles_sql, (year, department)):
            try:
                on = date.fromisoformat(str(row["decision_date"])[:10]) if row["decision_date"] else year_end(year)
            except ValueError:
                on = year_end(year)
            try:
                share = members.share(department, str(row["code"]), on, holders)
            except RulePackError:
                continue
            if share is not None and not share.met and _counted_loss(members, department, on, lost):
                yield department, lost, row, share


# The collective titles sent up in a dossier, and those in force (the unit's decisions still issued, from above, from
# the past), of (year, department): what a lost LĐTT may leave short.
_SENT_UP_SQL = (
    "SELECT n.id, n.code, r.decision_date, (SELECT group_concat(i.dossier_id) FROM dossier_items i "
    "WHERE i.nomination_id = n.id) AS dossiers FROM nominations n JOIN review_rounds r ON r.id = n.round_id "
    "WHERE r.year = ? AND n.status = 'sent_up' AND n.target_kind = 'collective' AND n.department_id = ? "
    "ORDER BY n.id"
)
_IN_FORCE_SQL = (
    "SELECT a.code, a.source, a.decision_no AS number_text, a.decision_date FROM awards a "
    "LEFT JOIN decisions d ON d.id = a.decision_id WHERE a.year = ? AND a.target_kind = 'collective' "
    "AND a.department_id = ? AND (a.decision_id IS NULL OR d.status = 'issued') ORDER BY a.id"
)


_DOSSIER_NOTE = N_(
    "Hồ sơ đề nghị số {dossiers} đã gửi lên cấp trên đề nghị tặng “{title}” năm {year} cho {collective} (đề nghị số "
    "{id}), dựa vào tỷ lệ thành viên có danh hiệu “{ldtt}”; không còn danh hiệu “{ldtt}” của {who} thì chỉ còn "
    "{held}/{total} thành viên có danh hiệu đó, cần {rule} (ít nhất {needed}/{total} thành viên, {law}). Hãy báo cấp "
    "trên rút hoặc xem xét lại đề nghị đó."
)


def dossier_share_notes(store: Store, pack: RulePack, lines: list[dict[str, Any]], *, year: int) -> list[str]:
    """For each collective title sent up in a dossier whose share of LĐTT no longer holds once ``lines`` took the
    members' LĐTT away (cancelled, or dropped from a replacement; read after their awards left the history): what
    the clerk must report to the level above. A note, not a refusal: a dossier item stays "sent up" until the
    province's answer is recorded, often for years, and a decision found wrong must stay cancellable."""
    notes: list[str] = []
    for department, lost, row, share in _shares_lost(store, pack, lines, year, _SENT_UP_SQL):
        dossiers = sorted({int(x) for x in str(row["dossiers"] or "").split(",") if x})
        notes.append(
            _(_DOSSIER_NOTE).format(
                dossiers=", ".join(map(str, dossiers)) or "—",
                collective=subject_name(store, "collective", None, department, ""),
                id=row["id"],
                year=year,
                who=", ".join(lost.values()),
                **_share_words(pack, share),
            )
        )
    return notes


_IN_FORCE_NOTE = N_(
    "{collective} không còn đủ thành viên có danh hiệu “{ldtt}” năm {year} cho danh hiệu “{title}” đã được tặng "
    "theo {decision}: chỉ còn {held}/{total} thành viên có danh hiệu “{ldtt}”, cần {rule} (ít nhất {needed}/{total} "
    "thành viên, {law}); chưa có: {names}. {then}"
)
_THEN_UNIT = N_("Hãy xem xét thay thế hoặc hủy bỏ quyết định tặng danh hiệu tập thể đó.")
_THEN_ABOVE = N_("Hãy báo cấp trên để xem xét lại khen thưởng này.")


def titles_in_force_notes(store: Store, pack: RulePack, lines: list[dict[str, Any]], *, year: int) -> list[str]:
    """For each collective title in force (the unit's or one from above) that rests on a share of LĐTT its members
    no longer hold once ``lines`` took theirs away (read after those awards left the history): what the clerk must
    see to. Not a refusal, as for a CSTĐCS taken back under a title already awarded: a decision found wrong must be
    cancellable; the collective's title is then reconsidered by whoever conferred it."""
    notes: list[str] = []
    for department, _lost, award, share in _shares_lost(store, pack, lines, year, _IN_FORCE_SQL):
        notes.append(
            _(_IN_FORCE_NOTE).format(
                collective=subject_name(store, "collective", None, department, ""),
                year=year,
                decision=held_text(award),
                names=_few(share.missing),
                then=_(_THEN_ABOVE) if award["source"] == "above" else _(_THEN_UNIT),
                **_share_words(pack, share),
            )
        )
    return notes
