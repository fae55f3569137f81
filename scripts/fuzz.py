"""Mutational fuzzing: seeded byte mutations of real reports, checked in limited workers.

    python scripts/fuzz.py [CASES_PER_FORMAT] [SEED]

Asserts for every case: no exception escapes the engine (the worker never dies, no rule crashes
with E003), at most one E001, no finding listed twice, and no case runs past a 30 s guard (a
hang detector, not a speed measure).  The closing line gives
cases run and failures.  tests/test_fuzz.py runs a few hundred cases of the same in CI.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GUARD_SECONDS = 30.0


def sources() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for folder in (ROOT / "examples" / "reports", SHARED / "seeds", SHARED / "corpus", SHARED / "real"):
        for suffix in (".txt", ".docx", ".pdf", ".html"):
            found.setdefault(suffix, []).extend(sorted(folder.glob(f"*{suffix}"))[:4])
    return {k: v for k, v in found.items() if v}


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            break
        i = rng.randrange(len(out))
        op = rng.randrange(5)
        if op == 0:
            out[i] = rng.randrange(256)
        elif op == 1:
            del out[i: i + rng.randint(1, 64)]
        elif op == 2:
            out[i:i] = out[i: i + rng.randint(1, 64)] * rng.randint(1, 4)
        elif op == 3:
            out[i:i] = rng.choice([b"9" * 400, b"\x00", b"\xff\xfe", b"%PDF-1.7", b"&#xD800;", b"\x80"])
        else:
            del out[i:]
    return bytes(out)


def problems(result) -> list[str]:
    from gxcheck.worker import DIED_MESSAGE

    codes = [f.code for f in result.findings]
    bad = []
    if codes.count("E001") > 1:
        bad.append("more than one E001")
    if "E003" in codes:
        bad.append("a rule crashed (E003)")
    if result.error and "读取超时" in result.error:
        bad.append("ran past the guard")
    if result.error == DIED_MESSAGE:
        bad.append("the worker died (an exception escaped the engine, or a native crash)")
    if len(set(result.findings)) < len(result.findings):
        bad.append("the same finding listed twice")
    return bad


def run(cases_per_format: int, seed: int, folder: Path) -> tuple[int, list[str]]:
    from gxcheck import worker
    from gxcheck.engine import Engine
    from gxcheck.manager import Plugins

    rng = random.Random(seed)
    files: list[Path] = []
    for suffix, paths in sources().items():
        for n in range(cases_per_format):
            src = rng.choice(paths)
            path = folder / f"{suffix[1:]}_{n:05d}{suffix}"
            path.write_bytes(mutate(src.read_bytes(), rng))
            files.append(path)
    failures = []
    for path, result in zip(files, worker.check_isolated(Engine(Plugins()), files, 2, seconds=GUARD_SECONDS)):
        failures.extend(f"{path.name}: {p}" for p in problems(result))
    return len(files), failures


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 1000
    seed = int(argv[1]) if len(argv) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        count, failures = run(cases, seed, Path(tmp))
    for line in failures[:50]:
        print(line)
    print(f"fuzz: {count} cases run, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
