"""Random corruptions of a valid package never crash the importer (only PackageError) and never write anything.

The original package is imported first, so a corruption that happens to keep the package valid (a byte in a
zip timestamp, say) is the same package again: reported as already imported, nothing written.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange.exporter import export_package
from desktop.exchange.format import PackageError
from desktop.ops import exchange as ops
from tests.exchange import YEAR, craft, link, make_province, make_unit, own_keys, seed_dossier, table_checksum, unpack

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(prov, path: Path, before: str) -> None:
    try:
        results = ops.import_files(prov, files=[path])
    except PackageError as exc:
        assert exc.message and exc.code
    else:
        assert [r.status for r in results] == ["duplicate"]
    assert table_checksum(prov) == before


def test_random_corruptions_never_crash_nor_write(tmp_path):
    unit = make_unit(tmp_path)
    prov = make_province(tmp_path)
    province_fp = ops.show_keys(prov)["fingerprint"]
    link(unit, prov, tmp_path)
    seed_dossier(unit)
    plain = export_package(unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "a.tdkt", with_attachments=False)
    sealed = export_package(
        unit, kind="nomination_dossier", year=YEAR, out=tmp_path / "b.tdkt", encrypt_to=province_fp,
        with_attachments=False,
    )  # fmt: skip
    ops.import_files(prov, files=[plain, sealed])
    before = table_checksum(prov)
    originals = [plain.read_bytes(), sealed.read_bytes()]
    manifest, entries = unpack(plain)
    keys = own_keys(unit)
    work = Path(tempfile.mkdtemp(dir=tmp_path))

    @FUZZ
    @given(
        which=st.integers(0, 1),
        flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=6),
        cut=st.one_of(st.none(), st.floats(0, 1)),
        insert=st.binary(max_size=16),
    )
    def byte_level(which, flips, cut, insert):
        data = bytearray(originals[which])
        for where, xor in flips:
            data[int(where * len(data))] ^= xor
        if insert:
            at = int((cut or 0.5) * len(data))
            data[at:at] = insert
        elif cut is not None:
            data = data[: int(cut * len(data))]
        path = work / "fuzz.tdkt"
        path.write_bytes(bytes(data))
        _check(prov, path, before)

    @FUZZ
    @given(
        field=st.sampled_from(sorted(manifest)),
        value=st.one_of(
            st.none(), st.integers(), st.text(max_size=20), st.booleans(), st.lists(st.integers(), max_size=3)
        ),
        record_field=st.sampled_from(["uuid", "year", "person", "code", "target_kind", "ballot", "attachments"]),
        record_value=st.one_of(
            st.none(),
            st.integers(-5, 3000),
            st.text(max_size=10),
            st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        ),
        signed=st.booleans(),
    )
    def structured(field, value, record_field, record_value, signed):
        body = json.loads(entries["data/nominations.json"])
        body["records"][0][record_field] = record_value
        changed = dict(entries) | {"data/nominations.json": json.dumps(body).encode()}
        path = craft(work / "fuzz2.tdkt", keys, manifest | {field: value}, changed, sign=signed)
        _check(prov, path, before)

    byte_level()
    structured()
    unit.close()
    prov.close()
