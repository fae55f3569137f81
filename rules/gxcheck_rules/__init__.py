"""The built-in rule packs of gxcheck, one plugin per pack, one module per rule.

Each pack registers through the ``gxcheck`` entry-point group exactly as a
third-party pack does; see ``hookspecs.py`` in the core.
"""
