"""The date the tests build the demo commune on: its year is the year under review.

The demo's years follow ``today`` (see desktop.ops.demo); tests fix it so their years never drift. With
4/12/2025: ratings 2022–2025, the commune's decisions of 2022–2024 (all before 1/7/2025, when the district
chair still conferred CSTĐCS and TTLĐTT), and 2025 the year being reviewed.
"""

from __future__ import annotations

from datetime import date

DEMO_TODAY = date(2025, 12, 4)
DEMO_TODAY_TEXT = DEMO_TODAY.isoformat()
