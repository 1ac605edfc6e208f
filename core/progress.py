"""Progress of a long management command: one line per step, counting up while it runs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import TextIOBase
from time import monotonic
from typing import TextIO


class Progress:
    """One line per step, rewritten in place while the step runs."""

    def __init__(self, out: TextIO | TextIOBase | None = None) -> None:
        self.out = out or sys.stdout
        self.started = monotonic()
        # On a terminal each step's line counts up in place; in a log, one line per step.
        self.live = getattr(self.out, "isatty", lambda: False)()

    @contextmanager
    def step(self, label: str) -> Iterator[Callable[[str], None]]:
        started = monotonic()

        def update(detail: str) -> None:
            if self.live:
                self.out.write(f"\r  {label}: {detail} ({monotonic() - started:.0f}s)\x1b[K")
                self.out.flush()

        update("…")
        yield update
        line = f"  {label}: done in {monotonic() - started:.1f}s"
        self.out.write(f"\r{line}\x1b[K\n" if self.live else f"{line}\n")
        self.out.flush()

    def total(self) -> float:
        return monotonic() - self.started
