"""One error base for operations: every refusal and every "stopped by the user" recognised in one place."""

from __future__ import annotations

import importlib

import pytest

from desktop.ops import errors


@pytest.mark.parametrize(("module", "name"), errors.REFUSALS + errors.CANCELS)
def test_every_mapped_name_is_an_exception_class(module, name):
    cls = getattr(importlib.import_module(module), name)
    assert isinstance(cls, type) and issubclass(cls, Exception)


def test_refusals_of_every_layer_are_recognised_with_their_messages_and_fields():
    from desktop.documents.blocks import DocumentError
    from desktop.domain.dates import DateError
    from desktop.domain.rules.pack import RulePackError
    from desktop.exchange.format import PackageError
    from desktop.store import StoreError, ValidationError

    field = ValidationError("Chưa nhập tên đơn vị.", field="name")
    package = PackageError("Gói đã bị sửa.", code="checksum")
    pack = RulePackError(["tệp a.toml: thiếu khóa", "tệp b.toml: sai ngày"])
    refusals = (StoreError("x"), field, DocumentError("y"), package, pack, DateError("z"), errors.OperationError("o"))
    for error in refusals:
        assert errors.is_refusal(error) and not errors.is_cancelled(error)
    assert (field.field, errors.error_message(field)) == ("name", "Chưa nhập tên đơn vị.")
    assert (package.code, errors.error_message(package)) == ("checksum", "Gói đã bị sửa.")
    assert errors.error_message(pack) == "tệp a.toml: thiếu khóa\ntệp b.toml: sai ngày"
    assert not errors.is_refusal(KeyError("a bug")) and not errors.is_refusal(errors.Cancelled())


def test_every_stop_by_the_user_is_a_cancelled():
    from desktop.documents.certificates.render import RenderCancelled
    from desktop.ops.history_import import ImportCancelled as HistoryCancelled
    from desktop.ops.staff_import import ImportCancelled

    assert issubclass(ImportCancelled, errors.Cancelled) and HistoryCancelled is ImportCancelled
    for error in (ImportCancelled("dừng"), RenderCancelled(), errors.Cancelled()):
        assert errors.is_cancelled(error) and not errors.is_refusal(error)
