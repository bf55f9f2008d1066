"""Numbered schema migrations, each in its own transaction, with a copy of the file made first.

A file whose schema is newer than this program knows is refused: writing to it could lose data
that a newer version stored. Add a step by appending to :data:`MIGRATIONS`; never edit a shipped one.
The copy is made by the function the caller passes (:func:`desktop.store.open_store` passes
:func:`desktop.store.backup.backup_before_migration`): backups know the schema, not the other way round.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from types import ModuleType

from desktop import __version__
from desktop.i18n import _
from desktop.store import (
    audit,
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
    schema_v5,
    schema_v6,
    schema_v7,
    schema_v8,
    schema_v9,
    schema_v10,
    schema_v11,
    schema_v12,
    schema_v13,
    schema_v14,
    schema_v15,
)
from desktop.store.db import Store, now_iso
from desktop.store.errors import SchemaTooNewError
from desktop.store.schema_version import LATEST_VERSION, check_not_newer, current_version

Step = Callable[[Store], None]
# Copies the file before its schema changes, given the version it is at (0: a new file).
BeforeMigration = Callable[[Store, int], object]


def _script(module: ModuleType, *, then: Step | None = None) -> Step:
    """The step that runs a schema module's ``SQL`` statement by statement, then ``then`` (filling a new column
    from the rows already there) in the same transaction."""

    def step(store: Store) -> None:
        for statement in _split_sql(module.SQL):
            store.execute(statement)
        if then is not None:
            then(store)

    return step


def _split_sql(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (``BEGIN ... END;``) whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "đơn vị, phòng ban, cán bộ, xếp loại, kỷ luật, sáng kiến, nghỉ phép, nhật ký", _script(schema_v1)),
    (2, "sổ theo dõi khen thưởng, xếp loại tập thể, điều chỉnh quy định", _script(schema_v2)),
    (3, "bình xét, hội đồng, bỏ phiếu, quyết định, số sổ vàng, hồ sơ đề nghị cấp trên", _script(schema_v3)),
    (4, "trao đổi gói dữ liệu với cấp tỉnh: khóa, khóa tin cậy, lịch sử gói, dữ liệu nhận về", _script(schema_v4)),
    (5, "phong trào thi đua: đăng ký, giao ước, tiêu chí, chấm điểm, sơ kết, tổng kết, điển hình", _script(schema_v5)),
    (6, "in giấy khen: hồ sơ máy in, sổ theo dõi giấy khen đã in và in lại", _script(schema_v6)),
    (
        7,
        "cách ký quyết định, ý kiến bằng văn bản của thành viên vắng mặt, cơ quan thường trực Hội đồng",
        _script(schema_v7),
    ),
    (8, "quyết định giữ tên đơn vị, địa danh, chức danh người đứng đầu tại ngày ban hành", _script(schema_v8)),
    (
        9,
        "cấp tỉnh đánh dấu khen thưởng đơn vị đã rút khỏi sổ theo dõi (quyết định thay thế, hủy bỏ)",
        _script(schema_v9),
    ),
    (
        10,
        "quyết định giữ dân tộc, chức vụ lãnh đạo của người được khen; lịch sử chuyển phòng ban của cán bộ",
        _script(schema_v10),
    ),
    (
        11,
        "quyết định ghi ngày tính tiền thưởng (quyết định thay thế giữ số tiền cũ)",
        _script(schema_v11, then=schema_v11.backfill),
    ),
    (
        12,
        "ngày ngừng sử dụng phòng ban (năm cũ vẫn tính tập thể đã ngừng sau đó)",
        _script(schema_v12, then=schema_v12.backfill),
    ),
    (
        13,
        "quyết định giữ căn cứ pháp lý, tên danh hiệu và thành tích riêng của từng người khi ban hành",
        _script(schema_v13),
    ),
    (14, "giao ước giữ thành viên, mục tiêu, tiêu chí và thang điểm tại ngày ký", _script(schema_v14)),
    (
        15,
        "tên phòng ban, tập thể theo từng thời kỳ (đổi tên ghi ngày, văn bản ngày trước giữ tên cũ)",
        _script(schema_v15, then=schema_v15.backfill),
    ),
]
if MIGRATIONS[-1][0] != LATEST_VERSION:  # desktop/store/schema_version.py names the last step for the start-up
    raise RuntimeError("desktop/store/schema_version.py: LATEST_VERSION must be the number of the last migration")


def migrate(store: Store, *, before: BeforeMigration | None = None) -> list[int]:
    """Bring the schema up to date; returns the versions applied. ``before`` copies the file first."""
    version = check_not_newer(store)
    if version == LATEST_VERSION:
        return []
    if store.readonly:
        raise SchemaTooNewError(
            _("Tệp dữ liệu cần nâng cấp cấu trúc nhưng đang mở ở chế độ chỉ đọc: {path}").format(path=store.path)
        )
    if before is not None:
        before(store, version)
    applied = []
    # A new file has no rows to audit while it is built: its audit triggers are made once, from the final schema,
    # instead of after every step (each step's ~30 ms made every new database, and every test, slower).
    fresh = version == 0
    for number, description, step in MIGRATIONS:
        if number <= version:
            continue
        with store.acting_as("system"), store.transaction(operation=f"migration.v{number}"):
            if number == 1:
                store.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    "description TEXT NOT NULL, applied_at TEXT NOT NULL, app_version TEXT NOT NULL)"
                )
            if not fresh and number == version + 1:
                # Before any step runs: an obsolete trigger (audit_remote_records_* of files made at versions 4–6)
                # would log rows of a table no longer audited, with the columns it had then; a missing one leaves
                # an event saying the log had a gap. Nothing to do costs one read of sqlite_master.
                audit.repair_triggers(store)
            step(store)
            if not fresh or number == LATEST_VERSION:
                audit.install_triggers(store)
            store.execute(
                "INSERT INTO schema_version (version, description, applied_at, app_version) VALUES (?, ?, ?, ?)",
                (number, description, now_iso(), __version__),
            )
            store.execute(f"PRAGMA user_version = {number}")
        applied.append(number)
    return applied


__all__ = ["LATEST_VERSION", "MIGRATIONS", "BeforeMigration", "Step", "check_not_newer", "current_version", "migrate"]
