"""Known refusals as data: a code from the interface's translation table and its parameters, said in any language.

A page shows ``message(lang)`` to the user; the command line prints it; nothing parses the English text.
"""

from __future__ import annotations

from typing import Any

from geo.i18n import t


class CodedError(Exception):
    """A refusal with a translation ``code`` and its ``params``; ``str()`` is the English message."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(self.code, lang, **self.params)


class StoreError(CodedError):
    """The store could not be opened, read or written (unreachable, a bad URL, read-only, full, not a database):
    nothing was written. The cause (``__cause__``) is the driver's error, for the server's log only."""
