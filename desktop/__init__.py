"""TĐKT desktop: emulation and commendation work for a Vietnamese commune or agency."""

__version__ = "0.1.0"
APP_NAME = "TDKT"
APP_TITLE = "Thi đua – Khen thưởng"
