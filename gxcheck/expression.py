"""The small expression language of TOML rules: table cells, integers, arithmetic, comparisons.

::

    condition  := conjunct ("or" conjunct)*
    conjunct   := comparison ("and" comparison)*
    comparison := sum ("==" | "!=" | "<" | "<=" | ">" | ">=") sum  |  "(" condition ")"
    sum        := term (("+" | "-") term)*
    term       := INTEGER | cell | "(" sum ")"
    cell       := TABLE "." ROW ("." COLUMN | "[" INDEX "]")?

A cell is named by the canonical keys of ``format.md``: ``requests.new.total``,
``review.suit_after.pending``, table 二's columns by position ``proactive.normative[2]``
(from 0); a row of one column may leave it out (``proactive.license``).  The text is
tokenized and parsed here into a tree; nothing is ever handed to ``eval``.  A cell that is
blank, a placeholder or missing makes the whole condition undecided (:data:`UNDECIDED`),
never 0.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Callable, Union

from gxcheck import national
from gxcheck.ftypes import Report
from gxcheck.startup import compiled_on_use

_TOKEN = compiled_on_use(r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|[<>+\-.()\[\]]))")

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}

_ROWS: dict[str, dict[str, int]] = {
    "proactive": {r.key: r.width for r in national.PROACTIVE_ROWS},
    "requests": {**{r.key: len(national.REQUEST_COLUMN_KEYS) for r in national.REQUEST_ROWS},
                 "other": len(national.REQUEST_COLUMN_KEYS)},
    "review": {key: len(national.REVIEW_COLUMN_KEYS) for key, _ in national.REVIEW_GROUPS},
}
_COLUMNS: dict[str, tuple[str, ...]] = {
    "proactive": (),
    "requests": national.REQUEST_COLUMN_KEYS,
    "review": national.REVIEW_COLUMN_KEYS,
}


class ExpressionError(ValueError):
    """The condition cannot be parsed; ``column`` is where (1-based) in its text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"第 {column} 个字符处：{message}")
        self.column = column


class _Undecided:
    """The value of a condition over a blank or missing cell."""

    def __repr__(self) -> str:
        return "UNDECIDED"


UNDECIDED = _Undecided()


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    column: int
    text: str

    def value(self, report: Report) -> float | None:
        table = report.tables.get(self.table)
        cell = table.cell(self.row, self.column) if table is not None else None
        return cell.number if cell is not None else None


@dataclass(frozen=True)
class Number:
    value: int


@dataclass(frozen=True)
class Arithmetic:
    op: str
    left: Term
    right: Term


@dataclass(frozen=True)
class Comparison:
    op: str
    left: Term
    right: Term


@dataclass(frozen=True)
class Logical:
    op: str  # "and" / "or"
    left: Condition
    right: Condition


Term = Union[CellRef, Number, Arithmetic]
Condition = Union[Comparison, Logical]


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None:
            column = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ExpressionError(f"不认识的字符「{text[column - 1]}」", column)
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    out.append(("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def take(self, value: str | None = None, kind: str | None = None) -> tuple[str, str, int]:
        token = self.peek()
        if (value is not None and token[1] != value) or (kind is not None and token[0] != kind):
            wanted = f"「{value}」" if value is not None else {"int": "整数", "name": "名称"}.get(kind or "", kind)
            found = f"「{token[1]}」" if token[0] != "end" else "结尾"
            raise ExpressionError(f"这里应为{wanted}，却是{found}", token[2])
        self.pos += 1
        return token

    def condition(self) -> Condition:
        left = self.conjunct()
        while self.peek()[1] == "or":
            self.take("or")
            left = Logical("or", left, self.conjunct())
        return left

    def conjunct(self) -> Condition:
        left = self.comparison()
        while self.peek()[1] == "and":
            self.take("and")
            left = Logical("and", left, self.comparison())
        return left

    def comparison(self) -> Condition:
        if self.peek()[1] == "(" and self._parenthesised_condition():
            self.take("(")
            inner = self.condition()
            self.take(")")
            return inner
        left = self.sum()
        kind, value, column = self.peek()
        if value not in _COMPARE:
            found = f"「{value}」" if kind != "end" else "结尾"
            raise ExpressionError(f"这里应为比较符号（== != < <= > >=），却是{found}", column)
        self.take(value)
        return Comparison(value, left, self.sum())

    def _parenthesised_condition(self) -> bool:
        """Whether the "(" here opens a condition (it holds a comparison) rather than a sum."""
        depth = 0
        for _, value, _ in self.tokens[self.pos:]:
            if value == "(":
                depth += 1
            elif value == ")":
                depth -= 1
                if depth == 0:
                    return False
            elif depth == 1 and (value in _COMPARE or value in ("and", "or")):
                return True
        return False

    def sum(self) -> Term:
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            left = Arithmetic(op, left, self.term())
        return left

    def term(self) -> Term:
        kind, value, column = self.peek()
        if kind == "int":
            self.take()
            return Number(int(value))
        if value == "(":
            self.take("(")
            inner = self.sum()
            self.take(")")
            return inner
        if kind == "name" and value not in ("and", "or"):
            return self.cell()
        found = f"「{value}」" if kind != "end" else "结尾"
        raise ExpressionError(f"这里应为整数或表格单元格（如 requests.new.total），却是{found}", column)

    def cell(self) -> CellRef:
        _, table, start = self.take(kind="name")
        if table not in _ROWS:
            raise ExpressionError(f"没有名为「{table}」的表格（可用：proactive 表二、requests 表三、review 表四）", start)
        self.take(".")
        _, row, row_column = self.take(kind="name")
        if row not in _ROWS[table]:
            raise ExpressionError(f"表格 {table} 没有名为「{row}」的行（见 format.md 的行键）", row_column)
        width = _ROWS[table][row]
        if self.peek()[1] == ".":
            self.take(".")
            _, name, name_column = self.take(kind="name")
            if name not in _COLUMNS[table]:
                named = "、".join(_COLUMNS[table])
                hint = f"可用：{named}" if named else f"表二的列请用位置，如 {table}.{row}[0]"
                raise ExpressionError(f"表格 {table} 没有名为「{name}」的列（{hint}）", name_column)
            column = _COLUMNS[table].index(name)
        elif self.peek()[1] == "[":
            self.take("[")
            _, index, index_column = self.take(kind="int")
            self.take("]")
            column = int(index)
            if column >= width:
                raise ExpressionError(f"{table}.{row} 只有 {width} 列，位置应为 0 到 {width - 1}", index_column)
        elif width == 1:
            column = 0
        else:
            raise ExpressionError(f"{table}.{row} 有 {width} 列，请写明哪一列，如 {self._example(table, row)}",
                                  self.peek()[2])
        end = self.tokens[self.pos - 1]
        return CellRef(table, row, column, self.text[start - 1:end[2] - 1 + len(end[1])])

    @staticmethod
    def _example(table: str, row: str) -> str:
        return f"{table}.{row}.{_COLUMNS[table][-1]}" if _COLUMNS[table] else f"{table}.{row}[0]"


def parse(text: str) -> Condition:
    """Parse a condition; raises :class:`ExpressionError` saying where and what is wrong."""
    parser = _Parser(text)
    tree = parser.condition()
    kind, value, column = parser.peek()
    if kind != "end":
        raise ExpressionError(f"多余的「{value}」", column)
    return tree


def cells(node: Condition | Term) -> list[CellRef]:
    """Every cell the condition reads, in order."""
    if isinstance(node, CellRef):
        return [node]
    if isinstance(node, Number):
        return []
    return cells(node.left) + cells(node.right)


def _value(term: Term, report: Report) -> float | _Undecided:
    if isinstance(term, Number):
        return term.value
    if isinstance(term, CellRef):
        found = term.value(report)
        return UNDECIDED if found is None else found
    left, right = _value(term.left, report), _value(term.right, report)
    if isinstance(left, _Undecided) or isinstance(right, _Undecided):
        return UNDECIDED
    return left + right if term.op == "+" else left - right


def evaluate(node: Condition, report: Report) -> bool | _Undecided:
    """True or False, or :data:`UNDECIDED` when a cell it needs is not a number."""
    if isinstance(node, Comparison):
        left, right = _value(node.left, report), _value(node.right, report)
        if isinstance(left, _Undecided) or isinstance(right, _Undecided):
            return UNDECIDED
        return _COMPARE[node.op](left, right)
    first = evaluate(node.left, report)
    # A decided side may settle the whole: False and ?, True or ?.
    if first is (node.op == "or"):
        return first
    second = evaluate(node.right, report)
    if second is (node.op == "or"):
        return second
    if isinstance(first, _Undecided) or isinstance(second, _Undecided):
        return UNDECIDED
    return second
