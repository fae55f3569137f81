"""Pack ``template``: the shape of the three tables against the 2021 national format."""

from gxcheck import hookimpl

RULES: list = []


@hookimpl
def gxcheck_rules():
    return RULES
