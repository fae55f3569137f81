"""Pack ``years``: a body's reports compared across years (rules over the whole run)."""

from gxcheck import hookimpl
from gxcheck_rules.years.Y001 import Y001
from gxcheck_rules.years.Y002 import Y002
from gxcheck_rules.years.Y003 import Y003
from gxcheck_rules.years.Y004 import Y004
from gxcheck_rules.years.Y005 import Y005
from gxcheck_rules.years.Y006 import Y006
from gxcheck_rules.years.Y007 import Y007

RULES = [Y001, Y002, Y003, Y004, Y005, Y006, Y007]


@hookimpl
def gxcheck_run_rules():
    return RULES
