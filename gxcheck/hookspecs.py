"""The whole extension contract of gxcheck.

A plugin is any module (or object) with functions named like the hooks below,
decorated with ``gxcheck.hookimpl``, and advertised in the ``gxcheck``
entry-point group of its distribution::

    [project.entry-points.gxcheck]
    my-pack = "my_package.my_pack"

gxcheck's own loaders, rule packs and output formats are registered the very
same way, so each of them is also an example of how to write one.  A plugin is
switched off for one run with ``-p no:NAME`` (NAME is the entry-point name).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

import pluggy

from gxcheck.ftypes import LoadedFile

if TYPE_CHECKING:  # imported only for the annotations
    from gxcheck.formatter import Formatter
    from gxcheck.rule import Rule

PROJECT = "gxcheck"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def gxcheck_load(path: Path, format: str) -> Optional[LoadedFile]:
    """Read the file at ``path`` into ordered blocks.

    ``format`` is what gxcheck detected from the file's content (not its name):
    ``text``, ``docx``, ``pdf``, ``html``, ``doc`` (old binary Word/WPS) or
    ``unknown``.  Return ``None`` when the format is not yours; the first
    loader that returns a :class:`~gxcheck.ftypes.LoadedFile` wins, so a plugin
    can take over a format from the built-in loader by being registered later
    (pluggy calls later registrations first) or by ``tryfirst=True``.

    Raise :class:`~gxcheck.ftypes.ReadError` for a file that is yours but
    cannot be read (corrupt, encrypted: code ``E001``; no text layer: ``E002``).
    A loader must never write to ``path`` and never execute anything in it.
    """


@hookspec
def gxcheck_rules() -> Sequence[type["Rule"]]:
    """Return the rule classes this plugin contributes.

    Each is a subclass of :class:`gxcheck.Rule` with a unique ``code``; two
    rules with one code stop the run.  The rule's ``pack`` is the name of the
    plugin that returned it.
    """
    return ()  # a specification: never called


@hookspec
def gxcheck_formatters() -> Sequence[type["Formatter"]]:
    """Return output formats for ``gxcheck run --format NAME``.

    Each is a :class:`gxcheck.Formatter` with a unique ``name``.
    """
    return ()  # a specification: never called
