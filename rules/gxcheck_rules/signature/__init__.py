"""Pack ``signature``: the closing sign-off (issuing agency and date) and the dates it implies."""

from gxcheck import hookimpl
from gxcheck_rules.signature.D001 import D001
from gxcheck_rules.signature.D002 import D002
from gxcheck_rules.signature.D003 import D003
from gxcheck_rules.signature.D004 import D004
from gxcheck_rules.signature.D005 import D005
from gxcheck_rules.signature.D006 import D006
from gxcheck_rules.signature.D007 import D007
from gxcheck_rules.signature.D008 import D008

RULES = [D001, D002, D003, D004, D005, D006, D007, D008]


@hookimpl
def gxcheck_rules():
    return RULES
