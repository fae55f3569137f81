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
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

import pluggy

from gxcheck.ftypes import LoadedFile, OcrWord

if TYPE_CHECKING:  # imported only for the annotations
    from gxcheck.formatter import Formatter
    from gxcheck.rule import Rule, RunRule

PROJECT = "gxcheck"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


#: What a loader is handed to read a picture: an image in, words with boxes out, or
#: ``None`` when no OCR engine is installed.
OcrFunction = Callable[[Any], Optional[Sequence[OcrWord]]]


@hookspec(firstresult=True)
def gxcheck_load(path: Path, format: str, ocr: OcrFunction) -> Optional[LoadedFile]:
    """Read the file at ``path`` into ordered blocks.

    ``ocr`` reads a picture (a ``PIL.Image.Image``) through whatever OCR engine
    plugin is installed (see :func:`gxcheck_ocr`); a loader that meets a page or a
    table that is only an image may call it, and must go on without it when it
    returns ``None``.  A loader that has no use for it simply leaves the
    parameter out of its signature.

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
def gxcheck_run_rules() -> Sequence[type["RunRule"]]:
    """Return the rules this plugin contributes that look at every report of a run together.

    Each is a subclass of :class:`gxcheck.RunRule`: after every file has been checked, its
    ``check_run(facts)`` reads the compact :class:`~gxcheck.ftypes.Facts` of all of them
    (body, year, tables, narrative sketch) and yields ``(path, finding)`` pairs.  A rule that
    only compares reports of one body sets ``per_body = True`` and is then called once per
    core name with those reports only (a large run keeps its facts on disk).  Codes share
    one namespace with per-report rules; ``--select`` / ``--ignore`` apply alike.
    """
    return ()  # a specification: never called


@hookspec
def gxcheck_formatters() -> Sequence[type["Formatter"]]:
    """Return output formats for ``gxcheck run --format NAME``.

    Each is a :class:`gxcheck.Formatter` with a unique ``name``.
    """
    return ()  # a specification: never called


@hookspec(firstresult=True)
def gxcheck_ocr(image: Any) -> Optional[Sequence[OcrWord]]:
    """Read the text of a picture: ``image`` is a ``PIL.Image.Image`` (RGB).

    Return every piece of text found, each with its box in the image's pixels
    and a confidence between 0 and 1, in any order; or ``None`` when this engine
    cannot run here (its package is not installed), so that the next engine, or
    none, is tried.  The first engine that returns a list wins.  An engine must
    work offline: nothing may be downloaded while gxcheck runs, and must allow
    calls from several threads at once (the pages of a scan are read side by
    side when cores are free).
    """
    return None  # a specification: never called
