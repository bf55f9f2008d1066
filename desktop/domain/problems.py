"""An error that carries every problem found, not only the first: the clerk fixes them all in one go."""

from __future__ import annotations

from collections.abc import Sequence


class ProblemsError(ValueError):
    """``problems`` lists every message; the error's text is the messages one a line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
