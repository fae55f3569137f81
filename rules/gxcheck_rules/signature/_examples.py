"""Report fragments for the sign-off examples: a title, part 六 and a sign-off."""


def report(title_agency: str = "双溪镇", year: int = 2024, signoff: str = "双溪镇人民政府",
           date: str = "2025年1月21日", period_year: int | None = None) -> str:
    period = (f"本报告中所列数据的统计期限自{period_year}年1月1日起至{period_year}年12月31日止。\n"
              if period_year else "")
    return (f"{title_agency}{year}年度政府信息公开工作年度报告\n{period}"
            "六、其他需要报告的事项\n本年度未收取信息处理费。\n\n" + f"{signoff}\n{date}\n")
