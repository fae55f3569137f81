"""Pack ``narrative``: what the prose says against what the tables show."""

from gxcheck import hookimpl
from gxcheck_rules.narrative.N001 import N001
from gxcheck_rules.narrative.N002 import N002
from gxcheck_rules.narrative.N003 import N003
from gxcheck_rules.narrative.N004 import N004
from gxcheck_rules.narrative.N005 import N005
from gxcheck_rules.narrative.N006 import N006
from gxcheck_rules.narrative.N007 import N007
from gxcheck_rules.narrative.N008 import N008
from gxcheck_rules.narrative.N009 import N009
from gxcheck_rules.narrative.N010 import N010
from gxcheck_rules.narrative.N011 import N011

RULES = [N001, N002, N003, N004, N005, N006, N007, N008, N009, N010, N011]


@hookimpl
def gxcheck_rules():
    return RULES
