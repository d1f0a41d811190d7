"""The text/template executor: parse trees compiled once into Python closures, run with Go's
semantics (variable scoping, nil-interface vs no-value, range forms, method calls on GoStructs,
argument type checks) and Go's exec error texts
(`template: FILE:LINE:COL: executing "NAME" at <NODE>: MESSAGE`).

A compiled statement is `run(st, dot) -> None` (writes into `st.out`); a compiled pipeline is
`ev(st, dot) -> value`; a compiled command `cmd(st, dot, final) -> value`.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable
from typing import Any

from .errors import GoError, RenderLimitError, TemplateExecError
from .funcspec import FuncSpec, spec_from_callable
from .functions import FunctionError
from .gofmt import addressable_stringer, go_quote, go_sprint, go_type_of, sorted_keys
from .gotypes import GoStruct, Values
from .govalues import (
    K_ANY,
    K_BOOL,
    K_FLOAT,
    K_INT,
    K_LIST,
    K_MAP,
    K_RAW,
    K_STR,
    KIND_NAMES,
    MISSING,
    NO_VALUE,
    assignable,
    truth,
)
from .nodes import (
    ActionNode,
    BoolNode,
    BreakNode,
    ChainNode,
    CommandNode,
    CommentNode,
    ContinueNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    IfNode,
    ListNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    RangeNode,
    StringNode,
    TemplateNode,
    TextNode,
    Tree,
    VariableNode,
    WithNode,
)

MAX_EXEC_DEPTH = 100000  # Go's limit; Python's stack is the practical bound (see Budget)


class _Break(BaseException):
    pass


class _Continue(BaseException):
    pass


_BREAK = _Break()
_CONTINUE = _Continue()


class Budget:
    """Bounds on one render (shared by include/tpl): untrusted charts must terminate."""

    __slots__ = ("steps", "max_steps", "out_len", "max_out", "included", "max_depth")

    def __init__(self, max_steps: int = 5_000_000, max_out: int = 64 << 20, max_depth: int = 1500) -> None:
        self.steps = 0
        self.max_steps = max_steps
        self.out_len = 0
        self.max_out = max_out
        self.included: dict[str, int] = {}
        self.max_depth = max_depth

    def step_exceeded(self) -> None:
        raise RenderLimitError(
            f"rendering aborted: the templates executed more than {self.max_steps} steps "
            "(an endless or very large loop?)"
        )

    def output_exceeded(self) -> None:
        raise RenderLimitError(
            f"rendering aborted: the templates produced more than {self.max_out} bytes of output"
        )


class Env:
    """What every execution in one render shares: the template namespace, the functions,
    the missingkey option and the budget. `tpl` runs in a child Env over a cloned namespace."""

    __slots__ = ("templates", "funcs", "strict", "lint", "context", "budget", "name")

    def __init__(
        self,
        templates: dict[str, Tree],
        funcs: dict[str, FuncSpec],
        *,
        strict: bool = False,
        lint: bool = False,
        context: Any = None,
        budget: Budget | None = None,
        name: str = "gotpl",
    ) -> None:
        self.templates = templates
        self.funcs = funcs
        self.strict = strict
        self.lint = lint
        self.context = context
        self.budget = budget or Budget()
        self.name = name


class State:
    __slots__ = ("env", "name", "vars", "node", "depth", "dot_iface", "out", "budget")

    def __init__(self, env: Env, name: str, data: Any, depth: int, out: list[str]) -> None:
        self.env = env
        self.name = name
        self.vars: list[list[Any]] = [["$", data, False]]
        self.node: Node | None = None
        self.depth = depth
        self.dot_iface = False
        self.out = out
        self.budget = env.budget


# ------------------------------------------------------------------ errors


def exec_error(st: State, msg: str, cause: BaseException | None = None) -> TemplateExecError:
    node = st.node
    if node is None or node.tree is None:
        text = f"template: {st.name}: {msg}"
    else:
        loc = node.tree.location(node.pos)
        text = f'template: {loc}: executing "{st.name}" at <{node}>: {msg}'
    return TemplateExecError(text, cause)


# ------------------------------------------------------------------ running a template


def execute(env: Env, tree: Tree, data: Any, depth: int = 0, out: list[str] | None = None) -> str:
    """Run one template with dot = $ = data; returns its output."""
    buf: list[str] = [] if out is None else out
    st = State(env, tree.name, data, depth, buf)
    if tree.root is None:
        raise exec_error(st, f"{go_quote(tree.name)} is an incomplete or empty template")
    run = compiled(tree, env.funcs)
    try:
        run(st, data)
    except (GoError, RenderLimitError, RecursionError):
        raise
    except Exception as e:
        # an engine bug must not reach a learner as a traceback: it becomes an execution
        # error at the node being evaluated, so the message still names file, line and column
        raise exec_error(st, f"internal error: {type(e).__name__}: {e}") from None
    return "".join(buf) if out is None else ""


_GENERATION = [0]


def compiled(tree: Tree, funcs: dict[str, FuncSpec]) -> Callable[[State, Any], None]:
    c = tree.compiled
    if c is not None and c[0] is funcs:
        return c[1]
    fn = Compiler(funcs).block(tree.root)  # type: ignore[arg-type]
    tree.compiled = (funcs, fn)
    return fn


# ------------------------------------------------------------------ values


def print_text(v: Any) -> str:
    if type(v) is str:
        return v
    if v is NO_VALUE:
        return "<no value>"
    stringer = addressable_stringer(v)
    if stringer is not None:
        return str(stringer())
    text = go_sprint(v)
    # text/template dereferences a pointer before printing it: no "&" as fmt would write.
    if isinstance(v, GoStruct) and text.startswith("&"):
        return text[1:]
    return text


def _set_var(st: State, name: str, value: Any, iface: bool) -> None:
    for entry in reversed(st.vars):
        if entry[0] == name:
            entry[1] = value
            entry[2] = iface
            return
    raise exec_error(st, f"undefined variable: {name}")


def _var_entry(st: State, name: str) -> list[Any]:
    for entry in reversed(st.vars):
        if entry[0] == name:
            return entry
    raise exec_error(st, f"undefined variable: {name}")


def _exported(name: str) -> bool:
    return name[:1].isupper()


_ABSENT = object()

# Map types without Go methods: field access is a plain key lookup
PLAIN_MAPS = frozenset({dict, Values})


def _method(receiver: Any, name: str) -> Any:
    """A Go method of a named type (GoStruct, dict/list subclass), bound, or None."""
    t = type(receiver)
    if t is dict or t is list or t is str or not _exported(name):
        return None
    attr = getattr(t, name, None)
    if attr is None or not callable(attr) or isinstance(attr, (staticmethod, type)):
        return None
    # a Go value whose type's method has a pointer receiver: not addressable, so not callable
    if name in getattr(t, "go_unaddressable_methods", ()):
        return None
    bound = getattr(receiver, name)
    if isinstance(bound, types.MethodType):
        return bound
    return None


def field_step(
    st: State,
    dot: Any,
    name: str,
    node: Node,
    args: list[Node] | None,
    final: Any,
    receiver: Any,
    iface: bool,
) -> tuple[Any, bool]:
    """evalField: one `.name` step. Returns (value, whether its static type is interface{})."""
    if receiver is NO_VALUE:
        if st.env.strict:
            raise exec_error(st, f"nil data; no entry for key {go_quote(name)}")
        return NO_VALUE, False
    if receiver is None:
        raise exec_error(st, f"nil pointer evaluating interface {{}}.{name}")
    t = type(receiver)
    if t in PLAIN_MAPS and not (t is Values and name in Values.go_methods):
        has_args = (args is not None and len(args) > 1) or final is not MISSING
        if has_args:
            raise exec_error(st, f"{name} is not a method but has arguments")
        v = receiver.get(name, _ABSENT)
        if v is _ABSENT:
            if st.env.strict:
                raise exec_error(st, f"map has no entry for key {go_quote(name)}")
            return None, True
        return v, True
    method = _method(receiver, name)
    if method is not None:
        return call_method(st, dot, method, node, name, args, final), False
    has_args = (args is not None and len(args) > 1) or final is not MISSING
    if isinstance(receiver, dict):
        if has_args:
            raise exec_error(st, f"{name} is not a method but has arguments")
        v = receiver.get(name, _ABSENT)
        if v is _ABSENT:
            if st.env.strict:
                raise exec_error(st, f"map has no entry for key {go_quote(name)}")
            return getattr(type(receiver), "go_zero", None), True
        return v, True
    if isinstance(receiver, GoStruct) and _exported(name) and name not in getattr(
        t, "go_unaddressable_methods", ()
    ):
        v = getattr(receiver, name, _ABSENT)
        if v is not _ABSENT:
            if has_args:
                raise exec_error(st, f"{name} has arguments but cannot be invoked as function")
            return v, False
    mapping = _map_like(receiver)
    if mapping is not None:
        if has_args:
            raise exec_error(st, f"{name} is not a method but has arguments")
        if name in mapping:
            return mapping[name], True
        if st.env.strict:
            raise exec_error(st, f"map has no entry for key {go_quote(name)}")
        return getattr(type(receiver), "go_zero", None), True
    typ = "interface {}" if iface else go_type_of(receiver)
    raise exec_error(st, f"can't evaluate field {name} in type {typ}")


def _map_like(v: Any) -> dict | None:
    """A GoStruct standing for a Go map type with methods (it provides items())."""
    if isinstance(v, GoStruct):
        items = getattr(v, "items", None)
        if callable(items):
            return dict(items())
    return None


def chain_eval(
    st: State,
    dot: Any,
    receiver: Any,
    iface: bool,
    idents: list[str],
    node: Node,
    args: list[Node] | None,
    final: Any,
) -> Any:
    last = len(idents) - 1
    for i, name in enumerate(idents):
        if i < last:
            receiver, iface = field_step(st, dot, name, node, None, MISSING, receiver, iface)
        else:
            receiver, iface = field_step(st, dot, name, node, args, final, receiver, iface)
    return receiver


# ------------------------------------------------------------------ calls

_METHOD_SPECS: dict[Any, FuncSpec] = {}
_METHOD_POINTERS: dict[Any, tuple[str | None, ...]] = {}


def call_method(
    st: State, dot: Any, method: Any, node: Node, name: str, args: list[Node] | None, final: Any
) -> Any:
    func = method.__func__
    spec = _METHOD_SPECS.get(func)
    if spec is None:
        spec = spec_from_callable(name, func, skip=1)
        _METHOD_SPECS[func] = spec
        _METHOD_POINTERS[func] = _pointer_params(func)
    pointers = _METHOD_POINTERS[func]
    arg_nodes = args[1:] if args else []
    fns = []
    for i, n in enumerate(arg_nodes):
        fn = _generic_arg(st, n, spec.kind_at(i))
        want = pointers[i] if i < len(pointers) else None
        if want is not None:
            fn = _typed_pointer_arg(st, n, fn, want)
        fns.append(fn)
    return _invoke(st, dot, spec, node, fns, final, bound=method)


def _pointer_params(func: Any) -> tuple[str | None, ...]:
    """For each parameter annotated with a GoStruct type (a Go pointer such as
    *semver.Version), that type's Go name; None for the others."""
    try:
        params = list(inspect.signature(func).parameters.values())[1:]
    except (TypeError, ValueError):
        return ()
    names = getattr(func, "__globals__", {})
    out: list[str | None] = []
    for p in params:
        ann = p.annotation
        cls = names.get(ann) if isinstance(ann, str) else ann
        is_struct = isinstance(cls, type) and issubclass(cls, GoStruct)
        out.append(getattr(cls, "go_type", None) if is_struct else None)
    return tuple(out)


def _typed_pointer_arg(
    st: State, n: Node, fn: Callable[[State, Any], Any], want: str
) -> Callable[[State, Any], Any]:
    """evalArg for a parameter of a named pointer type: literals cannot be converted, and a
    computed value must have exactly that type (nil is a valid pointer)."""
    if isinstance(n, (StringNode, NumberNode, BoolNode)):

        def literal(st: State, dot: Any) -> Any:
            st.node = n
            raise exec_error(st, f"can't handle {n} for arg of type {want}")

        return literal

    def checked(st: State, dot: Any) -> Any:
        v = fn(st, dot)
        if v is not None and v is not NO_VALUE and go_type_of(v) != want:
            raise exec_error(st, f"wrong type for value; expected {want}; got {go_type_of(v)}")
        return v

    return checked


def _arity_check(st: State, spec: FuncSpec, nargs: int, final: Any) -> None:
    num_in = nargs + (0 if final is MISSING else 1)
    fixed = len(spec.kinds)
    if spec.variadic is not None:
        if num_in < fixed:
            raise exec_error(st, f"wrong number of args for {spec.name}: want at least {fixed} got {nargs}")
    elif num_in != fixed:
        raise exec_error(st, f"wrong number of args for {spec.name}: want {fixed} got {num_in}")


def _invoke(
    st: State,
    dot: Any,
    spec: FuncSpec,
    node: Node,
    argfns: list[Callable[[State, Any], Any]],
    final: Any,
    bound: Any = None,
) -> Any:
    nargs = len(argfns)
    _arity_check(st, spec, nargs, final)
    if spec.builtin and (spec.name == "and" or spec.name == "or"):
        want = spec.name == "or"
        v: Any = NO_VALUE
        for f in argfns:
            v = f(st, dot)
            if truth(v) == want:
                return v
        if final is not MISSING:
            v = final
        return v
    argv = [f(st, dot) for f in argfns]
    if final is not MISSING:
        argv.append(validate(st, final, spec.kind_at(nargs)))
    fn = bound if bound is not None else spec.fn
    try:
        if spec.prefix:
            if spec.prefix == "state":
                return fn(st, *argv)
            return fn(st.env.context, *argv)
        if spec.builtin and spec.name == "call":
            callee = str(node.args[1]) if isinstance(node, CommandNode) and len(node.args) > 1 else ""
            return fn(callee, *argv)
        return fn(*argv)
    except (RenderLimitError, RecursionError, _Break, _Continue):
        raise
    except (FunctionError, GoError) as e:
        st.node = node
        raise exec_error(st, f"error calling {spec.name}: {e}", e) from None
    except Exception as e:  # a panic inside a function becomes its error, as Go's safeCall does
        st.node = node
        raise exec_error(st, f"error calling {spec.name}: {e}", e) from None


def validate(st: State, v: Any, kind: int) -> Any:
    """validateType: a value (not a literal) passed for a parameter of the given kind."""
    if kind == K_ANY:
        return None if v is NO_VALUE else v
    if kind == K_RAW:
        return v
    if v is NO_VALUE:
        if kind == K_MAP or kind == K_LIST:
            return None
        raise exec_error(st, f"invalid value; expected {KIND_NAMES[kind]}")
    if v is None:
        raise exec_error(st, f"wrong type for value; expected {KIND_NAMES[kind]}; got interface {{}}")
    if not assignable(v, kind):
        raise exec_error(st, f"wrong type for value; expected {KIND_NAMES[kind]}; got {go_type_of(v)}")
    return v


def ideal_constant(st: State, n: NumberNode) -> Any:
    st.node = n
    if n.is_complex:
        return n.complex128
    t = n.text
    if n.is_float and not _is_hex_int(t) and t[:1] != "'" and any(c in t for c in ".eEpP"):
        return n.float64
    if n.is_int:
        return n.int64
    if n.is_uint:
        raise exec_error(st, f"{t} overflows int")
    return NO_VALUE


def _is_hex_int(s: str) -> bool:
    return len(s) > 2 and s[0] == "0" and s[1] in "xX" and "p" not in s and "P" not in s


def _literal_for_kind(st: State, n: Node, kind: int) -> Any:
    st.node = n
    if kind == K_ANY or kind == K_RAW:
        if isinstance(n, BoolNode):
            return n.true
        if isinstance(n, NumberNode):
            return ideal_constant(st, n)
        if isinstance(n, StringNode):
            return n.text
    elif kind == K_BOOL:
        if isinstance(n, BoolNode):
            return n.true
        raise exec_error(st, f"expected bool; found {n}")
    elif kind == K_STR:
        if isinstance(n, StringNode):
            return n.text
        raise exec_error(st, f"expected string; found {n}")
    elif kind == K_INT:
        if isinstance(n, NumberNode) and n.is_int:
            return n.int64
        raise exec_error(st, f"expected integer; found {n}")
    elif kind == K_FLOAT:
        if isinstance(n, NumberNode) and n.is_float:
            return n.float64
        raise exec_error(st, f"expected float; found {n}")
    elif kind == K_MAP or kind == K_LIST:
        raise exec_error(st, f"can't handle {n} for arg of type {KIND_NAMES[kind]}")
    else:  # int64 and other sized ints
        if isinstance(n, NumberNode) and n.is_int:
            from .gotypes import Int64

            return Int64(n.int64)
        raise exec_error(st, f"expected integer; found {n}")
    raise exec_error(st, f"can't handle {n} for arg of type {KIND_NAMES.get(kind, '?')}")


def _constant_literal(n: Node, kind: int) -> Any:
    """The value of a literal argument when it cannot fail (computed once, at compile time)."""
    if isinstance(n, BoolNode) and kind in (K_ANY, K_RAW, K_BOOL):
        return n.true
    if isinstance(n, NumberNode):
        t = n.text
        if kind in (K_ANY, K_RAW):
            if n.is_complex:
                return n.complex128
            if n.is_float and not _is_hex_int(t) and t[:1] != "'" and any(c in t for c in ".eEpP"):
                return n.float64
            if n.is_int:
                return n.int64
        elif kind == K_INT and n.is_int:
            return n.int64
        elif kind == K_FLOAT and n.is_float:
            return n.float64
    return _ABSENT


def _generic_arg(st: State, n: Node, kind: int) -> Callable[[State, Any], Any]:
    """An argument evaluator for a parameter kind only known at call time (methods).

    The argument may itself call a template function, so it compiles against the running
    template's function table.
    """
    return Compiler(st.env.funcs).arg(n, kind)


# ------------------------------------------------------------------ the compiler


class Compiler:
    def __init__(self, funcs: dict[str, FuncSpec] | None) -> None:
        self.funcs = funcs

    # -- statements
    def block(self, node: ListNode) -> Callable[[State, Any], None]:
        fns = [f for f in (self.stmt(n) for n in node.nodes) if f is not None]
        if len(fns) == 1:
            return fns[0]

        def run_list(st: State, dot: Any) -> None:
            for f in fns:
                f(st, dot)

        return run_list

    def stmt(self, n: Node) -> Callable[[State, Any], None] | None:
        if isinstance(n, TextNode):
            return self.text(n)
        if isinstance(n, ActionNode):
            return self.action(n)
        if isinstance(n, IfNode):
            return self.branch(n, with_=False)
        if isinstance(n, WithNode):
            return self.branch(n, with_=True)
        if isinstance(n, RangeNode):
            return self.range_(n)
        if isinstance(n, TemplateNode):
            return self.template(n)
        if isinstance(n, ListNode):
            return self.block(n)
        if isinstance(n, BreakNode):

            def run_break(st: State, dot: Any) -> None:
                raise _BREAK

            return run_break
        if isinstance(n, ContinueNode):

            def run_continue(st: State, dot: Any) -> None:
                raise _CONTINUE

            return run_continue
        if isinstance(n, CommentNode):
            return None
        raise AssertionError(f"unknown node: {n}")

    def text(self, n: TextNode) -> Callable[[State, Any], None]:
        text = n.text
        size = len(text)

        def run_text(st: State, dot: Any) -> None:
            st.out.append(text)
            b = st.budget
            b.out_len += size
            if b.out_len > b.max_out:
                b.output_exceeded()

        return run_text

    def action(self, n: ActionNode) -> Callable[[State, Any], None]:
        pipe = self.pipe(n.pipe)
        prints = not n.pipe.decl

        def run_action(st: State, dot: Any) -> None:
            st.node = n
            b = st.budget
            b.steps += 1
            if b.steps > b.max_steps:
                b.step_exceeded()
            v = pipe(st, dot)
            if prints:
                st.node = n
                s = v if type(v) is str else print_text(v)
                st.out.append(s)
                b.out_len += len(s)
                if b.out_len > b.max_out:
                    b.output_exceeded()

        return run_action

    def branch(self, n: IfNode | WithNode, with_: bool) -> Callable[[State, Any], None]:
        pipe = self.pipe(n.pipe)
        body = self.block(n.list)
        else_ = self.block(n.else_list) if n.else_list is not None else None

        def run_branch(st: State, dot: Any) -> None:
            st.node = n
            mark = len(st.vars)
            v = pipe(st, dot)
            if truth(v):
                if with_:
                    saved = st.dot_iface
                    st.dot_iface = False
                    body(st, v)
                    st.dot_iface = saved
                else:
                    body(st, dot)
            elif else_ is not None:
                else_(st, dot)
            del st.vars[mark:]

        return run_branch

    def range_(self, n: RangeNode) -> Callable[[State, Any], None]:
        pipe = self.pipe(n.pipe)
        body = self.block(n.list)
        else_ = self.block(n.else_list) if n.else_list is not None else None
        decl = [v.ident[0] for v in n.pipe.decl]
        ndecl = len(decl)
        is_assign = n.pipe.is_assign

        def one(st: State, index: Any, elem: Any, iface: bool, mark: int) -> None:
            b = st.budget
            b.steps += 1
            if b.steps > b.max_steps:
                b.step_exceeded()
            if ndecl:
                if is_assign:
                    if ndecl > 1:
                        _set_var(st, decl[0], index, False)
                    else:
                        _set_var(st, decl[0], elem, iface)
                else:
                    top = st.vars[-1]
                    top[1] = elem
                    top[2] = iface
            if ndecl > 1:
                if is_assign:
                    _set_var(st, decl[1], elem, iface)
                else:
                    second = st.vars[-2]
                    second[1] = index
                    second[2] = False
            st.dot_iface = iface
            try:
                body(st, elem)
            except _Continue:
                pass
            del st.vars[mark:]

        def run_range(st: State, dot: Any) -> None:
            st.node = n
            mark0 = len(st.vars)
            val = pipe(st, dot)
            mark = len(st.vars)
            saved = st.dot_iface
            ran = False
            try:
                if val is NO_VALUE:
                    pass
                elif isinstance(val, (list, tuple)):
                    iface = type(val) is list or getattr(type(val), "go_type", "") == "[]interface {}"
                    for i, e in enumerate(val):
                        ran = True
                        one(st, i, e, iface, mark)
                elif isinstance(val, dict):
                    for k in sorted_keys(val):
                        ran = True
                        one(st, k, val[k], True, mark)
                elif isinstance(val, int) and not isinstance(val, bool):
                    if ndecl > 1:
                        raise exec_error(st, f"can't use {go_sprint(val)} to iterate over more than one variable")
                    for i in range(int(val)):
                        ran = True
                        one(st, NO_VALUE, type(val)(i) if type(val) is not int else i, False, mark)
                elif _map_like(val) is not None:
                    m = _map_like(val)
                    assert m is not None
                    for k in sorted_keys(m):
                        ran = True
                        one(st, k, m[k], True, mark)
                elif isinstance(val, bytes):
                    for i, e in enumerate(val):
                        ran = True
                        one(st, i, e, False, mark)
                else:
                    raise exec_error(st, f"range can't iterate over {go_sprint(val)}")
            except _Break:
                ran = True
                del st.vars[mark:]
            st.dot_iface = saved
            if not ran and else_ is not None:
                else_(st, dot)
            del st.vars[mark0:]

        return run_range

    def template(self, n: TemplateNode) -> Callable[[State, Any], None]:
        pipe = self.pipe(n.pipe) if n.pipe is not None else None
        name = n.name

        def run_template(st: State, dot: Any) -> None:
            st.node = n
            env = st.env
            tree = env.templates.get(name)
            if tree is None:
                raise exec_error(st, f"template {go_quote(name)} not defined")
            if st.depth >= st.budget.max_depth:
                raise exec_error(st, f"exceeded maximum template depth ({MAX_EXEC_DEPTH})")
            b = st.budget
            b.steps += 1
            if b.steps > b.max_steps:
                b.step_exceeded()
            new_dot = pipe(st, dot) if pipe is not None else NO_VALUE
            sub = State(env, tree.name, new_dot, st.depth + 1, st.out)
            compiled(tree, env.funcs)(sub, new_dot)

        return run_template

    # -- expressions
    def pipe(self, p: PipeNode) -> Callable[[State, Any], Any]:
        cmds = [self.command(c) for c in p.cmds]
        decl = [v.ident[0] for v in p.decl]
        is_assign = p.is_assign
        if len(cmds) == 1 and not decl:
            c0 = cmds[0]

            def ev_pipe1(st: State, dot: Any) -> Any:
                st.node = p
                v = c0(st, dot, MISSING)
                return NO_VALUE if v is None else v

            return ev_pipe1

        def ev_pipe(st: State, dot: Any) -> Any:
            st.node = p
            v = MISSING
            for c in cmds:
                v = c(st, dot, v)
                if v is None:
                    v = NO_VALUE
            for name in decl:
                if is_assign:
                    _set_var(st, name, v, False)
                else:
                    st.vars.append([name, v, False])
            return v

        return ev_pipe

    def command(self, c: CommandNode) -> Callable[[State, Any, Any], Any]:
        first = c.args[0]
        args = c.args
        if isinstance(first, FieldNode):
            idents = first.ident
            if len(args) == 1 and len(idents) <= 3:
                return self._fast_field(first, idents)

            def ev_field(st: State, dot: Any, final: Any) -> Any:
                st.node = first
                return chain_eval(st, dot, dot, st.dot_iface, idents, first, args, final)

            return ev_field
        if isinstance(first, ChainNode):
            inner = self.arg(first.node, K_RAW) if not isinstance(first.node, NilNode) else None
            fields = first.field

            def ev_chain(st: State, dot: Any, final: Any) -> Any:
                st.node = first
                if inner is None:
                    raise exec_error(st, f"indirection through explicit nil in {first}")
                recv = inner(st, dot)
                return chain_eval(st, dot, recv, False, fields, first, args, final)

            return ev_chain
        if isinstance(first, IdentifierNode):
            return self.function(first, c)
        if isinstance(first, PipeNode):
            inner_pipe = self.pipe(first)

            def ev_paren(st: State, dot: Any, final: Any) -> Any:
                if len(args) > 1 or final is not MISSING:
                    raise exec_error(st, f"can't give argument to non-function {args[0]}")
                return inner_pipe(st, dot)

            return ev_paren
        if isinstance(first, VariableNode):
            name = first.ident[0]
            rest = first.ident[1:]

            def ev_var(st: State, dot: Any, final: Any) -> Any:
                st.node = first
                entry = _var_entry(st, name)
                if not rest:
                    if len(args) > 1 or final is not MISSING:
                        raise exec_error(st, f"can't give argument to non-function {args[0]}")
                    return entry[1]
                return chain_eval(st, dot, entry[1], entry[2], rest, first, args, final)

            return ev_var

        def not_function(st: State, final: Any) -> None:
            st.node = first
            if len(args) > 1 or final is not MISSING:
                raise exec_error(st, f"can't give argument to non-function {args[0]}")

        if isinstance(first, BoolNode):
            b = first.true

            def ev_bool(st: State, dot: Any, final: Any) -> Any:
                not_function(st, final)
                return b

            return ev_bool
        if isinstance(first, DotNode):

            def ev_dot(st: State, dot: Any, final: Any) -> Any:
                not_function(st, final)
                return dot

            return ev_dot
        if isinstance(first, NilNode):

            def ev_nil(st: State, dot: Any, final: Any) -> Any:
                not_function(st, final)
                raise exec_error(st, "nil is not a command")

            return ev_nil
        if isinstance(first, NumberNode):

            def ev_num(st: State, dot: Any, final: Any) -> Any:
                not_function(st, final)
                return ideal_constant(st, first)

            return ev_num
        if isinstance(first, StringNode):
            s = first.text

            def ev_str(st: State, dot: Any, final: Any) -> Any:
                not_function(st, final)
                return s

            return ev_str
        raise AssertionError(f"can't evaluate command {first}")

    def _fast_field(self, first: FieldNode, idents: list[str]) -> Callable[[State, Any, Any], Any]:
        """`.a.b.c` with no arguments over plain dicts, falling back to the general path."""
        whole: list[Node] = [first]

        def ev_field_fast(st: State, dot: Any, final: Any) -> Any:
            st.node = first
            if final is MISSING and type(dot) in PLAIN_MAPS and not st.env.strict:
                v = dot
                for name in idents:
                    tv = type(v)
                    if tv is not dict and (tv is not Values or name in Values.go_methods):
                        break
                    v = v.get(name, _ABSENT)
                    if v is _ABSENT:
                        v = None
                else:
                    return v
            return chain_eval(st, dot, dot, st.dot_iface, idents, first, whole, final)

        return ev_field_fast

    def function(self, ident: IdentifierNode, cmd: CommandNode) -> Callable[[State, Any, Any], Any]:
        assert self.funcs is not None
        spec = self.funcs.get(ident.ident)
        name = ident.ident
        if spec is None:

            def ev_undefined(st: State, dot: Any, final: Any) -> Any:
                st.node = ident
                raise exec_error(st, f"{go_quote(name)} is not a defined function")

            return ev_undefined
        arg_nodes = cmd.args[1:]
        argfns = [self.arg(n, spec.kind_at(i)) for i, n in enumerate(arg_nodes)]

        if spec.prefix or spec.builtin and spec.name in ("and", "or", "call"):

            def ev_call(st: State, dot: Any, final: Any) -> Any:
                st.node = ident
                return _invoke(st, dot, spec, cmd, argfns, final)

            return ev_call

        # the common case, specialised: arity known per call site, plain positional call
        nargs = len(argfns)
        fixed = len(spec.kinds)
        variadic = spec.variadic is not None
        ok_plain = nargs >= fixed if variadic else nargs == fixed
        ok_final = nargs + 1 >= fixed if variadic else nargs + 1 == fixed
        final_kind = spec.kind_at(nargs)
        fn = spec.fn
        fname = spec.name

        def ev_call_fast(st: State, dot: Any, final: Any) -> Any:
            st.node = ident
            if final is MISSING:
                if not ok_plain:
                    _arity_check(st, spec, nargs, final)
                argv = [f(st, dot) for f in argfns]
            else:
                if not ok_final:
                    _arity_check(st, spec, nargs, final)
                argv = [f(st, dot) for f in argfns]
                argv.append(validate(st, final, final_kind))
            try:
                return fn(*argv)
            except (RenderLimitError, RecursionError, _Break, _Continue):
                raise
            except Exception as e:  # FunctionError, GoError, or a panic inside the function
                st.node = cmd
                raise exec_error(st, f"error calling {fname}: {e}", e) from None

        return ev_call_fast

    def arg(self, n: Node, kind: int) -> Callable[[State, Any], Any]:
        """evalArg: evaluate an argument node for a parameter of `kind`."""
        if isinstance(n, DotNode):

            def arg_dot(st: State, dot: Any) -> Any:
                st.node = n
                return validate(st, dot, kind)

            return arg_dot
        if isinstance(n, NilNode):

            def arg_nil(st: State, dot: Any) -> Any:
                st.node = n
                if kind == K_RAW:
                    return NO_VALUE
                if kind in (K_ANY, K_MAP, K_LIST):
                    return None
                raise exec_error(st, f"cannot assign nil to {KIND_NAMES[kind]}")

            return arg_nil
        if isinstance(n, FieldNode):
            idents = n.ident
            one: list[Node] = [n]

            def arg_field(st: State, dot: Any) -> Any:
                st.node = n
                v = chain_eval(st, dot, dot, st.dot_iface, idents, n, one, MISSING)
                return validate(st, v, kind)

            return arg_field
        if isinstance(n, VariableNode):
            name = n.ident[0]
            rest = n.ident[1:]

            def arg_var(st: State, dot: Any) -> Any:
                st.node = n
                entry = _var_entry(st, name)
                v = entry[1] if not rest else chain_eval(st, dot, entry[1], entry[2], rest, n, None, MISSING)
                return validate(st, v, kind)

            return arg_var
        if isinstance(n, PipeNode):
            p = self.pipe(n)

            def arg_pipe(st: State, dot: Any) -> Any:
                st.node = n
                return validate(st, p(st, dot), kind)

            return arg_pipe
        if isinstance(n, IdentifierNode):
            if self.funcs is None:
                raise AssertionError("function argument without a function table")
            cmd = CommandNode(n.pos, n.tree)
            cmd.args = [n]
            f = self.function(n, cmd)

            def arg_ident(st: State, dot: Any) -> Any:
                st.node = n
                return validate(st, f(st, dot, MISSING), kind)

            return arg_ident
        if isinstance(n, ChainNode):
            c = CommandNode(n.pos, n.tree)
            c.args = [n]
            f2 = self.command(c)

            def arg_chain(st: State, dot: Any) -> Any:
                st.node = n
                return validate(st, f2(st, dot, MISSING), kind)

            return arg_chain

        def arg_literal(st: State, dot: Any) -> Any:
            return _literal_for_kind(st, n, kind)

        if isinstance(n, StringNode) and kind in (K_ANY, K_RAW, K_STR):
            s = n.text

            def arg_str(st: State, dot: Any) -> Any:
                st.node = n
                return s

            return arg_str
        const = _constant_literal(n, kind)
        if const is not _ABSENT:

            def arg_const(st: State, dot: Any) -> Any:
                st.node = n
                return const

            return arg_const
        return arg_literal


def recursion_guard() -> tuple[int, int]:
    """Python frames per nested template call are many; make room for Helm's depths."""
    old = sys.getrecursionlimit()
    want = 60000 if sys.version_info >= (3, 11) else 8000
    if old < want:
        sys.setrecursionlimit(want)
    return old, want


__all__ = [
    "Budget",
    "Env",
    "MISSING",
    "NO_VALUE",
    "State",
    "execute",
    "exec_error",
    "inspect",
]
