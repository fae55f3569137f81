"""``--format html``: one self-contained Chinese page of findings, for a clerk or a reviewer.

Each file gets a verdict first (「可以提交」 or 「需要修改：N 个错误，M 个警告」), then its findings
grouped by part, each saying what is wrong, where (part, table, row and column by their printed
names, the page of a PDF, the opening words of the paragraph quoted) and what to do.  The page
needs nothing from the network: styles are inline, text uses the system's fonts, and a print
stylesheet gives a clean A4 result sheet.  Each file is written as soon as it is checked.

``gxcheck serve`` shows the same fragments (:func:`document_html`) inside its upload page.
"""

from __future__ import annotations

import datetime
from html import escape
from pathlib import PurePath
from typing import Sequence

from gxcheck import __version__
from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Finding, Location, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.national import PART_BY_KEY, TABLE_NAMES, column_label, row_label

#: Lines of a plain-text file can be counted by a person; blocks of a docx or html cannot.
LINE_FILES = (".txt", ".md")
QUOTE_CHARS = 30

STYLE = """
body{font-family:system-ui,"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;
  margin:0 auto;max-width:60rem;padding:1rem;line-height:1.6;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .3rem;word-break:break-all}
h3{font-size:1rem;margin:1rem 0 .3rem;color:#444}
.meta{color:#555;font-size:.9rem}
.verdict{font-size:1.1rem;font-weight:bold;padding:.5rem .8rem;border-radius:.3rem;margin:.5rem 0}
.verdict.ok{background:#e6f4ea;color:#1e6b34}
.verdict.bad{background:#fdecea;color:#a11}
ol.findings{padding-left:1.5rem}
ol.findings li{margin:.4rem 0}
.sev{display:inline-block;min-width:2.5em;font-weight:bold}
.error .sev{color:#b00}.warning .sev{color:#a60}.info .sev{color:#357}
.where{display:block;color:#555;font-size:.9rem}
.code{color:#777;font-size:.85rem}
.undecided{color:#666}
form{margin:1rem 0;padding:1rem;border:1px dashed #888;border-radius:.3rem}
button{font-size:1rem;padding:.3rem 1rem}
.message{padding:.5rem .8rem;background:#fff4e5;border-radius:.3rem}
.comparison{color:#333;font-size:.95rem;border-left:3px solid #888;padding-left:.6rem}
@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0}form,.noprint{display:none}
  .verdict{border:1px solid #000;background:none;color:#000}}
"""


def verdict(result: DocumentResult) -> tuple[bool, str]:
    """(fit to submit, the sentence saying so)."""
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    if not errors:
        return True, "可以提交" + (f"（有 {warnings} 个警告，建议看一看）" if warnings else "")
    return False, f"需要修改：{errors} 个错误，{warnings} 个警告"


def where_words(loc: Location, path: str) -> str:
    """Where a finding points, in words a clerk can find in Word, WPS or a PDF reader."""
    bits: list[str] = []
    if loc.part == "signoff":
        bits.append("文末落款")
    elif loc.part in ("preface", "title"):
        bits.append({"preface": "正文开头（第一部分之前）", "title": "标题"}[loc.part])
    elif loc.part in PART_BY_KEY:
        spec = PART_BY_KEY[loc.part]
        bits.append(f"第{spec.ordinal}部分「{spec.heading}」")
    if loc.table:
        bits.append(TABLE_NAMES.get(loc.table, loc.table))
        if loc.row:
            bits.append(f"「{row_label(loc.table, loc.row)}」行")
        if loc.column:
            bits.append(f"「{column_label(loc.table, loc.column)}」列")
    if loc.page:
        bits.append(f"第 {loc.page} 页")
    if loc.text:
        quote = loc.text if len(loc.text) <= QUOTE_CHARS else loc.text[:QUOTE_CHARS] + "……"
        bits.append(f"原文「{quote}」" if loc.table else f"以「{quote}」开头的段落")
    elif loc.line and not loc.page and PurePath(path).suffix.lower() in LINE_FILES:
        bits.append(f"第 {loc.line} 行")
    return "，".join(bits) if bits else "全文"


def _part_heading(part: str | None) -> str:
    if part in PART_BY_KEY:
        spec = PART_BY_KEY[part]
        return f"第{spec.ordinal}部分　{spec.heading}"
    return {"signoff": "落款", "preface": "正文开头", "title": "标题"}.get(part or "", "全文")


def _part_order(part: str | None) -> int:
    order = ["title", "preface", *PART_BY_KEY, "signoff"]
    return order.index(part) if part in order else len(order)


def _finding_html(f: Finding, path: str) -> str:
    kind = "undecided" if f.undecided else f.severity.value
    label = "无法判断" if f.undecided else f.severity.chinese
    return (f'<li class="{kind}"><span class="sev">{label}</span> {escape(f.message)} '
            f'<span class="code">[{escape(f.code)}]</span>'
            f'<span class="where">位置：{escape(where_words(f.location, path))}</span></li>')


def document_html(result: DocumentResult, name: str | None = None) -> str:
    """The fragment for one checked file: heading, verdict, findings grouped by part."""
    ok, sentence = verdict(result)
    shown = name if name is not None else result.path
    out = [f'<section class="document"><h2>{escape(shown)}</h2>']
    if result.title or result.agency:
        out.append(f'<p class="meta">{escape(result.title or "")}　{escape(result.agency or "")}</p>')
    out.append(f'<p class="verdict {"ok" if ok else "bad"}">{escape(sentence)}</p>')
    if not result.findings:
        out.append("<p>没有发现问题。</p>")
    groups: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.location.part, []).append(f)
    for part in sorted(groups, key=_part_order):
        out.append(f"<h3>{escape(_part_heading(part))}</h3><ol class=\"findings\">")
        out.extend(_finding_html(f, result.path) for f in groups[part])
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def page_head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>")


def page_foot() -> str:
    return f'<p class="meta">gxcheck {__version__} · {datetime.date.today().isoformat()}</p></body></html>\n'


class HtmlFormatter(Formatter):
    name = "html"
    description = "一个网页（中文结论与问题位置，可离线打开、打印）"

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self.stream.write(page_head("政府信息公开工作年度报告检查结果"))
        self.stream.write(f"<h1>政府信息公开工作年度报告检查结果</h1><p class=\"meta\">共 {total} 份文件</p>\n")

    def document(self, result: DocumentResult) -> None:
        self.stream.write(document_html(result) + "\n")
        self.stream.flush()

    def finish(self, results: Sequence[DocumentResult], seconds: float) -> None:
        self.stream.write(page_foot())


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [HtmlFormatter]
