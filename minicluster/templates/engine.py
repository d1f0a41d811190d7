"""Helm's rendering engine (pkg/engine/engine.go) over the Go template implementation.

    render(templates, *, strict=False, context=None, lint=False) -> {name: rendered text}

All templates (chart and subcharts) share one namespace named "gotpl". They are parsed deepest
path first, then in reverse lexical order, so for a duplicate `define` the shallowest,
alphabetically first file wins (an empty redefinition never replaces). Files whose basename
starts with `_` are not rendered. Each output has every `<no value>` removed. Errors carry Helm's
texts (cleanupParseError / reformatExecErrorMsg). `include`, `tpl`, `required`, `fail` and
`lookup` are defined here because they need the running engine.
"""

from __future__ import annotations

import importlib
import posixpath
import sys
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .builtins import BUILTINS
from .errors import GoError, RenderError, RenderLimitError, TemplateExecError, TemplateParseError
from .exec import Budget, Env, State, execute, recursion_guard
from .funcspec import FuncSpec, spec_from_callable
from .functions import REGISTRY
from .gofmt import go_quote
from .gotypes import Values
from .govalues import NO_VALUE
from .helmerrors import cleanup_parse_error, reformat_exec_error, warn_wrap
from .nodes import Tree, is_empty_tree
from .parser import parse

ROOT_NAME = "gotpl"
INCLUDE_RECURSION_MAX = 1000
FUNCTION_MODULES = ("minicluster.templates.sprig", "minicluster.templates.helmfuncs")


@dataclass
class Template:
    """One chart template file. `scope` is its top-level object (.Values, .Release, .Chart,
    .Capabilities, .Files, .Subcharts); files of one chart normally share the same dict, so
    that `.Values` mutations carry over between files as in Helm. `base_path` defaults to the
    chart's `.../templates` directory derived from the name."""

    name: str
    text: str
    scope: dict[str, Any] = field(default_factory=dict)
    base_path: str | None = None


@dataclass
class OfflineContext:
    """The RenderContext used when the caller gives none: no clock, no randomness source, no
    cluster (so `lookup` returns an empty map)."""

    clock: Any = None
    rand: Any = None
    lookup: Any = None


@dataclass
class Limits:
    max_steps: int = 5_000_000
    max_output_bytes: int = 64 << 20
    max_depth: int = 3000


# ------------------------------------------------------------------ functions


def _include(st: State, name: str, data: Any) -> str:
    counts = st.budget.included
    n = counts.get(name)
    if n is not None:
        if n > INCLUDE_RECURSION_MAX:
            raise GoError(
                f"rendering template has a nested reference name: {name}: unable to execute template",
                GoError("unable to execute template"),
            )
        counts[name] = n + 1
    else:
        counts[name] = 1
    try:
        return _execute_named(st.env, name, data, st.depth + 1)
    finally:
        counts[name] -= 1


def _execute_named(env: Env, name: str, data: Any, depth: int) -> str:
    tree = env.templates.get(name)
    if tree is None:
        raise GoError(
            f"template: no template {go_quote(name)} associated with template {go_quote(env.name)}"
        )
    if depth > env.budget.max_depth:
        raise RenderLimitError(
            f"rendering aborted: templates nested more than {env.budget.max_depth} levels deep"
        )
    return execute(env, tree, NO_VALUE if data is None else data, depth)


def _tpl(st: State, tpl: str, vals: Any) -> str:
    env = st.env
    try:
        trees = parse_cached(env.name, tpl, env.funcs)
    except TemplateParseError as e:
        raise GoError(f"cannot parse template {go_quote(tpl)}: {e.text}", e) from None
    clone = dict(env.templates)
    associate(clone, trees)
    child = Env(
        clone,
        env.funcs,
        strict=env.strict,
        lint=env.lint,
        context=env.context,
        budget=env.budget,
        name=env.name,
    )
    tree = clone[env.name]
    if st.depth + 1 > env.budget.max_depth:
        raise RenderLimitError(
            f"rendering aborted: templates nested more than {env.budget.max_depth} levels deep"
        )
    try:
        out = execute(child, tree, NO_VALUE if vals is None else vals, st.depth + 1)
    except TemplateExecError as e:
        raise GoError(f"error during tpl function execution for {go_quote(tpl)}: {e.text}", e) from None
    return out.replace("<no value>", "")


def _required(st: State, warn: str, val: Any) -> Any:
    if val is None or (isinstance(val, str) and val == ""):
        if st.env.lint:
            return ""
        raise GoError(warn_wrap(warn))
    return val


def _fail(st: State, msg: str) -> str:
    if st.env.lint:
        return ""
    raise GoError(warn_wrap(msg))


def _lookup(st: State, api_version: str, kind: str, namespace: str, name: str) -> dict:
    fn = getattr(st.env.context, "lookup", None)
    if fn is None or st.env.lint:  # helm lint never talks to the cluster
        return {}
    result = fn(api_version, kind, namespace, name)
    return {} if result is None else result


_ENGINE_FUNCS: dict[str, Callable[..., Any]] = {
    "include": _include,
    "tpl": _tpl,
    "required": _required,
    "fail": _fail,
    "lookup": _lookup,
}

_TABLE: dict[str, Any] = {"key": None, "funcs": None}


def function_table() -> dict[str, FuncSpec]:
    """FuncMap (Sprig/Helm registry, then the engine's own) over Go's builtins."""
    key = (len(REGISTRY), tuple(REGISTRY)[-1:] if REGISTRY else ())
    if _TABLE["key"] == key and _TABLE["funcs"] is not None:
        return _TABLE["funcs"]
    funcs: dict[str, FuncSpec] = {}
    for name, (fn, kinds, variadic) in BUILTINS.items():
        funcs[name] = FuncSpec(name, fn, kinds, variadic, builtin=True)
    for name, tf in REGISTRY.items():
        funcs[name] = spec_from_callable(
            name, tf.fn, prefix="context" if tf.context else "", skip=1 if tf.context else 0
        )
    for name, engine_fn in _ENGINE_FUNCS.items():
        funcs[name] = spec_from_callable(name, engine_fn, prefix="state", skip=1)
    _TABLE["key"] = key
    _TABLE["funcs"] = funcs
    return funcs


def load_function_modules() -> None:
    """Import Sprig and Helm's functions so that they register (if they exist yet)."""
    for mod in FUNCTION_MODULES:
        if mod in sys.modules:
            continue
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise


# ------------------------------------------------------------------ parsing

_PARSE_CACHE: OrderedDict[tuple[str, str, int], dict[str, Tree]] = OrderedDict()
_PARSE_CACHE_MAX = 4096


def parse_cached(name: str, text: str, funcs: dict[str, FuncSpec]) -> dict[str, Tree]:
    key = (name, text, id(funcs))
    trees = _PARSE_CACHE.get(key)
    if trees is not None:
        _PARSE_CACHE.move_to_end(key)
        return trees
    trees = parse(name, text, funcs)
    _PARSE_CACHE[key] = trees
    if len(_PARSE_CACHE) > _PARSE_CACHE_MAX:
        _PARSE_CACHE.popitem(last=False)
    return trees


def associate(namespace: dict[str, Tree], trees: dict[str, Tree]) -> None:
    """text/template's associate: a later definition replaces an earlier one unless it is blank"""
    for name, tree in trees.items():
        old = namespace.get(name)
        if old is not None and old.root is not None and is_empty_tree(tree.root):
            continue
        namespace[name] = tree


def parse_order(names: list[str]) -> list[str]:
    """Deeper paths first; at equal depth, reverse lexical order (Helm's sortTemplates)."""
    return sorted(names, key=lambda n: (n.count("/"), n), reverse=True)


def base_path_of(name: str) -> str:
    """`mychart/templates/a/b.yaml` -> `mychart/templates` (subcharts keep their prefix)."""
    head = name
    charts = head.rfind("/charts/")
    start = charts + len("/charts/") if charts >= 0 else 0
    i = head.find("/templates/", start)
    if i >= 0:
        return head[: i + len("/templates")]
    return posixpath.dirname(name)


# ------------------------------------------------------------------ rendering


def render(
    templates: list[Template],
    *,
    strict: bool = False,
    context: Any = None,
    lint: bool = False,
    limits: Limits | None = None,
) -> dict[str, str]:
    """Render every non-partial template; returns {name: text} in Helm's execution order.
    Raises RenderError with Helm's message."""
    load_function_modules()
    funcs = function_table()
    limits = limits or Limits()
    if context is None:
        context = OfflineContext()
    by_name = {t.name: t for t in templates}
    keys = parse_order(list(by_name))
    old_limit, want = recursion_guard()
    try:
        return _render(by_name, keys, funcs, strict, context, lint, limits)
    except RecursionError:
        raise RenderLimitError("rendering aborted: templates nested too deeply") from None
    except RenderError:
        raise
    except Exception as e:  # last line of defence: no traceback ever reaches a learner
        raise RenderError(f"internal error while rendering: {type(e).__name__}: {e}") from None
    finally:
        if sys.getrecursionlimit() == want and old_limit < want:
            sys.setrecursionlimit(old_limit)


def _render(
    by_name: dict[str, Template],
    keys: list[str],
    funcs: dict[str, FuncSpec],
    strict: bool,
    context: Any,
    lint: bool,
    limits: Limits,
) -> dict[str, str]:
    namespace: dict[str, Tree] = {}
    for name in keys:
        try:
            trees = parse_cached(name, by_name[name].text, funcs)
        except TemplateParseError as e:
            raise RenderError(cleanup_parse_error(name, e.text)) from None
        except RecursionError:
            raise
        except Exception as e:  # a parser bug: name the file rather than show a traceback
            raise RenderError(f"parse error in ({name}): internal error: {type(e).__name__}: {e}") from None
        associate(namespace, trees)
    budget = Budget(limits.max_steps, limits.max_output_bytes, limits.max_depth)
    env = Env(namespace, funcs, strict=strict, lint=lint, context=context, budget=budget, name=ROOT_NAME)
    rendered: dict[str, str] = {}
    # Helm's top-level object is a common.Values; one shared copy per chart scope keeps
    # mutations of it visible to the files rendered later, as in Helm
    as_values: dict[int, Values] = {}
    for name in keys:
        if posixpath.basename(name).startswith("_"):
            continue
        t = by_name[name]
        vals = t.scope if t.scope is not None else {}
        if type(vals) is dict:
            vals = as_values.setdefault(id(t.scope), Values(vals))
        vals["Template"] = Values(Name=name, BasePath=t.base_path or base_path_of(name))
        tree = namespace.get(name)
        try:
            if tree is None:
                raise GoError(
                    f"template: no template {go_quote(name)} associated with template {go_quote(ROOT_NAME)}"
                )
            out = execute(env, tree, vals)
        except GoError as e:
            raise RenderError(reformat_exec_error(name, e)) from None
        except (RenderError, RecursionError):
            raise
        except Exception as e:
            raise RenderError(f"execution error in ({name}): internal error: {type(e).__name__}: {e}") from None
        rendered[name] = out.replace("<no value>", "")
    return rendered


def render_string(
    text: str,
    scope: dict[str, Any] | None = None,
    *,
    name: str = "mychart/templates/t.yaml",
    strict: bool = False,
    context: Any = None,
) -> str:
    """Render one template text (a convenience for tests and notebooks)."""
    return render([Template(name, text, scope if scope is not None else {})], strict=strict, context=context)[name]
