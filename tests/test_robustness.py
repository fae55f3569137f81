"""Damaged reports never crash the recognizer or a rule: a finding, or a clean read, nothing else.

Each real text report is mutated many times with a fixed random seed (lines dropped,
repeated, cut, shuffled, junk inserted): the kinds of damage copy-paste and conversion do.
"""

from __future__ import annotations

import random

import pytest

from conftest import SHARED

from gxcheck.ftypes import ReadError

SOURCES = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))[:6]
JUNK = ["", "\t", "0", "—", "（七）总计", "四、", "三、收到和处理政府信息公开申请情况", "\t0\t0\t十", "2025年13月40日",
        "一、本年新收政府信息公开申请数量 0 0", "[bookmark: x]", "￥%……&*", "\x0c", "六、其他需要报告的事项"]


def mutate(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not out:
            break
        i = rng.randrange(len(out))
        op = rng.randrange(6)
        if op == 0:
            del out[i: i + rng.randint(1, 20)]
        elif op == 1:
            out[i:i] = out[i: i + rng.randint(1, 10)]
        elif op == 2:
            out[i] = out[i][: rng.randrange(len(out[i]) + 1)]
        elif op == 3:
            out.insert(i, rng.choice(JUNK))
        elif op == 4:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
        else:
            out[i] = out[i].replace("\t", "  ") if "\t" in out[i] else out[i] + "\t"
    return out


@pytest.mark.skipif(not SOURCES, reason="../shared is not available")
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_mutated_reports_never_crash(tmp_path, engine, source):
    rng = random.Random(source.name)
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    for n in range(40):
        path = tmp_path / f"m{n}.txt"
        path.write_text("\n".join(mutate(lines, rng)), encoding="utf-8")
        try:
            report = engine.read(path)
        except ReadError:
            continue
        findings = engine.check_report(report)
        crashed = [f.message for f in findings if f.code == "E003"]
        assert not crashed, f"{source.name} mutation {n}: {crashed}"


BINARY_SOURCES = [SHARED / "corpus" / name for name in ("r000.docx", "r004.docx", "r002.pdf", "r046.pdf",
                                                        "r001.html", "r009.html")]


def damage(data: bytes, rng: random.Random) -> bytes:
    op = rng.randrange(3)
    if op == 0:
        return data[: rng.randrange(len(data))]  # cut short, as an interrupted download
    buf = bytearray(data)
    if op == 1:
        for _ in range(rng.randint(1, 40)):  # flipped bytes
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    else:
        start = rng.randrange(len(buf))  # a zeroed stretch
        buf[start: start + rng.randint(1, 4096)] = bytes(min(4096, len(buf) - start))
    return bytes(buf)


@pytest.mark.skipif(not all(p.exists() for p in BINARY_SOURCES), reason="../shared is not available")
@pytest.mark.parametrize("source", BINARY_SOURCES, ids=lambda p: p.name)
def test_damaged_files_give_a_clear_reading_error(tmp_path, engine, source):
    """A damaged docx, pdf or html is read, or refused with a ReadError: no other exception."""
    rng = random.Random(source.name)
    data = source.read_bytes()
    for n in range(40):
        path = tmp_path / f"d{n}{source.suffix}"
        path.write_bytes(damage(data, rng))
        try:
            report = engine.read(path)
        except ReadError as exc:
            assert exc.message and exc.code in ("E001", "E002")
            continue
        assert not [f for f in engine.check_report(report) if f.code == "E003"]
