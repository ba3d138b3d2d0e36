"""The translation catalogue matches the code (as datasette's tests/test_docs.py holds its docs to its code).

Every key the code hands to ``t`` (geo/i18n/ui.py) or to ``message`` and the problem codes (geo/i18n/messages.py)
exists in kk, ru and en with en's placeholders, and some call site passes each placeholder. Keys are found by
reading the source with ``ast`` under geo/, pages/ and app.py, wherever a call lives: a function or method that
hands one of its parameters on as a key (``Report.error``, ``Unreadable``, a local ``fail``) becomes a key-taking
call itself. A key built by an f-string is covered by the values of the code's own constants (DYNAMIC_KEYS); a new
kind of built key fails here until it is listed. A missing key would show as the key itself (geo.i18n._render).
"""

from __future__ import annotations

import ast
import importlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any, get_args, get_type_hints

import pytest
from babel import Locale

from geo.formats import FORMATS
from geo.i18n import _LOCALES as LOCALES
from geo.i18n import COUNT, LANGS, fmt_int, fmt_moment, fmt_short, message, t
from geo.i18n.messages import MESSAGES
from geo.i18n.ui import UI

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "geo" / "i18n"
TABLES = {"UI": UI, "MESSAGES": MESSAGES}
ANY = None  # a call site that passes ``**params``: it may fill any placeholder

# The calls that take a key as an argument, and the placeholders they fill themselves (a problem's row and column).
BASE_SINKS = {
    "t": ("UI", 0, frozenset()),
    "message": ("MESSAGES", 0, frozenset()),
    "Problem": ("MESSAGES", 0, frozenset({"row", "column"})),
    "PermissionDenied": ("UI", 0, frozenset()),
    "UserError": ("UI", 0, frozenset()),
}
# ``t`` and ``message`` are also method names (PermissionDenied.message(lang)): as attributes, only on the module.
MODULE_ONLY = {"t", "message"}
_KEY_START = re.compile(r"[a-z][a-z0-9_]*_")


def _constant(name: str, under: str = "") -> Any:
    """The value of the module-level constant ``name`` in the one module under ``under`` that defines it."""
    homes = {path for path, tree in _trees() if path.startswith(under) and name in _module_names(tree)}
    assert len(homes) == 1, f"{name} is defined in {sorted(homes) or 'no module'}"
    module = homes.pop().removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return getattr(importlib.import_module(module), name)


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
    return names


# Keys built from a value: the pattern (the f-string with each value as {}) and where its values come from.
DYNAMIC_KEYS: dict[str, Callable[[], Iterable[str]]] = {
    "nav_{}": lambda: _constant("PAGES", under="geo"),
    "auth_role_{}": lambda: _constant("ROLES"),
    "auth_action_{}": lambda: (*_constant("ACTIONS"), _constant("ROLLBACK")),
    "auth_failed_{}": lambda: get_args(get_type_hints(_constant("LoginFailure"))["reason"]),
    "filter_{}": lambda: _constant("FILTER_FIELDS"),
    "kind_{}": lambda: {*_constant("KINDS", under="geo"), *_constant("KINDS", under="pages")},
    "col_{}": lambda: _constant("BREAKDOWNS"),
    "map_colour_{}": lambda: get_args(_constant("ColourBy")),
    "map_survival_{}": lambda: _constant("SURVIVAL_COLOURS"),
    "estimate_{}": lambda: _constant("REASONS", under="geo"),
    "kpi_estimate_none_{}": lambda: _constant("REASONS", under="geo"),
    "level_{}": lambda: _constant("LEVELS"),
    "template_kind_{}": lambda: _constant("TEMPLATE_KINDS"),
    "flag_{}": lambda: get_args(_constant("SurvivalFlag")),
    "below_show_{}": lambda: _constant("BELOW_OPTIONS"),
    "audit_action_{}": lambda: _constant("AUDIT_ACTIONS"),
    "audit_fact_{}": lambda: _constant("AUDIT_FACTS"),
    "audit_failure_{}": lambda: get_args(get_type_hints(_constant("LoginFailure"))["reason"]),
    "batch_status_{}": lambda: _constant("BATCH_STATUSES"),
}
# f-strings that look like a key but name something else (widget keys are recognised by their ``key=``).
NOT_KEYS: set[str] = set()


@cache
def _trees() -> tuple[tuple[str, ast.Module], ...]:
    files = [*ROOT.joinpath("geo").rglob("*.py"), *ROOT.joinpath("pages").rglob("*.py"), ROOT / "app.py"]
    return tuple(
        (path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(files)
        if CATALOGUE not in path.parents
    )


@dataclass(frozen=True)
class Site:
    """Where a key is used: file and line, the table it belongs to, and the placeholders the call fills."""

    where: str
    table: str
    filled: frozenset[str] | None


@dataclass
class Scan:
    literal: dict[str, list[Site]] = field(default_factory=lambda: defaultdict(list))  # key -> its call sites
    patterns: dict[str, list[Site]] = field(default_factory=lambda: defaultdict(list))  # "nav_{}" -> sites
    constants: set[str] = field(default_factory=set)  # every string in the code: keys handed on through data


def _pattern(node: ast.AST) -> str | None:
    """``f"nav_{spec.name}"`` -> ``"nav_{}"`` (also ``"nav_" + name``), when it starts like a key."""
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
        parts = [str(node.left.value), "{}"]
    else:
        return None
    text = "".join(parts)
    return text if _KEY_START.match(text) and re.fullmatch(r"[a-z0-9_{}]+", text) else None


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if func.attr in MODULE_ONLY and not (isinstance(func.value, ast.Name) and func.value.id == "i18n"):
            return None
        return func.attr
    return None


def _filled(call: ast.Call, implicit: frozenset[str]) -> frozenset[str] | None:
    names = set(implicit)
    for keyword in call.keywords:
        if keyword.arg is None:
            return ANY
        if keyword.arg == "params":  # Problem(code, params={...})
            if not isinstance(keyword.value, ast.Dict) or None in keyword.value.keys:
                return ANY
            names |= {k.value for k in keyword.value.keys if isinstance(k, ast.Constant)}
        names.add(keyword.arg)
    return frozenset(names)


def _functions() -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]]:
    """Every function, with the name of the class it is a method of (None for a plain function)."""
    for _, tree in _trees():
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield child, node.name if isinstance(node, ast.ClassDef) else None


Sink = tuple[str, int, frozenset[str]]  # the table, the key's position, the placeholders the call fills itself


@cache
def _higher_order() -> dict[str, set[tuple[int, int, int]]]:
    """Functions that call a function they are given with a key they are given (``_emit(add, mask, code)`` calls
    ``add(code, ...)``): name -> (the function's position, the key's position, the key's position in that call)."""
    found: dict[str, set[tuple[int, int, int]]] = defaultdict(set)
    for function, cls in _functions():
        params = _params(function, cls)
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            if isinstance(call.func, ast.Name) and call.func.id in params:
                for j, arg in enumerate(call.args):
                    if isinstance(arg, ast.Name) and arg.id in params:
                        found[function.name].add((params.index(call.func.id), params.index(arg.id), j))
    return found


def _params(function: ast.FunctionDef | ast.AsyncFunctionDef, cls: str | None) -> list[str]:
    return [a.arg for a in function.args.posonlyargs + function.args.args][1 if cls else 0 :]


def _sinks_of(call: ast.Call, sinks: dict[str, set[Sink]]) -> set[Sink]:
    """How ``call`` takes a key: by its name, or as a higher-order function handed a key-taking one."""
    name = _callee(call) or ""
    found = set(sinks.get(name, ()))
    for given, key, inner in _higher_order().get(name, ()):
        if given < len(call.args) and (ref := _reference(call.args[given])):
            found |= {(table, key, implicit) for table, at, implicit in sinks.get(ref, ()) if at == inner}
    return found


def _reference(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


@cache
def _sinks() -> dict[str, set[Sink]]:
    """Every call name that takes a key: the base ones and, to a fixed point, every function that hands a parameter
    on as a key (a class when its ``__init__`` does)."""
    sinks: dict[str, set[Sink]] = defaultdict(set)
    for name, sink in BASE_SINKS.items():
        sinks[name].add(sink)
    functions = list(_functions())
    grew = True
    while grew:
        grew = False
        for function, cls in functions:
            params = _params(function, cls)
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                for table, position, implicit in _sinks_of(call, sinks):
                    arg = call.args[position] if position < len(call.args) else None
                    if not (isinstance(arg, ast.Name) and arg.id in params):
                        continue
                    name = cls if cls and function.name == "__init__" else function.name
                    passed = {k.arg for k in call.keywords if k.arg not in (None, "params")}
                    sink = (table, params.index(arg.id), frozenset(implicit | passed))
                    if sink not in sinks[name]:
                        sinks[name].add(sink)
                        grew = True
    return sinks


def _values(name: str, scope: ast.AST) -> set[str] | None:
    """The strings a local variable can hold, from its assignments in ``scope``; None if not all are literal."""
    values: set[str] = set()
    suffixes: list[str] = []
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            found = _literal(node.value)
            if found is None:
                return None
            values |= found
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if not isinstance(node.value, ast.Constant):
                return None
            suffixes.append(node.value.value)
        elif isinstance(node, ast.For | ast.comprehension):
            found = _unpacked(name, node.target, node.iter)
            if found is False:
                return None
            values |= found or set()
    return values | {v + s for v in values for s in suffixes} if values else None


def _literal(node: ast.AST) -> set[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _literal(node.body), _literal(node.orelse)
        return None if body is None or orelse is None else body | orelse
    return None


def _unpacked(name: str, target: ast.AST, source: ast.AST) -> set[str] | bool | None:
    """What ``name`` takes in ``for target in source``: a set, None if the loop does not bind it, False if unknown."""
    if isinstance(target, ast.Name):
        if target.id != name:
            return None
        if not isinstance(source, ast.Tuple | ast.List | ast.Set):
            return False
        found = [_literal(e) for e in source.elts]
        return False if None in found else set().union(*found)
    if isinstance(target, ast.Tuple):
        for i, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                if not isinstance(source, ast.Tuple | ast.List) or not all(
                    isinstance(e, ast.Tuple) for e in source.elts
                ):
                    return False
                return _unpacked(name, element, ast.Tuple([e.elts[i] for e in source.elts]))
    return None


def _handed(node: ast.AST, parent: ast.AST | None) -> bool:
    """Whether a key-like f-string is a widget's ``key=``, or the argument of a call that takes a key (seen there)."""
    if isinstance(parent, ast.keyword):
        return parent.arg == "key"
    return isinstance(parent, ast.Call) and node in parent.args and bool(_sinks_of(parent, _sinks()))


@cache
def scan() -> Scan:
    """Every key at a call that takes one, every key-like f-string, every string in the code."""
    found = Scan()
    sinks = _sinks()
    for path, tree in _trees():
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        enclosing: dict[ast.AST, ast.AST] = {}  # node -> the innermost function around it (ast.walk goes outside in)
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                enclosing |= dict.fromkeys(ast.walk(function), function)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.constants.add(node.value)
            if (pattern := _pattern(node)) and not _handed(node, parents.get(node)):
                found.patterns[pattern].append(Site(f"{path}:{node.lineno}", "", ANY))
            if isinstance(node, ast.Call):
                _scan_call(node, f"{path}:{node.lineno}", enclosing.get(node, tree), sinks, found)
    return found


def _scan_call(call: ast.Call, where: str, scope: ast.AST, sinks: dict[str, set[Sink]], found: Scan) -> None:
    params = {a.arg for a in ast.walk(scope) if isinstance(a, ast.arg)}
    for table, position, implicit in _sinks_of(call, sinks):
        if position >= len(call.args):
            continue
        arg, site = call.args[position], Site(where, table, _filled(call, implicit))
        if pattern := _pattern(arg):
            found.patterns[pattern].append(site)
        elif isinstance(arg, ast.Name) and arg.id in params:
            continue  # a key handed on: checked where the function is called
        elif (keys := _literal(arg)) is not None or (
            isinstance(arg, ast.Name) and (keys := _values(arg.id, scope)) is not None
        ):
            for key in keys:
                found.literal[key].append(site)


def _expanded() -> dict[str, list[Site]]:
    """Every key the code uses, literal or built from DYNAMIC_KEYS, with its call sites."""
    keys: dict[str, list[Site]] = defaultdict(list)
    for key, sites in scan().literal.items():
        keys[key] += sites
    for pattern, sites in scan().patterns.items():
        if pattern in DYNAMIC_KEYS:
            for value in DYNAMIC_KEYS[pattern]():
                keys[pattern.format(value)] += sites
    return keys


def _placeholders(text: str | dict[str, str]) -> set[str]:
    """The names a text formats: ``{suggestions[kk]}`` is the parameter ``suggestions``; for an entry with plural
    forms, those of its "other" form (every form has the same, see test_plural_forms_are_the_languages_own)."""
    if isinstance(text, dict):
        text = text["other"]
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("table", TABLES)
def test_plural_forms_are_the_languages_own(table):
    """A text with plural forms has only the CLDR categories of its language, always "other", and the placeholders
    of its "other" form in every form, ``count`` among them (it chooses the form)."""
    wrong = {}
    for key, texts in TABLES[table].items():
        for lang, text in texts.items():
            if not isinstance(text, dict):
                continue
            categories = set(Locale.parse(LOCALES[lang]).plural_form.tags) | {"other"}
            if "other" not in text or set(text) - categories:
                wrong[(key, lang)] = sorted(text)
            elif any(_placeholders(form) != _placeholders(text) for form in text.values()) or (
                COUNT not in _placeholders(text)
            ):
                wrong[(key, lang)] = "placeholders"
    assert not wrong, f"plural forms that are not the language's: {wrong}"


def test_a_count_takes_the_form_its_language_needs():
    assert [t("count_errors", "ru", count=n) for n in (1, 2, 5, 21, 1_000)] == [
        "1 ошибка",
        "2 ошибки",
        "5 ошибок",
        "21 ошибка",
        "1\u00a0000 ошибок",
    ]
    assert [t("count_errors", "en", count=n) for n in (1, 2)] == ["1 error", "2 errors"]
    assert t("count_rows", "kk", count=12_500) == "12\u00a0500 жол"


def test_every_key_built_in_code_is_known():
    unknown = {p: [s.where for s in sites] for p, sites in scan().patterns.items() if p not in DYNAMIC_KEYS}
    unknown = {p: w for p, w in unknown.items() if p not in NOT_KEYS}
    assert not unknown, f"keys built from values this test cannot list; add them to DYNAMIC_KEYS: {unknown}"
    assert not set(DYNAMIC_KEYS) - set(scan().patterns), "DYNAMIC_KEYS lists patterns the code no longer builds"


def test_the_scan_finds_the_keys_it_should():
    """The scan itself: calls of t and message, problem codes through Report, Unreadable and a local helper."""
    keys = _expanded()
    for key, table in [
        ("app_title", "UI"),  # t(...) in app.py
        ("rollback_done", "UI"),  # t(...) in geo
        ("auth_password_short", "UI"),  # UserError(...)
        ("auth_page_forbidden", "UI"),  # PermissionDenied(...)
        ("empty_file", "MESSAGES"),  # Unreadable(...)
        ("unknown_crs", "MESSAGES"),  # report.error(...)
        ("z_dropped", "MESSAGES"),  # report.warn(...)
        ("missing_plot_id", "MESSAGES"),  # a local fail(code, ...) handing on to report.error
        ("check_ok_plots", "MESSAGES"),  # a variable, and a suffix added to it
        ("nav_overview", "UI"),  # f"nav_{spec.name}"
        ("auth_failed_locked", "UI"),  # a property returning f"auth_failed_{reason}"
    ]:
        assert key in keys, key
        assert all(site.table in ("", table) for site in keys[key]), (key, keys[key])


def test_every_key_used_in_code_is_in_kk_ru_en():
    def complete(key: str, table: str) -> bool:
        return all(TABLES[table].get(key, {}).get(lang) for lang in LANGS)

    missing = {}
    for key, sites in _expanded().items():
        tables = {s.table for s in sites} - {""}
        # a key built outside a call (LoginFailure.code) belongs to whichever table holds it
        if not (all(complete(key, t) for t in tables) if tables else any(complete(key, t) for t in TABLES)):
            missing[key] = [s.where for s in sites][:3]
    assert not missing, f"keys used in code, missing from geo/i18n in kk, ru or en: {missing}"


@pytest.mark.parametrize("table", TABLES)
def test_every_language_has_the_placeholders_of_english(table):
    differ = {
        (key, lang): sorted(_placeholders(texts[lang]) ^ _placeholders(texts["en"]))
        for key, texts in TABLES[table].items()
        for lang in LANGS
        if lang in texts and _placeholders(texts[lang]) != _placeholders(texts["en"])
    }
    assert not differ, f"placeholders that differ from English: {differ}"


@pytest.mark.parametrize("table", TABLES)
def test_every_placeholder_is_passed_by_some_call(table):
    unfilled = {}
    for key, sites in _expanded().items():
        sites = [s for s in sites if s.table == table]
        if not sites or key not in TABLES[table] or any(s.filled is ANY for s in sites):
            continue
        passed = frozenset().union(*(s.filled for s in sites))
        if gaps := _placeholders(TABLES[table][key]["en"]) - passed:
            unfilled[key] = (sorted(gaps), [s.where for s in sites][:3])
    assert not unfilled, f"placeholders no call site passes: {unfilled}"


@pytest.mark.parametrize("table", TABLES)
def test_every_catalogue_entry_is_used(table):
    used = set(_expanded()) | scan().constants
    unused = sorted(set(TABLES[table]) - used)
    assert not unused, f"entries of geo/i18n ({table}) no code uses: {unused}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_given_as_plots_is_told_every_format_plots_come_in(lang):
    text = message("table_as_plots", lang)
    names = {fmt.name for fmt in FORMATS if fmt.kind == "plots" and fmt.key != "zip"}
    assert names == {"GeoJSON", "KML", "KMZ", "GeoPackage", "Shapefile", "MapInfo"}
    assert all(name in text for name in names), text
    assert "CSV" in text and "Excel" in text  # a table of points is plots too


def test_big_numbers_in_short_say_the_unit_the_charts_use_in_each_language() -> None:
    assert [fmt_short(4_733_740_123, lang) for lang in ("kk", "ru", "en")] == [
        "4,73\u00a0млрд",
        "4,73\u00a0млрд",
        "4.73\u00a0bn",
    ]
    assert fmt_short(15_280_000, "ru") == "15,28\u00a0млн" and fmt_short(2_000_000_000, "en") == "2\u00a0bn"
    assert fmt_short(999_999, "kk") == fmt_int(999_999, "kk")  # below a million the whole number fits


def test_moments_are_shown_in_kazakhstan_time_in_one_day_style_per_language() -> None:
    moment = datetime(2026, 4, 15, 21, 5, tzinfo=UTC)  # 16 April 02:05 in Astana
    assert [fmt_moment(moment, lang) for lang in ("kk", "ru", "en")] == [
        "16.04.2026 02:05",
        "16.04.2026 02:05",
        "16/04/2026 02:05",
    ]
    assert fmt_moment(moment.replace(tzinfo=None), "ru") == "16.04.2026 02:05"  # a naive moment from the store is UTC
    assert fmt_moment(datetime(2023, 4, 15, 9, 0, tzinfo=UTC), "ru") == "15.04.2023 15:00"  # UTC+6 until March 2024
    shown = message("batch_rolled_back", "kk", batch=3, user="aigerim", when=moment.isoformat())
    assert "16.04.2026 02:05" in shown and "UTC" not in shown
