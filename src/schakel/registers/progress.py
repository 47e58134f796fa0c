# SPDX-License-Identifier: EUPL-1.2
"""Progress on stderr while DuckDB works through a large file.

A national BRP extract takes tens of seconds to read and check; without a sign of life people
interrupt it. DuckDB reports the progress of the running query, which a background thread polls.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import duckdb


class Progress:
    """Prints ``label: fase NN%`` lines to a stream; silent when ``enabled`` is false."""

    def __init__(self, label: str, *, enabled: bool, stream: TextIO | None = None,
                 interval: float = 1.0) -> None:
        self.label = label
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.interval = interval

    def note(self, text: str) -> None:
        if self.enabled:
            print(f"{self.label}: {text}", file=self.stream, flush=True)

    @contextmanager
    def phase(self, con: duckdb.DuckDBPyConnection, name: str) -> Iterator[None]:
        """Report the progress of the queries run inside the block."""
        if not self.enabled:
            yield
            return
        self.note(f"{name}…")
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(con, name, stop), daemon=True)
        con.execute("SET enable_progress_bar = true")
        con.execute("SET enable_progress_bar_print = false")
        watcher.start()
        try:
            yield
        finally:
            stop.set()
            watcher.join()

    def _watch(self, con: duckdb.DuckDBPyConnection, name: str, stop: threading.Event) -> None:
        last = -1
        while not stop.wait(self.interval):
            try:
                percent = int(con.query_progress())
            except duckdb.Error:
                return
            if percent >= 0 and percent // 10 != last // 10:
                last = percent
                self.note(f"{name} {percent}%")
