"""Pack ``signature``: the closing sign-off (issuing agency and date) and the dates it implies."""

from gxcheck import hookimpl
from gxcheck_rules.signature.D001 import D001
from gxcheck_rules.signature.D002 import D002

RULES = [D001, D002]


@hookimpl
def gxcheck_rules():
    return RULES
