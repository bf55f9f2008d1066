"""File names and file replacement that behave the same on the clerk's Windows PC as on Linux.

Below ``store``, ``documents``, ``exchange`` and ``ops``: it imports nothing of the program but
``desktop.i18n``, so every layer may use it (docs/windows.md).
"""
