"""Built-in output formats, each a plugin: ``text`` (Chinese, for people), ``json``, ``pytest``."""
