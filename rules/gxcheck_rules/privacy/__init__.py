"""Pack ``privacy``: personal data that must not be published in a report (ID numbers, private phones)."""

from gxcheck import hookimpl
from gxcheck_rules.privacy.P001 import P001
from gxcheck_rules.privacy.P002 import P002

RULES = [P001, P002]


@hookimpl
def gxcheck_rules():
    return RULES
