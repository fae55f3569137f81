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
from typing import TYPE_CHECKING, Sequence

from gxcheck import __version__
from gxcheck.formatter import Formatter
from gxcheck.ftypes import DocumentResult, Finding, Location, RunSummary, Severity
from gxcheck.hookspecs import hookimpl
from gxcheck.national import PART_BY_KEY, TABLE_NAMES, column_label, row_label

if TYPE_CHECKING:
    from gxcheck.output.report_view import Targets

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
ol.findings{list-style:none;padding-left:0}
ol.findings li{margin:.5rem 0}
ol.findings li[data-targets]{cursor:pointer}
ol.explained{padding-left:1rem;border-left:3px solid #f0c0b0;margin:.3rem 0 .3rem .3rem}
.num,a.mark{display:inline-block;min-width:1.3em;padding:0 .25rem;border-radius:.7rem;background:#b00;color:#fff;
  text-align:center;text-decoration:none;font-weight:bold}
.num{margin-right:.3rem;font-size:.8rem}
a.mark{margin-left:.15rem;font-size:.7rem;line-height:1.3;vertical-align:super;text-indent:0}
.goto{margin-left:.6rem}
.cause{display:block;font-size:.9rem;color:#a11}
.report-view{margin-top:1.5rem;border-top:2px solid #ccc}
.legend{font-size:.85rem;color:#444}
.swatch{display:inline-block;width:1.3em;height:.9em;border:1px solid #999;vertical-align:middle;margin:0 .2rem 0 .4rem}
ul.parts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.state{margin-left:.3rem;font-size:.8rem;border:1px solid;border-radius:.2rem;padding:0 .25rem}
.parts .found .state{color:#1e6b34}.parts .absent{color:#a11}
.doc-title{font-weight:bold;text-align:center}
h4{margin:1rem 0 .3rem}
.prose p{margin:.3rem 0;text-indent:2em}
mark{background:#fff0a8;padding:0 .1rem}
.table-wrap{overflow-x:auto;margin:.6rem 0;max-width:100%}
table.report-table{border-collapse:collapse;font-size:.85rem}
.report-table caption{text-align:left;font-weight:bold;padding:.2rem 0}
.report-table th,.report-table td{border:1px solid #999;padding:.15rem .35rem}
.report-table th{font-weight:normal;background:#fafafa}
.report-table th[scope=row]{text-align:left;min-width:9em}
.report-table tr.sub th{background:#f0f0f0;font-weight:bold;text-align:left}
.report-table td{text-align:right;white-space:nowrap}
.blank{color:#666;font-size:.8em;background:repeating-linear-gradient(45deg,#fff,#fff 4px,#e6e6e6 4px,#e6e6e6 8px)}
.placeholder{color:#555;background:#f2f2f2}
.invalid{color:#a11;background:#fdecea}
td.missing,p.missing{color:#888;font-size:.8em}
.hit{background:#fff0a8}
.hit.left{outline:2px solid #c60;outline-offset:-2px}
.hit.right{outline:2px dashed #c60;outline-offset:-2px}
.hit.likely{background:#ffc9c2;outline:3px solid #b00;outline-offset:-3px}
.flash{box-shadow:0 0 0 3px #1a73e8;animation:flash 1.2s ease-out 2}
@keyframes flash{0%{background:#9cd0ff}}
.sev{display:inline-block;min-width:2.5em;font-weight:bold}
.error .sev{color:#b00}.warning .sev{color:#a60}.info .sev{color:#357}
.where{display:block;color:#555;font-size:.9rem}
.code{color:#777;font-size:.85rem}
.undecided{color:#666}
form{margin:1rem 0;padding:1rem;border:1px dashed #888;border-radius:.3rem}
button{font-size:1rem;padding:.3rem 1rem}
.message{padding:.5rem .8rem;background:#fff4e5;border-radius:.3rem}
.comparison{color:#333;font-size:.95rem;border-left:3px solid #888;padding-left:.6rem}
@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10.5pt}form,.noprint,.prose{display:none}
  .verdict{border:1px solid #000;background:none;color:#000}.table-wrap{overflow:visible}
  table.report-table{font-size:8pt;page-break-inside:avoid}.flash{box-shadow:none;animation:none}
  .num,a.mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

#: Clicking a finding (or its 「在报告中查看」 link) scrolls to its cells or quoted sentence and
#: highlights them; a cell's number leads back to its finding.  Inline, so the page needs nothing else.
SCRIPT = """
document.addEventListener("click", function (e) {
  var t = e.target, mark = t.closest && t.closest("a.mark");
  document.querySelectorAll(".flash").forEach(function (x) { x.classList.remove("flash"); });
  if (mark) {
    var back = document.getElementById(mark.getAttribute("href").slice(1));
    if (back) { back.classList.add("flash"); }
    return;
  }
  var li = t.closest && t.closest("li[data-targets]");
  if (!li || (t.closest("a") && !t.closest("a.goto"))) { return; }
  e.preventDefault();
  var first = null;
  li.getAttribute("data-targets").split(" ").forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { el.classList.add("flash"); first = first || el; }
  });
  if (first) { first.scrollIntoView({block: "center"}); history.replaceState(null, "", "#" + first.id); }
});
"""


def verdict(result: DocumentResult) -> tuple[bool, str]:
    """(fit to submit, the sentence saying so)."""
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    if result.error:
        return False, "无法读取这个文件，没有检查：请按下面的提示处理后重新检查"
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


def display_order(findings: Sequence[Finding]) -> list[tuple[str | None, list[tuple[Finding, list[Finding]]]]]:
    """Findings grouped by part, in the parts' order; in each part a finding that explains others
    (A010) comes first, with the findings it explains under it."""
    causes = {f.code for f in findings if f.explains}
    groups: dict[str | None, list[tuple[Finding, list[Finding]]]] = {}
    for f in findings:
        if f.explained_by in causes:
            continue
        groups.setdefault(f.location.part, []).append((f, [g for g in findings if f.explains and g.explained_by == f.code]))
    for entries in groups.values():
        entries.sort(key=lambda entry: not entry[0].explains)  # stable: otherwise as the engine ordered them
    return [(part, groups[part]) for part in sorted(groups, key=_part_order)]


def _finding_html(f: Finding, number: int, path: str, prefix: str, targets: Targets | None, inner: str = "") -> str:
    kind = "undecided" if f.undecided else f.severity.value
    label = "无法判断" if f.undecided else f.severity.chinese
    ids = targets.ids.get(number, []) if targets is not None else []
    attrs = f' data-targets="{" ".join(ids)}"' if ids else ""
    goto = f'<a class="goto noprint" href="#{ids[0]}">在报告中查看</a>' if ids else ""
    explained = '<span class="cause">先核对这一格：下面几条问题都可能由它引起</span>' if f.explains and inner else ""
    return (f'<li id="{prefix}-f{number}" class="{kind}"{attrs}><span class="num">{number}</span>'
            f'<span class="sev">{label}</span> {escape(f.message)} <span class="code">[{escape(f.code)}]</span>'
            f'<span class="where">位置：{escape(where_words(f.location, path))}{goto}</span>{explained}{inner}</li>')


def document_html(result: DocumentResult, name: str | None = None, index: int = 0) -> str:
    """The fragment for one checked file: heading, verdict, findings grouped by part, and, when
    the result carries its parsed report, the report as read with the findings' cells marked.
    ``index`` keeps element ids apart when one page shows several files."""
    ok, sentence = verdict(result)
    shown = name if name is not None else result.path
    prefix = f"d{index}"
    order = display_order(result.findings)
    numbered: list[tuple[int, Finding]] = []
    for _, entries in order:  # numbered as listed: an explained finding right after the one explaining it
        for first, under in entries:
            for f in (first, *under):
                numbered.append((len(numbered) + 1, f))
    number = {id(f): n for n, f in numbered}
    view, targets = ("", None)
    if result.report is not None:
        from gxcheck.output.report_view import report_html  # only when a report is shown: not at every start

        view, targets = report_html(result.report, numbered, prefix)
    out = [f'<section class="document" id="{prefix}"><h2>{escape(shown)}</h2>']
    if result.title or result.agency:
        out.append(f'<p class="meta">{escape(result.title or "")}　{escape(result.agency or "")}</p>')
    out.append(f'<p class="verdict {"ok" if ok else "bad"}">{escape(sentence)}</p>')
    if not result.findings:
        out.append("<p>没有发现问题。</p>")
    for part, entries in order:
        out.append(f"<h3>{escape(_part_heading(part))}</h3><ol class=\"findings\">")
        for first, under in entries:
            inner = ""
            if under:
                inner = '<ol class="findings explained">' + "".join(
                    _finding_html(g, number[id(g)], result.path, prefix, targets) for g in under) + "</ol>"
            out.append(_finding_html(first, number[id(first)], result.path, prefix, targets, inner))
        out.append("</ol>")
    out.append(view)
    out.append("</section>")
    return "\n".join(out)


def page_head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="generator" content="gxcheck {__version__}">'  # a result, never read as a report
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style><script>{SCRIPT}</script></head><body>")


def page_foot() -> str:
    return f'<p class="meta">gxcheck {__version__} · {datetime.date.today().isoformat()}</p></body></html>\n'


class HtmlFormatter(Formatter):
    name = "html"
    description = "一个网页（中文结论与问题位置，可离线打开、打印）"
    shows_reports = True

    def start(self, total: int, rule_codes: Sequence[str] = ()) -> None:
        self._count = 0
        self.stream.write(page_head("政府信息公开工作年度报告检查结果"))
        self.stream.write(f"<h1>政府信息公开工作年度报告检查结果</h1><p class=\"meta\">共 {total} 份文件</p>\n")

    def document(self, result: DocumentResult) -> None:
        self.stream.write(document_html(result, index=self._count) + "\n")
        self._count += 1
        self.stream.flush()

    def finish(self, summary: RunSummary) -> None:
        self.stream.write(page_foot())


@hookimpl
def gxcheck_formatters() -> Sequence[type[Formatter]]:
    return [HtmlFormatter]
