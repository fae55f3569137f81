"""What a cross-report rule needs of a report: its body, year, numbers and a narrative sketch.

A :class:`~gxcheck.ftypes.Facts` is small and of fixed size whatever the report's length
(the sketch keeps :data:`SKETCH_SIZE` hashes, at most :data:`PASSAGES` passages), so a run of
100,000 reports keeps them all in memory, and it is plain data, so it crosses processes.

The narrative sketch is a *bottom-k* MinHash: the :data:`SKETCH_SIZE` smallest 64-bit hashes
of the character 5-grams of parts 一, 五 and 六, with numbers, years and the body's name
masked (this year's 「2024年，我镇…12件」 and last year's 「2023年，我镇…9件」 are the same
sentence).  From two sketches and the two 5-gram counts :func:`copy_rate` estimates how much of
one narrative the other contains.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
import re
from array import array
from collections import defaultdict
from typing import Iterable, Iterator, Optional, Protocol, Sequence

from gxcheck.ftypes import Cell, Facts, Report
from gxcheck.spill import Spill
from gxcheck.recognize.text import squash
from gxcheck.startup import compiled_on_use

SKETCH_SIZE = 256
PASSAGES = 24
#: A passage is kept (and quoted by Y003) up to this many characters.
QUOTE = 40
_GRAM = 5
#: Parts whose prose a body tends to copy from last year.
NARRATIVE_PARTS = ("s1", "s5", "s6")

_NUMBER = compiled_on_use(r"\d+(?:\.\d+)?|[〇零一二三四五六七八九十百千两]+(?=[件条个次项期篇人年月日])")
_SENTENCE = compiled_on_use(r"[^。；！？\n]+")
#: Endings that name the kind of office, not the body: 「兴隆街道办事处」 and 「兴隆街道」 are one.
_ENDINGS = ("人民政府办公室", "人民政府", "办事处", "政府", "管理委员会", "管委会")
#: Where an administrative prefix ends: 「平山县|兴隆街道」, 「河口市|教育局」.
_PREFIX_END = compiled_on_use(r"^(.*?(?:自治州|自治县|特别行政区|省|市|县|区|州|盟|旗))(.{2,})$")


def body_parts(agency: Optional[str]) -> Optional[tuple[str, str]]:
    """(prefix, core) of a body's name: 「平山县兴隆街道办事处」 → (「平山县」, 「兴隆街道」).

    Traditional characters are folded (by squash): 「平山縣興隆街道辦事處」 is the same body."""
    if not agency:
        return None
    name = squash(agency).replace(" ", "").replace("\u3000", "")
    for ending in _ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            name = name[: -len(ending)]
            break
    m = _PREFIX_END.match(name)
    # 「街道」 cores keep their own ending; a core of one character is no name.
    if m and not m.group(2).startswith(("街道", "社区")):
        return m.group(1), m.group(2)
    return "", name


def _masked(text: str, names: Sequence[str]) -> str:
    """``text`` with numbers and the body's ``names`` (longest first, see :func:`_names`) masked."""
    text = squash(text)
    for name in names:
        text = text.replace(name, "@")
    text = _NUMBER.sub("#", text)
    return re.sub(r"\s+", "", text)


def _names(names: Iterable[str]) -> tuple[str, ...]:
    """The body's names to mask, longest first (「平山县兴隆镇」 before 「兴隆镇」)."""
    return tuple(sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True))


#: The 8-byte BLAKE2b every hash here starts from: a copy of it is made in a third of the time
#: ``hashlib.blake2b(…, digest_size=8)`` takes to set one up (and a report has hundreds of 5-grams).
_BLAKE2B_8 = hashlib.blake2b(digest_size=8)


def _hash(text: str) -> int:
    h = _BLAKE2B_8.copy()
    h.update(text.encode("utf-8"))
    return int.from_bytes(h.digest(), "big")


def _digests(texts: Iterable[str]) -> set[bytes]:
    """The 8-byte digest of every text (:func:`_hash` before it is read as a number), in one loop:
    the 5-grams of a report are hundreds, and a call for each was a fifth of their cost.  Digests of
    one length sort as their big-endian numbers do, so the sketch is packed from them as they are."""
    copy = _BLAKE2B_8.copy
    out = set()
    for text in texts:
        h = copy()
        h.update(text.encode("utf-8"))
        out.add(h.digest())
    return out


def _narrative(report: Report) -> str:
    return "\n".join(part.text for part in report.parts if part.key in NARRATIVE_PARTS)


def facts_of(report: Report, path: str) -> Facts:
    parts = body_parts(report.agency or report.title_agency)
    names = _names([report.agency or "", report.title_agency or ""] + (list(parts) if parts else []))
    narrative = _narrative(report)
    masked = _masked(narrative, names)
    grams = {masked[i:i + _GRAM] for i in range(max(0, len(masked) - _GRAM + 1))}
    sketch = sorted(_digests(grams))[:SKETCH_SIZE]  # the smallest, ascending
    sentences: dict[int, str] = {}
    for raw in _SENTENCE.findall(squash(narrative)):
        key = _masked(raw, names)
        if len(key) >= 15:
            sentences.setdefault(_hash(key), raw.strip()[:QUOTE])
    longest = sorted(sentences.items(), key=lambda s: -len(s[1]))[:PASSAGES]
    tables = {name: {key: _numbers(row.cells) for key, row in table.rows.items()}
              for name, table in report.tables.found()}
    return Facts(path=path, agency=report.agency or report.title_agency,
                 prefix=parts[0] if parts else "", core=parts[1] if parts else None,
                 year=report.year, numbers=json.dumps(tables, ensure_ascii=False, separators=(",", ":")),
                 grams=len(grams), sketch=base64.b64encode(b"".join(sketch)).decode(),
                 passages="\n".join(f"{h:016x}{text.replace(chr(10), ' ')}" for h, text in longest))


def _numbers(cells: Sequence[Cell]) -> list[Optional[float]]:
    """A row's numbers (``None`` for a cell that holds none), 3.0 as 3 in the packed JSON (a third of
    the bytes of most tables); one loop a row, not a call a cell."""
    out: list[Optional[float]] = []
    for cell in cells:
        value = cell.value if cell.status == "number" else None
        out.append(int(value) if value is not None and value == int(value) and abs(value) < 1e15 else value)
    return out


def copy_rate(this: Facts, last: Facts) -> float:
    """Estimated share of ``this`` narrative's 5-grams found in ``last``'s (0–1)."""
    if not this.sketch or not last.sketch or not this.grams:
        return 0.0
    mine, theirs = set(this.hashes), set(last.hashes)
    union = heapq.nsmallest(SKETCH_SIZE, mine | theirs)
    both = sum(1 for h in union if h in mine and h in theirs)
    jaccard = both / len(union)
    shared = jaccard * (this.grams + last.grams) / (1 + jaccard)
    return min(1.0, shared / this.grams)


def repeated_passage(this: Facts, last: Facts) -> Optional[str]:
    theirs = {h for h, _ in last.passage_list}
    return next((text for h, text in this.passage_list if h in theirs), None)


def bodies(facts: Sequence[Facts]) -> list[list[Facts]]:
    """The reports of a run grouped by body, each group by year.

    One core name (「兴隆街道」) with different prefixes (「平山县」, 「宁远县」) is as many bodies;
    a report whose name has no prefix joins the one prefixed body of its core, if there is
    exactly one.  Reports whose body cannot be told (no agency) are in no group.
    """
    by_core: dict[str, dict[str, list[Facts]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        if fact.core:
            by_core[fact.core][fact.prefix].append(fact)
    groups: list[list[Facts]] = []
    for prefixes in by_core.values():
        named = [p for p in prefixes if p]
        if "" in prefixes and len(named) == 1:
            prefixes[named[0]].extend(prefixes.pop(""))
        for members in prefixes.values():
            groups.append(sorted(members, key=lambda f: (f.year or 0, f.path)))
    return groups


def body_key(fact: Facts) -> Optional[str]:
    return f"{fact.prefix}{fact.core}" if fact.core else None


class FactsSource(Protocol):
    """Where the rules over a run find the facts: all at once, or one core name's reports at a time."""

    def all(self) -> Sequence[Facts]: ...

    def by_core(self) -> Iterator[Sequence[Facts]]: ...


class FactsList:
    """The facts of a run, in memory (one draft against last year's report, a page upload)."""

    def __init__(self, facts: Sequence[Facts]) -> None:
        self.facts = list(facts)

    def all(self) -> Sequence[Facts]:
        return self.facts

    def by_core(self) -> Iterator[Sequence[Facts]]:
        groups: dict[str, list[Facts]] = defaultdict(list)
        for fact in self.facts:
            if fact.core:
                groups[fact.core].append(fact)
        yield from groups.values()


class FactsFile:
    """The facts of a large run, on disk: in memory only the offsets of the pickled facts, 8
    bytes a report in one array, and the same offsets grouped by core name, so the rules that
    compare reports of one body (``RunRule.per_body``) read one core name's reports at a time."""

    def __init__(self) -> None:
        self.spill = Spill(prefix="gxcheck-facts-")
        self.offsets = array("q")
        self.cores: dict[str, array[int]] = {}

    def add(self, fact: Facts) -> None:
        offset = self.spill.add(fact)
        self.offsets.append(offset)
        if fact.core:
            self.cores.setdefault(fact.core, array("q")).append(offset)

    def _load(self, offset: int) -> Facts:
        fact = self.spill.load(offset)
        assert isinstance(fact, Facts)
        return fact

    def all(self) -> Sequence[Facts]:
        return [self._load(offset) for offset in self.offsets]

    def by_core(self) -> Iterator[Sequence[Facts]]:
        for offsets in self.cores.values():
            yield [self._load(offset) for offset in offsets]

    def close(self) -> None:
        self.spill.close()
