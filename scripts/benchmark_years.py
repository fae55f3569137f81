"""Time the years pack (Y001–Y007) over the facts of 1,000 and 10,000 reports, and their memory.

The facts are made from the series reports, each copied under many bodies' names and years
(so every body has three consecutive years), as a run over an archive would give them.

    .venv/bin/python scripts/benchmark_years.py
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

from gxcheck.engine import Engine
from gxcheck.facts import facts_of
from gxcheck.ftypes import DocumentResult
from gxcheck.manager import Plugins

SERIES = Path(__file__).resolve().parents[1].parent / "shared" / "series"


def main() -> int:
    engine = Engine(Plugins())
    base = [facts_of(engine.read(p), str(p)) for p in sorted(SERIES.glob("s*.*"))]
    for count in (1_000, 10_000):
        facts = []
        for i in range(count):
            f = base[i % len(base)]
            facts.append(f.model_copy(update={"path": f"{i}.txt", "prefix": f"第{i // 3}县", "year": 2022 + i % 3}))
        results = [DocumentResult(path=f.path, facts=f) for f in facts]
        start = time.perf_counter()
        engine.check_run(results)
        seconds = time.perf_counter() - start
        print(f"{count:>6} reports: years pack {seconds:.2f} s")
    # The copies share their tuples; the size of one report's facts is that of a series report's.
    size = sum(len(pickle.dumps(f)) for f in base) / len(base)
    print(f"facts of one report: {size / 1024:.1f} KiB (pickled, as sent from a worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
