"""Pack ``narrative``: what the prose says against what the tables show."""

from gxcheck import hookimpl
from gxcheck_rules.narrative.N001 import N001

RULES = [N001]


@hookimpl
def gxcheck_rules():
    return RULES
