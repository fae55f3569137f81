"""Pack ``template``: the shape of the three tables against the 2021 national format."""

from gxcheck import hookimpl
from gxcheck_rules.template.T001 import T001
from gxcheck_rules.template.T002 import T002
from gxcheck_rules.template.T003 import T003
from gxcheck_rules.template.T004 import T004
from gxcheck_rules.template.T005 import T005
from gxcheck_rules.template.T006 import T006
from gxcheck_rules.template.T007 import T007

RULES = [T001, T002, T003, T004, T005, T006, T007]


@hookimpl
def gxcheck_rules():
    return RULES
