"""Pack ``sections``: the six parts that article 50 and the national format require."""

from gxcheck import hookimpl
from gxcheck_rules.sections.S001 import S001

RULES = [S001]


@hookimpl
def gxcheck_rules():
    return RULES
