"""Report figures checked against a small, hand-counted list of awards."""

from __future__ import annotations

from desktop.domain.movement_report import AwardFact, figures, percent_text


def fact(code: str, category: str, kind: str = "individual", **extra) -> AwardFact:
    names = {
        "LDTT": "Lao động tiên tiến",
        "CSTDCS": "Chiến sĩ thi đua cơ sở",
        "GIAY_KHEN": "Giấy khen",
        "TTLDTT": "Tập thể lao động tiên tiến",
    }
    return AwardFact(code=code, code_name=names[code], category=category, target_kind=kind, **extra)


# Hand count: 8 individual awards (5 LĐTT, 1 CSTĐCS, 2 Giấy khen), 1 collective TTLĐTT, 1 household Giấy khen.
# Individuals: women 3 of 8; minorities (not Kinh "01") 5 of 8; leaders 2 of 8 → direct workers 6 of 8 = 75,0%.
FACTS = [
    fact("LDTT", "title", department="Phòng Kinh tế", gender="F", ethnic_code="08", ethnic_name="HMông"),
    fact("LDTT", "title", department="Phòng Kinh tế", gender="M", ethnic_code="08", ethnic_name="HMông"),
    fact("LDTT", "title", department="Văn phòng", gender="M", ethnic_code="01", ethnic_name="Kinh", is_leader=True),
    fact("LDTT", "title", department="Văn phòng", gender="F", ethnic_code="43", ethnic_name="Lô Lô"),
    fact("LDTT", "title", department="Văn phòng", gender="M", ethnic_code="01", ethnic_name="Kinh"),
    fact(
        "CSTDCS", "title", department="Phòng Kinh tế", gender="M", ethnic_code="02", ethnic_name="Tày", is_leader=True
    ),
    fact("GIAY_KHEN", "award_form", department="Văn phòng", gender="F", ethnic_code="09", ethnic_name="Dao"),
    fact("GIAY_KHEN", "award_form", department="Phòng Kinh tế", gender="M", ethnic_code="01", ethnic_name="Kinh"),
    fact("TTLDTT", "title", kind="collective", department="Văn phòng"),
    fact("GIAY_KHEN", "award_form", kind="household"),
]


def test_counts_by_target_and_titles_apart_from_award_forms():
    data = figures(FACTS)
    assert (data["total"], data["individual"], data["collective"], data["household"]) == (10, 8, 1, 1)
    assert [(r["key"], r["count"]) for r in data["titles"]] == [("LDTT", 5), ("CSTDCS", 1), ("TTLDTT", 1)]
    assert [(r["key"], r["count"]) for r in data["award_forms"]] == [("GIAY_KHEN", 3)]
    assert data["titles_total"] == 7 and data["award_forms_total"] == 3
    assert {r["key"] for r in data["titles"]}.isdisjoint({r["key"] for r in data["award_forms"]})


def test_by_department_excludes_households():
    data = figures(FACTS)
    assert [(r["label"], r["count"]) for r in data["departments"]] == [("Văn phòng", 5), ("Phòng Kinh tế", 4)]


def test_people_shares():
    data = figures(FACTS)
    assert data["gender"]["female"] == 3 and data["gender"]["male"] == 5
    assert data["gender"]["female_share"] == 37.5
    assert data["ethnic"]["minority"] == 5 and data["ethnic"]["majority"] == 3
    assert data["ethnic"]["minority_share"] == 62.5
    assert data["position"]["leader"] == 2 and data["position"]["direct_worker"] == 6
    assert data["position"]["direct_worker_share"] == 75.0
    assert data["highlights"][0] == "75,0% người lao động trực tiếp (6/8 lượt cá nhân)"
    groups = {r["label"]: r["count"] for r in data["ethnic"]["groups"]}
    assert groups == {"Kinh": 3, "HMông": 2, "Lô Lô": 1, "Tày": 1, "Dao": 1}


def test_empty_year():
    data = figures([])
    assert data["total"] == 0 and data["highlights"] == []
    assert data["position"]["direct_worker_share"] == 0.0


def test_percent_text():
    assert percent_text(72.5) == "72,5%"
