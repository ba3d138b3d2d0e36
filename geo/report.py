"""Validation problems as data: a code, where it is, and the values its message needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from geo.i18n import column_name, message

LEVELS = ("error", "warning")  # what a problem can be: an error blocks the upload, a warning does not
# Params that name a feature by its 0-based index: a message counts features from 1, as the officer does.
FEATURE_POSITIONS = ("row", "first")
# A report lists this many warnings of one code; the rest are one warning MORE_WARNINGS counting them, after them.
# (400 stacked plots make 79 800 overlap warnings: listing them all made reports and stored batches of megabytes.)
WARNINGS_PER_CODE = 100
MORE_WARNINGS = "more_warnings"
# A value a problem echoes back (the cell, the plot's id) is cut to this many characters: a 48 MB cell made a 50 MB
# report. Characters no store or terminal can take (NUL, lone surrogates) are echoed as U+FFFD.
MAX_ECHO_CHARS = 200
ELLIPSIS = "…"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One error or warning. ``row`` is the Excel row (header = 1) or the 0-based feature index."""

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if any(type(value) is str for value in self.params.values()):
            object.__setattr__(self, "params", {name: echoed(value) for name, value in self.params.items()})

    def to_dict(
        self, lang: str = "en", headers: dict[str, str] | None = None, features: bool = False
    ) -> dict[str, Any]:
        """The contract's form (``row`` and ``column`` as stored); the message names the column by the file's own
        ``headers`` and, for ``features``, counts them from 1."""
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.text(lang, headers, features),
        }

    def text(self, lang: str = "en", headers: dict[str, str] | None = None, features: bool = False) -> str:
        """The message in ``lang``, as the report shows it."""
        params = {"row": self.row, **self.params}
        if features:
            params |= {k: params[k] + 1 for k in FEATURE_POSITIONS if isinstance(params.get(k), int)}
        return message(self.code, lang, **params, column=self.column_shown(lang, headers))

    def column_shown(self, lang: str, headers: dict[str, str] | None = None) -> str | None:
        """The column as the officer's file heads it, or as the templates of ``lang`` do when the file has none."""
        if self.column is None:
            return None
        return (headers or {}).get(self.column) or column_name(self.column, lang)


def echoed(value: Any) -> Any:
    """A text as a problem may echo it: at most MAX_ECHO_CHARS characters (the cut marked with "…"), every
    character one a store and a terminal can take. Anything else as it is."""
    if type(value) is not str:
        return value
    if UNSTORABLE.search(value):
        value = UNSTORABLE.sub("\ufffd", value)
    return value if len(value) <= MAX_ECHO_CHARS else value[: MAX_ECHO_CHARS - 1] + ELLIPSIS


@dataclass
class Report:
    """What validating one file found. ``unreadable`` is set when the file could not be read at all."""

    kind: str
    rows: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unreadable: Problem | None = None
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> the header as the file wrote it
    listed: dict[str, int] = field(default_factory=dict, repr=False)  # code -> warnings of it listed
    omitted: dict[str, int] = field(default_factory=dict, repr=False)  # code -> warnings of it left out

    @property
    def ok(self) -> bool:
        return self.unreadable is None and not self.errors

    def error(self, code: str, row: int | None = None, column: str | None = None, **params: Any) -> None:
        self.errors.append(Problem(code, row, column, params))

    def warn(self, code: str, row: int | None = None, column: str | None = None, **params: Any) -> None:
        """Add a warning; past WARNINGS_PER_CODE of one code, only count it (:meth:`sort` says how many)."""
        listed = self.listed.get(code, 0)
        if listed >= WARNINGS_PER_CODE:
            self.omitted[code] = self.omitted.get(code, 0) + 1
            return
        self.listed[code] = listed + 1
        self.warnings.append(Problem(code, row, column, params))

    def clear(self) -> None:
        """Forget every problem (the file turned out unreadable)."""
        self.errors.clear()
        self.warnings.clear()
        self.listed.clear()
        self.omitted.clear()

    def sort(self) -> None:
        """Order problems by row, then column, so a report reads top to bottom like the file; the count of the
        warnings of a code left out follows the last one listed."""

        def key(p: Problem) -> tuple:
            return (p.row is not None, p.row or 0, p.column or "", p.code)

        self.errors.sort(key=key)
        for p in self.warnings:  # summaries already made (a report sorted again, or read back from a batch)
            if p.code == MORE_WARNINGS:
                kind = p.params["kind"]
                self.omitted[kind] = max(self.omitted.get(kind, 0), p.params["count"])
        warnings = sorted((p for p in self.warnings if p.code != MORE_WARNINGS), key=key)
        last = {p.code: i for i, p in enumerate(warnings)}
        after: dict[int, list[Problem]] = {}
        for kind, count in self.omitted.items():
            summary = Problem(MORE_WARNINGS, None, None, {"count": count, "kind": kind, "limit": WARNINGS_PER_CODE})
            after.setdefault(last.get(kind, len(warnings) - 1), []).append(summary)
        self.warnings = [*after.get(-1, [])]
        for i, p in enumerate(warnings):
            self.warnings += [p, *after.get(i, [])]

    @property
    def by_feature(self) -> bool:
        """True when ``row`` is a feature's 0-based index (plots), not an Excel row."""
        return self.kind == "plots"

    def shown(self) -> list[tuple[str, Problem]]:
        """('error' | 'warning', problem) in the order a report lists them; an unreadable file is its one error."""
        errors = [self.unreadable] if self.unreadable else self.errors
        error, warning = LEVELS
        return [(error, p) for p in errors] + [(warning, p) for p in self.warnings]

    def describe(self, problem: Problem, lang: str) -> dict[str, Any]:
        """A problem as the contract's JSON gives it, its message worded for this file."""
        return problem.to_dict(lang, self.headers, self.by_feature)

    def to_json(self, lang: str = "en", batch: int | None = None, **extra: Any) -> dict[str, Any]:
        errors = [self.unreadable] if self.unreadable else self.errors
        return {
            "ok": self.ok,
            "kind": self.kind,
            "rows": self.rows,
            "errors": [self.describe(p, lang) for p in errors],
            "warnings": [self.describe(p, lang) for p in self.warnings],
            "batch": batch,
            **extra,
        }

    def to_dict(self) -> dict[str, Any]:
        """Language-neutral form kept with a batch, rendered again in any language later."""

        def plain(p: Problem) -> dict[str, Any]:
            return {"row": p.row, "column": p.column, "code": p.code, "params": p.params}

        return {
            "kind": self.kind,
            "rows": self.rows,
            "errors": [plain(p) for p in self.errors],
            "warnings": [plain(p) for p in self.warnings],
            **({"headers": self.headers} if self.headers else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        def problem(d: dict[str, Any]) -> Problem:
            return Problem(d["code"], d.get("row"), d.get("column"), d.get("params") or {})

        return cls(
            data["kind"],
            data.get("rows", 0),
            [problem(d) for d in data.get("errors", [])],
            [problem(d) for d in data.get("warnings", [])],
            headers=dict(data.get("headers") or {}),
        )
