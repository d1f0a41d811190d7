"""The text/template parser: tokens to trees, with Go's grammar and parse error texts.

`parse(name, text, funcs)` returns {template name: Tree} for the file's own template and every
`define`/`block` in it, or raises TemplateParseError(`template: NAME:LINE: MESSAGE`).
"""

from __future__ import annotations

from collections.abc import Container

from . import lexer as L
from .errors import TemplateParseError
from .goliterals import SyntaxErr, parse_float, parse_int, parse_uint, unquote, unquote_char
from .nodes import (
    ActionNode,
    BoolNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
    ElseNode,
    EndNode,
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
    is_empty_tree,
)

MAX_STACK_DEPTH = 10000

_OPERAND_START = {
    L.BOOL,
    L.CHAR_CONSTANT,
    L.COMPLEX,
    L.DOT,
    L.FIELD,
    L.IDENTIFIER,
    L.NUMBER,
    L.NIL,
    L.RAW_STRING,
    L.STRING,
    L.VARIABLE,
    L.LEFT_PAREN,
}


class _Stop(Exception):
    pass


class Parser:
    def __init__(self, name: str, text: str, funcs: Container[str]) -> None:
        self.parse_name = name
        self.text = text
        self.funcs = funcs
        self.items = L.lex(text)
        self.last = len(self.items) - 1
        self.i = 0
        self.hi = 0
        self.tree = Tree(name, name, text)
        self.vars: list[str] = ["$"]
        self.range_depth = 0
        self.stack_depth = 0
        self.action_tok: L.Item | None = None
        self.tree_set: dict[str, Tree] = {}

    # -- token stream (the index only moves back through backup(), so `hi` is tracked there)
    def next(self) -> L.Item:
        i = self.i
        last = self.last
        if i >= last:
            # the final EOF/ERROR token repeats, as Go's lexer keeps returning it
            self.i = last + 1
            return self.items[last]
        self.i = i + 1
        return self.items[i]

    def backup(self) -> None:
        if self.i > self.hi:
            self.hi = self.i
        self.i -= 1

    def peek(self) -> L.Item:
        i = self.i
        if i >= self.hi:  # peeking lexes the token: errors report its line
            self.hi = i + 1
        return self.items[i if i < self.last else self.last]

    def next_non_space(self) -> L.Item:
        items = self.items
        i = self.i
        last = self.last
        while i < last:
            t = items[i]
            i += 1
            if t.typ != L.SPACE:
                self.i = i
                return t
        self.i = last + 1
        return items[last]

    def peek_non_space(self) -> L.Item:
        t = self.next_non_space()
        self.backup()
        return t

    # -- errors
    def errorf(self, msg: str) -> None:
        idx = min(max(max(self.hi, self.i) - 1, 0), self.last)
        line = self.items[idx].line
        raise TemplateParseError(f"template: {self.parse_name}:{line}: {msg}")

    def expect(self, typ: int, context: str) -> L.Item:
        t = self.next_non_space()
        if t.typ != typ:
            self.unexpected(t, context)
        return t

    def expect_one_of(self, t1: int, t2: int, context: str) -> L.Item:
        t = self.next_non_space()
        if t.typ != t1 and t.typ != t2:
            self.unexpected(t, context)
        return t

    def unexpected(self, token: L.Item, context: str) -> None:
        if token.typ == L.ERROR:
            extra = ""
            action_line = self.action_tok.line if self.action_tok is not None else 0
            if action_line != 0 and action_line != token.line:
                extra = f" in action started at {self.parse_name}:{action_line}"
                if token.val.endswith(" action"):
                    extra = extra[len(" in action") :]
            self.errorf(f"{token}{extra}")
        self.errorf(f"unexpected {token} in {context}")

    # -- trees
    def add(self, tree: Tree) -> None:
        old = self.tree_set.get(tree.name)
        if old is None or is_empty_tree(old.root):
            self.tree_set[tree.name] = tree
            return
        if not is_empty_tree(tree.root):
            from .gofmt import go_quote

            self.errorf(f"template: multiple definition of template {go_quote(tree.name)}")

    def _sub_tree(self, name: str) -> tuple[Tree, list[str], int]:
        saved = (self.tree, self.vars, self.range_depth)
        self.tree = Tree(name, self.parse_name, self.text)
        self.vars = ["$"]
        self.range_depth = 0
        return saved  # type: ignore[return-value]

    def _restore(self, saved: tuple) -> None:
        self.tree, self.vars, self.range_depth = saved

    def parse(self) -> dict[str, Tree]:
        t = self.tree
        root = ListNode(self.peek().pos, t)
        t.root = root
        while self.peek().typ != L.EOF:
            if self.peek().typ == L.LEFT_DELIM:
                mark = self.i
                self.next()
                if self.next_non_space().typ == L.DEFINE:
                    saved = self._sub_tree("definition")
                    self.parse_definition()
                    self._restore(saved)
                    continue
                if self.i > self.hi:
                    self.hi = self.i
                self.i = mark
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                self.errorf(f"unexpected {n}")
            root.nodes.append(n)
        self.add(t)
        return self.tree_set

    def parse_definition(self) -> None:
        context = "define clause"
        name = self.expect_one_of(L.STRING, L.RAW_STRING, context)
        try:
            self.tree.name = unquote(name.val)
        except SyntaxErr as e:
            self.errorf(str(e))
        self.expect(L.RIGHT_DELIM, context)
        root, end = self.item_list()
        if not isinstance(end, EndNode):
            self.errorf(f"unexpected {end} in {context}")
        self.tree.root = root
        self.add(self.tree)

    def item_list(self) -> tuple[ListNode, Node]:
        lst = ListNode(self.peek_non_space().pos, self.tree)
        while self.peek_non_space().typ != L.EOF:
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError  # pragma: no cover

    def text_or_action(self) -> Node:
        token = self.next_non_space()
        if token.typ == L.TEXT:
            return TextNode(token.pos, self.tree, token.val)
        if token.typ == L.LEFT_DELIM:
            self.action_tok = token
            try:
                return self.action()
            finally:
                self.action_tok = None
        self.unexpected(token, "input")
        raise AssertionError  # pragma: no cover

    def action(self) -> Node:
        token = self.next_non_space()
        typ = token.typ
        if typ == L.BLOCK:
            return self.block_control()
        if typ == L.BREAK:
            return self.break_control(token, "{{break}}", BreakNode)
        if typ == L.CONTINUE:
            return self.break_control(token, "{{continue}}", ContinueNode)
        if typ == L.ELSE:
            return self.else_control()
        if typ == L.END:
            return EndNode(self.expect(L.RIGHT_DELIM, "end").pos, self.tree)
        if typ == L.IF:
            return IfNode(*self.parse_control("if"))
        if typ == L.RANGE:
            return RangeNode(*self.parse_control("range"))
        if typ == L.TEMPLATE:
            return self.template_control()
        if typ == L.WITH:
            return WithNode(*self.parse_control("with"))
        self.backup()
        token = self.peek()
        return ActionNode(token.pos, self.tree, 0, self.pipeline("command", L.RIGHT_DELIM))

    def break_control(self, kw: L.Item, label: str, cls: type) -> Node:
        token = self.next_non_space()
        if token.typ != L.RIGHT_DELIM:
            self.unexpected(token, label)
        if self.range_depth == 0:
            self.errorf(f"{label} outside {{{{range}}}}")
        return cls(kw.pos, self.tree, 0)

    def else_control(self) -> Node:
        peek = self.peek_non_space()
        if peek.typ in (L.IF, L.WITH):
            return ElseNode(peek.pos, self.tree, 0)
        token = self.expect(L.RIGHT_DELIM, "else")
        return ElseNode(token.pos, self.tree, 0)

    def parse_control(self, context: str) -> tuple:
        mark = len(self.vars)
        try:
            pipe = self.pipeline(context, L.RIGHT_DELIM)
            if context == "range":
                self.range_depth += 1
            lst, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list = None
            if isinstance(nxt, ElseNode):
                if context == "if" and self.peek().typ == L.IF:
                    self.next()
                    else_list = ListNode(nxt.pos, self.tree)
                    else_list.nodes.append(IfNode(*self.parse_control("if")))
                elif context == "with" and self.peek().typ == L.WITH:
                    self.next()
                    else_list = ListNode(nxt.pos, self.tree)
                    else_list.nodes.append(WithNode(*self.parse_control("with")))
                else:
                    else_list, nxt = self.item_list()
                    if not isinstance(nxt, EndNode):
                        self.errorf(f"expected end; found {nxt}")
            return pipe.pos, self.tree, 0, pipe, lst, else_list
        finally:
            del self.vars[mark:]

    def block_control(self) -> Node:
        context = "block clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = self.pipeline(context, L.RIGHT_DELIM)
        saved = self._sub_tree(name)
        block = self.tree
        root, end = self.item_list()
        if not isinstance(end, EndNode):
            self.errorf(f"unexpected {end} in {context}")
        block.root = root
        self.add(block)
        self._restore(saved)
        return TemplateNode(token.pos, self.tree, 0, name, pipe)

    def template_control(self) -> Node:
        context = "template clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = None
        if self.next_non_space().typ != L.RIGHT_DELIM:
            self.backup()
            pipe = self.pipeline(context, L.RIGHT_DELIM)
        return TemplateNode(token.pos, self.tree, 0, name, pipe)

    def parse_template_name(self, token: L.Item, context: str) -> str:
        if token.typ in (L.STRING, L.RAW_STRING):
            try:
                return unquote(token.val)
            except SyntaxErr as e:
                self.errorf(str(e))
        self.unexpected(token, context)
        raise AssertionError  # pragma: no cover

    def pipeline(self, context: str, end: int) -> PipeNode:
        token = self.peek_non_space()
        pipe = PipeNode(token.pos, self.tree, 0)
        while True:  # declarations
            v = self.peek_non_space()
            if v.typ != L.VARIABLE:
                break
            mark = self.i
            self.next_non_space()
            nxt = self.peek_non_space()
            if nxt.typ in (L.ASSIGN, L.DECLARE):
                pipe.is_assign = nxt.typ == L.ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, self.tree, v.val))
                self.vars.append(v.val)
                break
            if nxt.typ == L.CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, self.tree, v.val))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (L.VARIABLE, L.RIGHT_DELIM, L.RIGHT_PAREN):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            if self.i > self.hi:
                self.hi = self.i
            self.i = mark
            break
        while True:
            token = self.next_non_space()
            if token.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if token.typ in _OPERAND_START:
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(token, context)

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> CommandNode:
        cmd = CommandNode(self.peek_non_space().pos, self.tree)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            if token.typ == L.SPACE:
                continue
            if token.typ in (L.RIGHT_DELIM, L.RIGHT_PAREN):
                self.backup()
            elif token.typ == L.PIPE:
                pass
            else:
                self.unexpected(token, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self) -> Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == L.FIELD:
            chain = ChainNode(self.peek().pos, self.tree, node)
            while self.peek().typ == L.FIELD:
                chain.add(self.next().val)
            if isinstance(node, FieldNode):
                return FieldNode(chain.pos, self.tree, str(chain))
            if isinstance(node, VariableNode):
                return VariableNode(chain.pos, self.tree, str(chain))
            if isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                from .gofmt import go_quote

                self.errorf(f"unexpected . after term {go_quote(str(node))}")
            return chain
        return node

    def term(self) -> Node | None:
        token = self.next_non_space()
        typ = token.typ
        if typ == L.IDENTIFIER:
            if token.val not in self.funcs:
                from .gofmt import go_quote

                self.errorf(f"function {go_quote(token.val)} not defined")
            return IdentifierNode(token.pos, self.tree, token.val)
        if typ == L.DOT:
            return DotNode(token.pos, self.tree)
        if typ == L.NIL:
            return NilNode(token.pos, self.tree)
        if typ == L.VARIABLE:
            v = VariableNode(token.pos, self.tree, token.val)
            if v.ident[0] not in self.vars:
                from .gofmt import go_quote

                self.errorf(f"undefined variable {go_quote(v.ident[0])}")
            return v
        if typ == L.FIELD:
            return FieldNode(token.pos, self.tree, token.val)
        if typ == L.BOOL:
            return BoolNode(token.pos, self.tree, token.val == "true")
        if typ in (L.CHAR_CONSTANT, L.COMPLEX, L.NUMBER):
            try:
                return new_number(token.pos, self.tree, token.val, typ)
            except ValueError as e:
                self.errorf(str(e))
        if typ == L.LEFT_PAREN:
            if self.stack_depth >= MAX_STACK_DEPTH:
                self.errorf("max expression depth exceeded")
            self.stack_depth += 1
            try:
                return self.pipeline("parenthesized pipeline", L.RIGHT_PAREN)
            finally:
                self.stack_depth -= 1
        if typ in (L.STRING, L.RAW_STRING):
            try:
                s = unquote(token.val)
            except SyntaxErr as e:
                self.errorf(str(e))
            return StringNode(token.pos, self.tree, token.val, s)
        self.backup()
        return None


def new_number(pos: int, tree: Tree, text: str, typ: int) -> NumberNode:
    """parse.newNumber: which of int/uint/float/complex the literal can be."""
    from .gofmt import go_quote

    n = NumberNode(pos, tree, text)
    if typ == L.CHAR_CONSTANT:
        ch, i = unquote_char(text, 1, "'")
        if text[i:] != "'":
            raise ValueError(f"malformed character constant: {text}")
        r = ord(ch)
        n.int64 = n.uint64 = r
        n.float64 = float(r)
        n.is_int = n.is_uint = n.is_float = True
        return n
    if typ == L.COMPLEX:
        try:
            c = complex(text.replace("_", "").replace("i", "j"))
        except ValueError as e:
            raise ValueError(f"expected integer; found {text}") from e
        n.is_complex = True
        n.complex128 = c
        _simplify_complex(n)
        return n
    if text.endswith("i"):
        try:
            f = parse_float(text[:-1])
        except ValueError:
            pass
        else:
            n.is_complex = True
            n.complex128 = complex(0, f)
            _simplify_complex(n)
            return n
    u = None
    try:
        u = parse_uint(text)
        n.is_uint = True
        n.uint64 = u
    except ValueError:
        pass
    try:
        i = parse_int(text)
        n.is_int = True
        n.int64 = i
        if i == 0:
            n.is_uint = True
            n.uint64 = u or 0
    except ValueError:
        pass
    if n.is_int:
        n.is_float = True
        n.float64 = float(n.int64)
    elif n.is_uint:
        n.is_float = True
        n.float64 = float(n.uint64)
    else:
        try:
            f = parse_float(text)
        except ValueError:
            pass
        else:
            if not any(c in text for c in ".eEpP"):
                raise ValueError(f"integer overflow: {go_quote(text)}")
            n.is_float = True
            n.float64 = f
            if f.is_integer() and -(2**63) <= f < 2**63:
                n.is_int = True
                n.int64 = int(f)
            if f.is_integer() and 0 <= f < 2**64:
                n.is_uint = True
                n.uint64 = int(f)
    if not (n.is_int or n.is_uint or n.is_float):
        raise ValueError(f"illegal number syntax: {go_quote(text)}")
    return n


def _simplify_complex(n: NumberNode) -> None:
    n.is_float = n.complex128.imag == 0
    if n.is_float:
        f = n.complex128.real
        n.float64 = f
        n.is_int = f.is_integer() and -(2**63) <= f < 2**63
        if n.is_int:
            n.int64 = int(f)
        n.is_uint = f.is_integer() and 0 <= f < 2**64
        if n.is_uint:
            n.uint64 = int(f)


def parse(name: str, text: str, funcs: Container[str]) -> dict[str, Tree]:
    """All templates defined by one file (its own, named `name`, plus defines and blocks)."""
    return Parser(name, text, funcs).parse()
