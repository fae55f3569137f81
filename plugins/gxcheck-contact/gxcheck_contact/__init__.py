"""Example third-party pack ``contact``: the report must say whom to contact."""

from gxcheck import hookimpl
from gxcheck_contact.CT001 import CT001
from gxcheck_contact.CT002 import CT002

RULES = [CT001, CT002]


@hookimpl
def gxcheck_rules():
    return RULES
