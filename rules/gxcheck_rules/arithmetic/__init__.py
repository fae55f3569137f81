"""Pack ``arithmetic``: the sums the national format fixes, and what a count cell may hold."""

from gxcheck import hookimpl
from gxcheck_rules.arithmetic.A001 import A001
from gxcheck_rules.arithmetic.A002 import A002
from gxcheck_rules.arithmetic.A003 import A003
from gxcheck_rules.arithmetic.A004 import A004
from gxcheck_rules.arithmetic.A005 import A005
from gxcheck_rules.arithmetic.A006 import A006
from gxcheck_rules.arithmetic.A007 import A007
from gxcheck_rules.arithmetic.A008 import A008
from gxcheck_rules.arithmetic.A009 import A009
from gxcheck_rules.arithmetic.A010 import A010

RULES = [A001, A002, A003, A004, A005, A006, A007, A008, A009, A010]


@hookimpl
def gxcheck_rules():
    return RULES
