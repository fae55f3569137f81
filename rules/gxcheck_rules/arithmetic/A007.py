from typing import Iterator

from gxcheck import Example, Finding, Location, Report, Rule, Severity

HEAD = "双溪镇2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
ROWS = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t{}\t0\t{}\n行政规范性文件\t0\t0\t0\n"


class A007(Rule):
    """乡镇、街道、县级政府及县级部门的「规章」应为 0。

    按《立法法》，只有国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府可以制定规章。
    乡镇、街道、县（区）政府和县级部门填了规章，多半是把规范性文件填错了行。
    """

    code = "A007"
    slug = "arithmetic.rules-at-low-level"
    title = "无权制定规章的机关填了规章"
    severity = Severity.ERROR
    basis = "《中华人民共和国立法法》第九十三条（规章制定主体）"
    failing = (Example(text=HEAD + ROWS.format(1, 1), note="镇政府填了 1 件规章"),)
    passing = (Example(text=HEAD + ROWS.format(0, 0)),
               Example(text=HEAD.replace("双溪镇", "淮安市人民政府") + ROWS.format(2, 30), note="设区的市可以制定规章"))

    LOW = ("township", "county", "department")

    def check(self, report: Report) -> Iterator[Finding]:
        table = report.tables.proactive
        if table is None or "rules" not in table.rows or report.level not in self.LOW:
            return
        row = table.rows["rules"]
        numbers = [c.value for c in row.cells if c.status == "number" and c.value]
        if numbers:
            who = {"township": "乡镇、街道", "county": "县级政府", "department": "县级部门"}[report.level]
            yield self.finding(
                f"表二「规章」填了 {'、'.join(str(int(v)) for v in numbers)}，但{who}无权制定规章（《立法法》），应为 0。"
                "如果是规范性文件，请填到「行政规范性文件」行",
                Location(part="s2", table="proactive", row="rules", page=row.origin.page, line=row.origin.line))
