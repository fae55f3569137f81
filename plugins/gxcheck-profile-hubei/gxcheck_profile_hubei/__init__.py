"""Example profile pack ``profile-hubei``: a reviewer's requirements, written only as data.

The rules are in ``profile.toml``; this file only tells gxcheck where they are.
"""

from gxcheck.rulefile import packaged

gxcheck_rules = packaged(__name__, "profile.toml")
