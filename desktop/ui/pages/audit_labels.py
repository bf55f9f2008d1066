"""What the audit log page shows instead of the database's own names: tables, fields, operations and values.

The log stores what the database knows (``staff``, ``signing_private_pem``, ``decision.issue``, ``sent_up``);
a clerk reads Vietnamese. Every name has a label here; a name without one (a table added later) is shown as a
generic Vietnamese phrase, never as the raw name. Values that are dates are shown dd/mm/yyyy [HH:MM].
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.domain.codes import (
    DEPARTMENT_KINDS,
    DISCIPLINE_LEVELS,
    ETHNIC_GROUPS,
    GENDERS,
    INITIATIVE_LEVELS,
    LEAVE_KINDS,
    RATINGS,
    STAFF_CATEGORIES,
    UNIT_KINDS,
)
from desktop.domain.eligibility.verdicts import VERDICT_LABELS
from desktop.domain.signing import SIGNING_LABELS
from desktop.i18n import N_, _
from desktop.ops.movements.common import BLOCK_KINDS, CRITERION_KINDS, KINDS, MODEL_KINDS, REVIEW_KINDS, STATUSES
from desktop.ops.officials import ROLES as OFFICIAL_ROLES
from desktop.ops.review.common import COUNCIL_ROLES, DECISION_STATUSES, NOMINATION_STATUSES
from desktop.ui.exchange.common import DIRECTION_LABELS
from desktop.ui.review import TARGET_LABELS

UNKNOWN_TABLE = N_("Loại bản ghi khác")
UNKNOWN_FIELD = N_("Thông tin khác")
UNKNOWN_OPERATION = N_("Thao tác khác của chương trình")
UNKNOWN_VALUE = N_("(giá trị nội bộ)")
NO_OPERATION = N_("Không ghi thao tác")

TABLE_LABELS: dict[str, str] = {
    "unit": N_("Đơn vị"),
    "unit_officials": N_("Người ký quyết định theo nhiệm kỳ"),
    "departments": N_("Phòng ban"),
    "department_names": N_("Tên phòng ban theo thời kỳ"),
    "staff_department_moves": N_("Chuyển phòng ban của cán bộ"),
    "staff": N_("Cán bộ"),
    "ratings": N_("Xếp loại"),
    "discipline": N_("Kỷ luật"),
    "initiatives": N_("Sáng kiến"),
    "leave_periods": N_("Nghỉ dài ngày"),
    "awards": N_("Khen thưởng"),
    "collective_ratings": N_("Xếp loại tập thể"),
    "rule_overrides": N_("Điều chỉnh quy định"),
    "review_rounds": N_("Đợt bình xét"),
    "nominations": N_("Đề nghị khen thưởng"),
    "councils": N_("Hội đồng"),
    "council_members": N_("Thành viên Hội đồng"),
    "ballots": N_("Bỏ phiếu"),
    "number_series": N_("Sổ đăng ký số văn bản"),
    "number_gaps": N_("Số văn bản bỏ trống"),
    "decisions": N_("Quyết định"),
    "decision_awardees": N_("Danh sách kèm quyết định"),
    "dossiers": N_("Hồ sơ đề nghị cấp trên"),
    "dossier_items": N_("Đề nghị trong hồ sơ"),
    "unit_keys": N_("Khóa của đơn vị"),
    "trusted_keys": N_("Khóa tin cậy"),
    "packages": N_("Gói dữ liệu"),
    "exchange_records": N_("Bản ghi trao đổi"),
    "remote_units": N_("Đơn vị gửi dữ liệu"),
    "remote_records": N_("Bản ghi nhận về"),
    "remote_attachments": N_("Tệp đính kèm nhận về"),
    "movements": N_("Phong trào"),
    "movement_targets": N_("Mục tiêu phong trào"),
    "registrations": N_("Đăng ký thi đua"),
    "blocks": N_("Khối, cụm thi đua"),
    "block_members": N_("Thành viên khối, cụm"),
    "covenants": N_("Giao ước thi đua"),
    "criteria": N_("Tiêu chí chấm điểm"),
    "scores": N_("Điểm"),
    "movement_reviews": N_("Sơ kết, tổng kết"),
    "exemplary_models": N_("Điển hình tiên tiến"),
    "certificate_prints": N_("In giấy khen, bằng khen"),
    "printer_profiles": N_("Căn chỉnh máy in"),
    "backups": N_("Sao lưu"),
    "audit_log": N_("Nhật ký thay đổi"),
    "settings": N_("Cài đặt"),
    "schema_version": N_("Phiên bản dữ liệu"),
}

ACTION_LABELS: dict[str, str] = {
    "insert": N_("Thêm"),
    "update": N_("Sửa"),
    "delete": N_("Xóa"),
    "event": N_("Sự kiện"),
}

# One label per column name, whatever the table; FIELD_LABELS_BY_TABLE refines the few that differ.
FIELD_LABELS: dict[str, str] = {
    "id": N_("Số thứ tự bản ghi"),
    "uuid": N_("Mã định danh bản ghi"),
    "created_at": N_("Thời điểm tạo"),
    "updated_at": N_("Thời điểm sửa"),
    "name": N_("Tên"),
    "code": N_("Mã"),
    "kind": N_("Loại"),
    "status": N_("Trạng thái"),
    "notes": N_("Ghi chú"),
    "note": N_("Ghi chú"),
    "year": N_("Năm"),
    "position": N_("Thứ tự"),
    "active": N_("Đang dùng"),
    "source": N_("Nguồn"),
    "reason": N_("Lý do"),
    "text": N_("Nội dung"),
    "title": N_("Tên"),
    "level": N_("Cấp"),
    "content": N_("Nội dung"),
    "description": N_("Mô tả"),
    "summary": N_("Tóm tắt"),
    "message": N_("Thông báo"),
    "role": N_("Vai trò"),
    "category": N_("Loại"),
    "amount": N_("Số tiền thưởng"),
    "number": N_("Số"),
    "number_text": N_("Số văn bản"),
    "key": N_("Ký hiệu sổ"),
    "value": N_("Giá trị"),
    "file": N_("Tệp"),
    "size": N_("Dung lượng (byte)"),
    "count": N_("Số dòng"),
    "counts": N_("Số bản ghi"),
    "verified": N_("Đã kiểm tra"),
    "folder": N_("Thư mục"),
    "off_pc": N_("Ở ngoài máy tính này"),
    "include_left": N_("Gồm cả người đã nghỉ"),
    "restored_from": N_("Khôi phục từ tệp"),
    "safety_copy": N_("Bản sao an toàn"),
    "backup_created_at": N_("Thời điểm sao lưu"),
    "backup_sha256": N_("Mã kiểm tra bản sao lưu"),
    "backup_unit": N_("Đơn vị của bản sao lưu"),
    "backup_unit_uuid": N_("Mã định danh đơn vị của bản sao lưu"),
    "previous_unit": N_("Đơn vị của dữ liệu bị thay"),
    "previous_unit_uuid": N_("Mã định danh đơn vị của dữ liệu bị thay"),
    "unit_changed": N_("Khôi phục dữ liệu của đơn vị khác"),
    "sha256": N_("Mã kiểm tra tệp"),
    "next_number": N_("Số tiếp theo"),
    # people and units
    "staff_id": N_("Cán bộ (số thứ tự)"),
    "staff_code": N_("Mã cán bộ"),
    "full_name": N_("Họ và tên"),
    "gender": N_("Giới tính"),
    "birth_date": N_("Ngày sinh"),
    "ethnic_code": N_("Dân tộc"),
    "is_leader": N_("Lãnh đạo"),
    "department_id": N_("Phòng ban (số thứ tự)"),
    "parent_id": N_("Thuộc phòng ban (số thứ tự)"),
    "start_date": N_("Từ ngày"),
    "end_date": N_("Đến ngày"),
    "left_reason": N_("Lý do thôi công tác"),
    "household_name": N_("Tên hộ gia đình"),
    "rating": N_("Xếp loại"),
    "pending": N_("Đang xem xét kỷ luật"),
    "decision_no": N_("Số quyết định"),
    "decision_date": N_("Ngày quyết định"),
    "issuer": N_("Cơ quan quyết định"),
    "recognized_on": N_("Ngày công nhận"),
    "counts_as_worked": N_("Tính là thời gian công tác"),
    "province_code": N_("Mã tỉnh"),
    "province_name": N_("Tỉnh, thành phố"),
    "commune_code": N_("Mã xã, phường"),
    "commune_name": N_("Xã, phường"),
    "unit_kind": N_("Loại đơn vị"),
    "parent_body": N_("Cơ quan cấp trên"),
    "address": N_("Địa chỉ"),
    "head_title": N_("Chức danh người đứng đầu"),
    "head_name": N_("Người đứng đầu"),
    "place_name": N_("Địa danh ghi trên văn bản"),
    "standing_agency": N_("Cơ quan thường trực"),
    "standing_agency_head_title": N_("Chức danh người đứng đầu cơ quan thường trực"),
    "standing_agency_head_name": N_("Người đứng đầu cơ quan thường trực"),
    # awards, review, decisions
    "target_kind": N_("Đối tượng"),
    "initiative_id": N_("Sáng kiến (số thứ tự)"),
    "decision_id": N_("Quyết định (số thứ tự)"),
    "awardee_id": N_("Người, tập thể được khen (số thứ tự)"),
    "round_id": N_("Đợt bình xét (số thứ tự)"),
    "nomination_id": N_("Đề nghị (số thứ tự)"),
    "council_id": N_("Hội đồng (số thứ tự)"),
    "series_id": N_("Sổ số văn bản (số thứ tự)"),
    "dossier_id": N_("Hồ sơ (số thứ tự)"),
    "engine_verdict": N_("Kết quả xét tự động"),
    "engine_reasons": N_("Căn cứ xét"),
    "proposed_by_engine": N_("Do chương trình đề xuất"),
    "change_reason": N_("Lý do thay đổi"),
    "override_reason": N_("Lý do không theo đề xuất"),
    "removed_reason": N_("Lý do bỏ khỏi danh sách"),
    "achievement": N_("Thành tích"),
    "achievement_text": N_("Nội dung thành tích"),
    "posting_days": N_("Số ngày niêm yết"),
    "posted_from": N_("Niêm yết từ ngày"),
    "posted_to": N_("Niêm yết đến ngày"),
    "meeting_date": N_("Ngày họp"),
    "location": N_("Địa điểm"),
    "attended": N_("Có mặt"),
    "written_opinion": N_("Có ý kiến bằng văn bản"),
    "members_total": N_("Tổng số thành viên"),
    "present": N_("Số có mặt"),
    "agree": N_("Đồng ý"),
    "disagree": N_("Không đồng ý"),
    "invalid": N_("Phiếu không hợp lệ"),
    "written_agree": N_("Đồng ý bằng văn bản"),
    "written_disagree": N_("Không đồng ý bằng văn bản"),
    "passed": N_("Đạt"),
    "threshold": N_("Tỷ lệ cần đạt"),
    "arithmetic": N_("Cách tính"),
    "cite": N_("Căn cứ"),
    "signer_title": N_("Chức danh người ký"),
    "signer_name": N_("Người ký"),
    "on_behalf": N_("Ký thay, thay mặt"),
    "subject": N_("Trích yếu"),
    "replaces_id": N_("Thay thế quyết định (số thứ tự)"),
    "status_reason": N_("Lý do đổi trạng thái"),
    "signing_mode": N_("Hình thức ký"),
    "register_no": N_("Số thứ tự trong quyết định"),
    "snapshot_name": N_("Tên ghi trong quyết định"),
    "snapshot_position": N_("Chức vụ ghi trong quyết định"),
    "snapshot_department": N_("Phòng ban ghi trong quyết định"),
    "snapshot_gender": N_("Giới tính ghi trong quyết định"),
    "snapshot_ethnic_code": N_("Dân tộc khi ban hành quyết định"),
    "snapshot_is_leader": N_("Lãnh đạo khi ban hành quyết định"),
    "toml": N_("Nội dung tệp quy định"),
    # certificates and printers
    "template_id": N_("Mẫu giấy"),
    "mode": N_("Cách in"),
    "printer_name": N_("Máy in"),
    "form_serial": N_("Số sê-ri phôi"),
    "printed_by": N_("Người in"),
    "printed_at": N_("Thời điểm in"),
    "reprint_of": N_("In lại của lần in (số thứ tự)"),
    "reprint_reason": N_("Lý do in lại"),
    "reprint_note": N_("Ghi chú in lại"),
    "qr_payload": N_("Nội dung mã QR"),
    "offset_x_mm": N_("Lệch ngang (mm)"),
    "offset_y_mm": N_("Lệch dọc (mm)"),
    "scale": N_("Tỷ lệ"),
    # keys and exchange
    "signing_private_pem": N_("Khóa ký bí mật"),
    "signing_public": N_("Khóa ký công khai"),
    "encryption_private_pem": N_("Khóa giải mã bí mật"),
    "encryption_public": N_("Khóa mã hóa công khai"),
    "fingerprint": N_("Dấu vân tay của khóa"),
    "unit_code": N_("Mã đơn vị"),
    "unit_name": N_("Tên đơn vị"),
    "trusted_at": N_("Thời điểm tin cậy"),
    "revoked": N_("Đã thu hồi"),
    "direction": N_("Chiều"),
    "package_uuid": N_("Mã gói dữ liệu"),
    "package_id": N_("Gói dữ liệu (số thứ tự)"),
    "sender_code": N_("Mã đơn vị gửi"),
    "sender_name": N_("Đơn vị gửi"),
    "receiver_code": N_("Mã đơn vị nhận"),
    "receiver_name": N_("Đơn vị nhận"),
    "package_created_at": N_("Thời điểm tạo gói"),
    "file_name": N_("Tên tệp"),
    "file_sha256": N_("Mã kiểm tra tệp"),
    "encrypted": N_("Đã mã hóa"),
    "signer_fingerprint": N_("Dấu vân tay của người ký"),
    "record_kind": N_("Loại bản ghi"),
    "record_uuid": N_("Mã định danh bản ghi"),
    "content_sha256": N_("Mã kiểm tra nội dung"),
    "last_package_at": N_("Gói gần nhất lúc"),
    "packages_count": N_("Số gói đã nhận"),
    # movements
    "movement_id": N_("Phong trào (số thứ tự)"),
    "theme": N_("Chủ đề"),
    "launched_by": N_("Cơ quan phát động"),
    "launch_date": N_("Ngày phát động"),
    "plan_name": N_("Kế hoạch"),
    "plan_path": N_("Tệp kế hoạch"),
    "plan_sha256": N_("Mã kiểm tra tệp kế hoạch"),
    "block_id": N_("Khối, cụm (số thứ tự)"),
    "external_name": N_("Tên đơn vị ngoài"),
    "signed_on": N_("Ngày ký"),
    "place": N_("Địa điểm"),
    "signatories": N_("Người ký"),
    "max_points": N_("Điểm tối đa"),
    "weight": N_("Hệ số"),
    "mandatory": N_("Bắt buộc"),
    "participant_key": N_("Người, tập thể tham gia (mã)"),
    "member_id": N_("Thành viên (số thứ tự)"),
    "criterion_id": N_("Tiêu chí (số thứ tự)"),
    "points": N_("Điểm"),
    "registered_on": N_("Ngày đăng ký"),
    "review_date": N_("Ngày sơ kết, tổng kết"),
    "achievements": N_("Thành tích nổi bật"),
    "leading_key": N_("Dẫn đầu (mã)"),
    "leading_name": N_("Dẫn đầu"),
    "ranking": N_("Xếp hạng"),
    "proposals": N_("Đề nghị khen thưởng"),
    "tags": N_("Từ khóa"),
    # inside the ranking and the reasons (JSON values)
    "max_total": N_("Điểm tối đa"),
    "leader": N_("Dẫn đầu (mã)"),
    "leader_name": N_("Dẫn đầu"),
    "tied_first": N_("Bằng điểm dẫn đầu"),
    "results": N_("Kết quả"),
    "participant": N_("Người, tập thể tham gia (mã)"),
    "total": N_("Tổng điểm"),
    "base": N_("Điểm cơ bản"),
    "bonus": N_("Điểm cộng"),
    "penalty": N_("Điểm trừ"),
    "failed_criteria": N_("Tiêu chí không đạt"),
    "rank": N_("Thứ hạng"),
    "tied": N_("Bằng điểm"),
    "women_first": N_("Ưu tiên nữ"),
    "met": N_("Đáp ứng"),
    "code_name": N_("Danh hiệu, hình thức"),
}
FIELD_LABELS_BY_TABLE: dict[tuple[str, str], str] = {
    ("unit", "name"): N_("Tên đơn vị"),
    ("unit", "code"): N_("Mã đơn vị"),
    ("unit_officials", "role"): N_("Chức vụ"),
    ("unit_officials", "title"): N_("Chức vụ ghi khi ký"),
    ("departments", "name"): N_("Tên phòng ban"),
    ("department_names", "name"): N_("Tên phòng ban"),
    ("department_names", "valid_from"): N_("Dùng tên này từ ngày"),
    ("staff_department_moves", "moved_on"): N_("Ngày chuyển"),
    ("staff_department_moves", "from_department_id"): N_("Từ phòng ban (số thứ tự)"),
    ("staff_department_moves", "to_department_id"): N_("Đến phòng ban (số thứ tự)"),
    ("departments", "code"): N_("Mã phòng ban"),
    ("staff", "position"): N_("Chức vụ"),
    ("staff", "category"): N_("Loại cán bộ"),
    ("awards", "code"): N_("Danh hiệu, hình thức"),
    ("awards", "category"): N_("Danh hiệu hay hình thức"),
    ("nominations", "code"): N_("Danh hiệu, hình thức"),
    ("nominations", "category"): N_("Danh hiệu hay hình thức"),
    ("decision_awardees", "code"): N_("Danh hiệu, hình thức"),
    ("decision_awardees", "category"): N_("Danh hiệu hay hình thức"),
    ("registrations", "code"): N_("Danh hiệu đăng ký"),
    ("council_members", "position"): N_("Chức vụ"),
    ("criteria", "position"): N_("Thứ tự"),
    ("remote_units", "code"): N_("Mã đơn vị"),
    ("remote_units", "name"): N_("Tên đơn vị"),
    ("trusted_keys", "role"): N_("Cấp"),
    ("number_series", "key"): N_("Ký hiệu sổ"),
    ("initiatives", "title"): N_("Tên sáng kiến"),
}

_AWARD_CATEGORIES = {"title": N_("Danh hiệu thi đua"), "award_form": N_("Hình thức khen thưởng")}
_ROUND_STATUSES = {
    "draft": N_("Đang lập"),
    "council": N_("Hội đồng xét"),
    "posted": N_("Đang niêm yết"),
    "decided": N_("Đã quyết định"),
    "closed": N_("Đã kết thúc"),
}
_PACKAGE_STATUSES = {
    "sent": N_("Đã gửi"),
    "verified": N_("Đã kiểm tra"),
    "applied": N_("Đã nhập"),
    "refused": N_("Bị từ chối"),
    "duplicate": N_("Trùng, đã có"),
}
_VALUES_BY_FIELD: dict[str, dict[str, str]] = {
    "target_kind": TARGET_LABELS,
    "gender": GENDERS,
    "snapshot_gender": GENDERS,
    "rating": RATINGS,
    "ethnic_code": ETHNIC_GROUPS,
    "snapshot_ethnic_code": ETHNIC_GROUPS,
    "unit_kind": UNIT_KINDS,
    "engine_verdict": VERDICT_LABELS,
    "signing_mode": SIGNING_LABELS,
    "direction": DIRECTION_LABELS,
    "mode": {"full": N_("In cả mẫu"), "preprinted": N_("In lên phôi in sẵn")},
    "reprint_reason": {"spoiled": N_("Giấy hỏng"), "correction": N_("Sửa sai"), "other": N_("Lý do khác")},
}
_VALUES_BY_TABLE: dict[tuple[str, str], dict[str, str]] = {
    ("staff", "category"): STAFF_CATEGORIES,
    ("awards", "category"): _AWARD_CATEGORIES,
    ("nominations", "category"): _AWARD_CATEGORIES,
    ("decision_awardees", "category"): _AWARD_CATEGORIES,
    ("awards", "source"): {"unit": N_("Đơn vị"), "above": N_("Cấp trên"), "import": N_("Nhập từ tệp")},
    ("movements", "source"): {"unit": N_("Đơn vị"), "province": N_("Cấp tỉnh")},
    ("rule_overrides", "source"): {"local": N_("Đơn vị tự điều chỉnh"), "province": N_("Của tỉnh")},
    ("discipline", "level"): DISCIPLINE_LEVELS,
    ("initiatives", "level"): INITIATIVE_LEVELS,
    ("leave_periods", "kind"): LEAVE_KINDS,
    ("departments", "kind"): DEPARTMENT_KINDS,
    ("movements", "kind"): KINDS,
    ("movements", "status"): STATUSES,
    ("movement_reviews", "kind"): REVIEW_KINDS,
    ("criteria", "kind"): CRITERION_KINDS,
    ("exemplary_models", "kind"): MODEL_KINDS,
    ("blocks", "kind"): BLOCK_KINDS,
    ("review_rounds", "kind"): {
        "year": N_("Bình xét cuối năm"),
        "movement": N_("Theo phong trào"),
        "occasion": N_("Theo dịp"),
    },
    ("review_rounds", "status"): _ROUND_STATUSES,
    ("nominations", "status"): NOMINATION_STATUSES,
    ("decisions", "status"): DECISION_STATUSES,
    ("dossiers", "status"): {"draft": N_("Đang lập"), "sent": N_("Đã gửi")},
    ("packages", "status"): _PACKAGE_STATUSES,
    ("council_members", "role"): COUNCIL_ROLES,
    ("trusted_keys", "role"): {"province": N_("Cấp tỉnh"), "unit": N_("Đơn vị")},
    ("unit_officials", "role"): OFFICIAL_ROLES,
}

OPERATION_LABELS: dict[str, str] = {
    "certificates.optional_papers": N_("Bật, tắt in giấy chứng nhận không bắt buộc"),
    "unit.setup": N_("Thiết lập đơn vị"),
    "unit.update": N_("Sửa thông tin đơn vị"),
    "unit.official_add": N_("Ghi nhiệm kỳ người ký quyết định"),
    "unit.official_end": N_("Kết thúc nhiệm kỳ người ký quyết định"),
    "unit.official_remove": N_("Xóa nhiệm kỳ nhập nhầm"),
    "department.add": N_("Thêm phòng ban"),
    "department.rename": N_("Đổi tên phòng ban"),
    "department.activate": N_("Bật, tắt phòng ban"),
    "departments.add": N_("Thêm phòng ban"),
    "departments.rename": N_("Đổi tên phòng ban"),
    "departments.delete": N_("Xóa phòng ban"),
    "staff.add": N_("Thêm cán bộ"),
    "staff.edit": N_("Sửa thông tin cán bộ"),
    "staff.leave": N_("Ghi nhận cán bộ thôi công tác"),
    "staff.reinstate": N_("Cho cán bộ trở lại công tác"),
    "staff.rating": N_("Ghi xếp loại"),
    "staff.discipline": N_("Ghi kỷ luật"),
    "staff.initiative": N_("Ghi sáng kiến"),
    "staff.leave_period": N_("Ghi nghỉ dài ngày"),
    "staff.import": N_("Nhập danh sách cán bộ từ Excel"),
    "staff.export": N_("Xuất danh sách cán bộ ra Excel"),
    "collective.rating": N_("Ghi xếp loại tập thể"),
    "collective.rating_delete": N_("Xóa xếp loại tập thể"),
    "rules.save_override": N_("Lưu điều chỉnh quy định"),
    "rules.set_override_active": N_("Bật, tắt điều chỉnh quy định"),
    "rules.base_salary": N_("Sửa mức lương cơ sở"),
    "rules.award_from_above": N_("Ghi khen thưởng của cấp trên"),
    "review.create_round": N_("Lập đợt bình xét"),
    "review.delete_round": N_("Xóa đợt bình xét"),
    "review.refresh_proposals": N_("Cập nhật danh sách đề xuất của đợt bình xét"),
    "review.add_nomination": N_("Thêm đề nghị khen thưởng"),
    "review.remove_nomination": N_("Bỏ đề nghị khen thưởng"),
    "review.set_council": N_("Lập Hội đồng"),
    "review.record_ballot": N_("Ghi kết quả bỏ phiếu"),
    "review.start_posting": N_("Niêm yết kết quả"),
    "review.build_dossier": N_("Lập hồ sơ đề nghị cấp trên"),
    "decision.issue": N_("Ban hành quyết định"),
    "decision.correct": N_("Đính chính quyết định"),
    "decision.revoke": N_("Hủy bỏ quyết định"),
    "decision.set_series": N_("Sửa số văn bản tiếp theo"),
    "decision.record_gap": N_("Ghi số văn bản bỏ trống"),
    "certificates.print": N_("In giấy khen, bằng khen"),
    "certificates.reprint": N_("In lại giấy khen, bằng khen"),
    "certificates.printer": N_("Căn chỉnh máy in"),
    "backup.create": N_("Sao lưu dữ liệu"),
    "backup.restore": N_("Khôi phục dữ liệu"),
    "backup.folder": N_("Đổi thư mục sao lưu"),
    "store.audit_triggers": N_("Tạo lại trigger ghi nhật ký thay đổi"),
    "history.import": N_("Nhập lịch sử khen thưởng từ Excel"),
    "package.export": N_("Xuất gói dữ liệu"),
    "package.import": N_("Nhận gói dữ liệu"),
    "exchange.keys": N_("Tạo khóa của đơn vị"),
    "exchange.trust_key": N_("Tin cậy khóa của đơn vị khác"),
    "exchange.revoke_key": N_("Thu hồi khóa tin cậy"),
    "exchange.replace_keys": N_("Tạo khóa mới thay khóa cũ"),
    "exchange.set_mode": N_("Đổi chế độ cấp tỉnh, đơn vị"),
    "province.movement": N_("Nhận phong trào của tỉnh"),
    "province.decision": N_("Nhận quyết định của tỉnh"),
    "movement.create": N_("Tạo phong trào"),
    "movement.update": N_("Sửa phong trào"),
    "movement.launch": N_("Phát động phong trào"),
    "movement.status": N_("Đổi trạng thái phong trào"),
    "movement.targets": N_("Sửa mục tiêu phong trào"),
    "movement.attach_plan": N_("Đính kèm kế hoạch phong trào"),
    "movement.register": N_("Đăng ký thi đua"),
    "movement.unregister": N_("Bỏ đăng ký thi đua"),
    "movement.create_block": N_("Lập khối, cụm thi đua"),
    "movement.sign_covenant": N_("Ký giao ước thi đua"),
    "movement.add_criterion": N_("Thêm tiêu chí chấm điểm"),
    "movement.update_criterion": N_("Sửa tiêu chí chấm điểm"),
    "movement.delete_criterion": N_("Xóa tiêu chí chấm điểm"),
    "movement.record_scores": N_("Chấm điểm thi đua"),
    "movement.so_ket": N_("Sơ kết phong trào"),
    "movement.review": N_("Sơ kết, tổng kết phong trào"),
    "movement.tong_ket": N_("Tổng kết phong trào"),
    "movement.propose": N_("Đề nghị khen thưởng từ phong trào"),
    "movement.add_model": N_("Thêm điển hình tiên tiến"),
    "movement.update_model": N_("Sửa điển hình tiên tiến"),
    "movement.delete_model": N_("Xóa điển hình tiên tiến"),
    "demo.fill": N_("Tạo dữ liệu mẫu"),
    "demo.movements": N_("Tạo dữ liệu mẫu phong trào"),
}
_STAFF_DELETE = "staff.delete_"
_MIGRATION = re.compile(r"migration\.v(\d+)")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+\.[a-z_.]+")


def table_label(name: str) -> str:
    return _(TABLE_LABELS.get(name, UNKNOWN_TABLE))


def action_label(action: str) -> str:
    return _(ACTION_LABELS.get(action, UNKNOWN_OPERATION))


def field_label(name: str, table: str = "") -> str:
    if table == "settings":
        return _(_SETTINGS_LABELS.get(name, N_("Cài đặt")))
    label = FIELD_LABELS_BY_TABLE.get((table, name)) or FIELD_LABELS.get(name)
    return _(label or UNKNOWN_FIELD)


def operation_label(operation: str | None) -> str:
    """``decision.issue`` → ``Ban hành quyết định``; an operation without a label → a generic phrase."""
    if not operation:
        return _(NO_OPERATION)
    if operation in OPERATION_LABELS:
        return _(OPERATION_LABELS[operation])
    if operation.startswith(_STAFF_DELETE):
        return _("Xóa {what} của cán bộ").format(what=table_label(operation[len(_STAFF_DELETE) :]).lower())
    if match := _MIGRATION.fullmatch(operation):
        return _("Nâng cấp dữ liệu (lần {n})").format(n=match.group(1))
    return _(UNKNOWN_OPERATION)


def format_date_text(value: str) -> str | None:
    """An ISO date or date-time as the clerk writes it (``01/06/2025``, ``01/06/2025 10:20``); None otherwise."""
    text = value.strip()
    if match := _ISO_DATETIME.fullmatch(text):
        year, month, day, hour, minute = match.groups()
        if _real_date(year, month, day):
            return f"{day}/{month}/{year} {hour}:{minute}"
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
        if _real_date(year, month, day):
            return f"{day}/{month}/{year}"
    return None


def _real_date(year: str, month: str, day: str) -> bool:
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


_ISO_IN_TEXT = re.compile(
    r"(?<![\d/-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
)


def dates_in_text(text: str) -> str:
    """Every ISO date or date-time inside ``text`` as dd/mm/yyyy [HH:MM]: ``12/QĐ-UBND (2025-12-30)`` →
    ``12/QĐ-UBND (30/12/2025)``."""
    return _ISO_IN_TEXT.sub(lambda m: format_date_text(m.group(0)) or m.group(0), text)


def format_at(value: str) -> str:
    """The moment of a log line: ``2025-06-01T10:20:30+07:00`` → ``01/06/2025 10:20`` (as recorded)."""
    return format_date_text(value) or value


def value_text(value: Any, field: str = "", table: str = "", names: Mapping[str, str] | None = None) -> str:
    """A stored value as the clerk reads it: labels for codes, dd/mm/yyyy for dates, Có/Không for yes/no.

    ``names`` maps the codes of titles and award forms to their names (see desktop.ops.audit.award_names).
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dict | list):
        return _structured(value, table, names)
    if isinstance(value, int | float):
        return _yes_no(value, field) or _number(value)
    text = str(value)
    if field == "code" and names and text in names:
        return names[text]
    choices = _VALUES_BY_TABLE.get((table, field)) or _VALUES_BY_FIELD.get(field)
    if choices is not None and text in choices:
        return _(choices[text])
    if text[:1] in "[{":
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict | list):
            return _structured(parsed, table, names)
    if (shown := format_date_text(text)) is not None:
        return shown
    if _CODE.fullmatch(text) or (choices is not None and text.isascii() and text.islower()):
        return _(UNKNOWN_VALUE)
    return dates_in_text(text)


_YES_NO_FIELDS = {
    "active",
    "is_leader",
    "snapshot_is_leader",
    "pending",
    "counts_as_worked",
    "proposed_by_engine",
    "attended",
    "written_opinion",
    "passed",
    "mandatory",
    "encrypted",
    "revoked",
    "verified",
    "off_pc",
    "include_left",
    "on_behalf",
}


def _yes_no(value: float, field: str) -> str:
    if field in _YES_NO_FIELDS and value in (0, 1):
        return _("Có") if value else _("Không")
    return ""


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _structured(value: Any, table: str, names: Mapping[str, str] | None) -> str:
    """A JSON value (a ranking, the engine's reasons) as readable lines, keys as labels."""
    if isinstance(value, list):
        parts = [_structured(item, table, names) for item in value]
        return "; ".join(part for part in parts if part)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            shown = value_text(item, str(key), table, names)
            if shown:
                parts.append(f"{field_label(str(key), table)}: {shown}")
        return ", ".join(parts)
    return value_text(value, "", table, names)


_SETTINGS_LABELS: dict[str, str] = {"exchange.mode": N_("Chế độ cấp tỉnh, đơn vị")}


def actor_label(actor: str | None) -> str:
    """Who did it: a clerk's login name as is; the program's own upgrades as words."""
    if not actor:
        return _("(không rõ)")
    if actor == "system":
        return _("Chương trình (tự động)")
    return actor


def changed_lines(before: str, after: str) -> tuple[str, str] | None:
    """For a long text of many lines edited in place (a rule override's TOML, the base-salary table), only the lines
    that differ, before and after, each run under the number of its first line; None for a short or one-line text,
    which is shown whole. A whole 40-line table in a cell hides the one amount that changed."""
    old, new = before.splitlines(), after.splitlines()
    if not old or not new or max(len(old), len(new)) <= 3:  # added or removed whole: shown whole
        return None
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            removed.append(_("Dòng {n}:").format(n=i1 + 1))
            removed.extend(old[i1:i2])
        if j2 > j1:
            added.append(_("Dòng {n}:").format(n=j1 + 1))
            added.extend(new[j1:j2])
    return "\n".join(removed), "\n".join(added)
