"""Validation problems as data: a code, where it is, and the values its message needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geo.i18n import message


@dataclass(frozen=True)
class Problem:
    """One error or warning. ``row`` is the Excel row (header = 1) or the 0-based feature index."""

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": message(self.code, lang, row=self.row, column=self.column, **self.params),
        }


@dataclass
class Report:
    """What validating one file found. ``unreadable`` is set when the file could not be read at all."""

    kind: str
    rows: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unreadable: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.unreadable is None and not self.errors

    def error(self, code: str, row: int | None = None, column: str | None = None, **params: Any) -> None:
        self.errors.append(Problem(code, row, column, params))

    def warn(self, code: str, row: int | None = None, column: str | None = None, **params: Any) -> None:
        self.warnings.append(Problem(code, row, column, params))

    def sort(self) -> None:
        """Order problems by row, then column, so a report reads top to bottom like the file."""

        def key(p: Problem) -> tuple:
            return (p.row is not None, p.row or 0, p.column or "", p.code)

        self.errors.sort(key=key)
        self.warnings.sort(key=key)

    def to_json(self, lang: str = "en", batch: int | None = None, **extra: Any) -> dict[str, Any]:
        errors = [self.unreadable] if self.unreadable else self.errors
        return {
            "ok": self.ok,
            "kind": self.kind,
            "rows": self.rows,
            "errors": [p.to_dict(lang) for p in errors],
            "warnings": [p.to_dict(lang) for p in self.warnings],
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
        )
