"""The one recognizer of the national format: ordered blocks in, a :class:`Report` out."""

from gxcheck.recognize.report import recognize

__all__ = ["recognize"]
