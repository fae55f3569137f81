"""Pack ``sections``: the six parts that article 50 and the national format require."""

from gxcheck import hookimpl
from gxcheck_rules.sections.S001 import S001
from gxcheck_rules.sections.S002 import S002
from gxcheck_rules.sections.S003 import S003
from gxcheck_rules.sections.S004 import S004
from gxcheck_rules.sections.S005 import S005
from gxcheck_rules.sections.S006 import S006
from gxcheck_rules.sections.S007 import S007
from gxcheck_rules.sections.S008 import S008
from gxcheck_rules.sections.S009 import S009
from gxcheck_rules.sections.S010 import S010

RULES = [S001, S002, S003, S004, S005, S006, S007, S008, S009, S010]


@hookimpl
def gxcheck_rules():
    return RULES
