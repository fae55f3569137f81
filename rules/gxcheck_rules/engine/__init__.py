"""Pack ``engine``: what the engine itself reports about reading files and running rules."""

from gxcheck import hookimpl
from gxcheck_rules.engine.E001 import E001
from gxcheck_rules.engine.E002 import E002
from gxcheck_rules.engine.E003 import E003
from gxcheck_rules.engine.E004 import E004

RULES = [E001, E002, E003, E004]


@hookimpl
def gxcheck_rules():
    return RULES
