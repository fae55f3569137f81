"""Pack ``arithmetic``: the sums the national format fixes (table 三 and 四)."""

from gxcheck import hookimpl
from gxcheck_rules.arithmetic.A001 import A001
from gxcheck_rules.arithmetic.A002 import A002
from gxcheck_rules.arithmetic.A003 import A003
from gxcheck_rules.arithmetic.A004 import A004

RULES = [A001, A002, A003, A004]


@hookimpl
def gxcheck_rules():
    return RULES
