"""Parse tree nodes. Each node keeps its character offset and its Tree, so that an error can
name `FILE:LINE:COL` (COL = byte offset within the line, as Go counts) and print the node back
as source (`<.Values.a.b>`, `<include "x" .>`), exactly as text/template does."""

from __future__ import annotations

from typing import Any


class Tree:
    """One named template: `name` (define name or file name), `parse_name` (the file it was
    parsed from: used in error locations), the source text and the root list."""

    __slots__ = ("name", "parse_name", "text", "root", "compiled", "_line_starts")

    def __init__(self, name: str, parse_name: str, text: str) -> None:
        self.name = name
        self.parse_name = parse_name
        self.text = text
        self.root: ListNode | None = None
        self.compiled: Any = None
        self._line_starts: list[int] | None = None

    def location(self, pos: int) -> str:
        text = self.text[:pos]
        nl = text.rfind("\n")
        line_text = text[nl + 1 :]
        col = len(line_text.encode("utf-8"))
        line = 1 + text.count("\n")
        return f"{self.parse_name}:{line}:{col}"


class Node:
    __slots__ = ("pos", "tree")

    def __init__(self, pos: int, tree: Tree | None) -> None:
        self.pos = pos
        self.tree = tree

    @property
    def line(self) -> int:
        """Line of the node's position (computed on demand: only errors need it)."""
        return 1 + self.tree.text.count("\n", 0, self.pos) if self.tree is not None else 0

    def __str__(self) -> str:  # pragma: no cover - overridden
        return type(self).__name__


class ListNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, pos: int, tree: Tree | None) -> None:
        super().__init__(pos, tree)
        self.nodes: list[Node] = []

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)


class TextNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos: int, tree: Tree | None, text: str) -> None:
        super().__init__(pos, tree)
        self.text = text

    def __str__(self) -> str:
        return self.text


class CommentNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos: int, tree: Tree | None, text: str) -> None:
        super().__init__(pos, tree)
        self.text = text

    def __str__(self) -> str:
        return "{{" + self.text + "}}"


class PipeNode(Node):
    __slots__ = ("is_assign", "decl", "cmds")

    def __init__(self, pos: int, tree: Tree | None, line: int) -> None:
        super().__init__(pos, tree)
        self.is_assign = False
        self.decl: list[VariableNode] = []
        self.cmds: list[CommandNode] = []

    def __str__(self) -> str:
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl)
            s += " = " if self.is_assign else " := "
        return s + " | ".join(str(c) for c in self.cmds)


class ActionNode(Node):
    __slots__ = ("pipe",)

    def __init__(self, pos: int, tree: Tree | None, line: int, pipe: PipeNode) -> None:
        super().__init__(pos, tree)
        self.pipe = pipe

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


class CommandNode(Node):
    __slots__ = ("args",)

    def __init__(self, pos: int, tree: Tree | None) -> None:
        super().__init__(pos, tree)
        self.args: list[Node] = []

    def __str__(self) -> str:
        parts = []
        for a in self.args:
            parts.append("(" + str(a) + ")" if isinstance(a, PipeNode) else str(a))
        return " ".join(parts)


class IdentifierNode(Node):
    __slots__ = ("ident",)

    def __init__(self, pos: int, tree: Tree | None, ident: str) -> None:
        super().__init__(pos, tree)
        self.ident = ident

    def __str__(self) -> str:
        return self.ident


class VariableNode(Node):
    __slots__ = ("ident",)

    def __init__(self, pos: int, tree: Tree | None, ident: str) -> None:
        super().__init__(pos, tree)
        self.ident = ident.split(".")

    def __str__(self) -> str:
        return ".".join(self.ident)


class DotNode(Node):
    __slots__ = ()

    def __str__(self) -> str:
        return "."


class NilNode(Node):
    __slots__ = ()

    def __str__(self) -> str:
        return "nil"


class FieldNode(Node):
    __slots__ = ("ident",)

    def __init__(self, pos: int, tree: Tree | None, ident: str) -> None:
        super().__init__(pos, tree)
        self.ident = ident[1:].split(".")

    def __str__(self) -> str:
        return "".join("." + i for i in self.ident)


class ChainNode(Node):
    __slots__ = ("node", "field")

    def __init__(self, pos: int, tree: Tree | None, node: Node) -> None:
        super().__init__(pos, tree)
        self.node = node
        self.field: list[str] = []

    def add(self, field: str) -> None:
        if not field or field[0] != ".":
            raise ValueError("no dot in field")
        field = field[1:]
        if not field:
            raise ValueError("empty field")
        self.field.append(field)

    def __str__(self) -> str:
        s = "(" + str(self.node) + ")" if isinstance(self.node, PipeNode) else str(self.node)
        return s + "".join("." + f for f in self.field)


class BoolNode(Node):
    __slots__ = ("true",)

    def __init__(self, pos: int, tree: Tree | None, true: bool) -> None:
        super().__init__(pos, tree)
        self.true = true

    def __str__(self) -> str:
        return "true" if self.true else "false"


class NumberNode(Node):
    __slots__ = (
        "text",
        "is_int",
        "is_uint",
        "is_float",
        "is_complex",
        "int64",
        "uint64",
        "float64",
        "complex128",
    )

    def __init__(self, pos: int, tree: Tree | None, text: str) -> None:
        super().__init__(pos, tree)
        self.text = text
        self.is_int = self.is_uint = self.is_float = self.is_complex = False
        self.int64 = 0
        self.uint64 = 0
        self.float64 = 0.0
        self.complex128 = 0j

    def __str__(self) -> str:
        return self.text


class StringNode(Node):
    __slots__ = ("quoted", "text")

    def __init__(self, pos: int, tree: Tree | None, quoted: str, text: str) -> None:
        super().__init__(pos, tree)
        self.quoted = quoted
        self.text = text

    def __str__(self) -> str:
        return self.quoted


class EndNode(Node):
    __slots__ = ()

    def __str__(self) -> str:
        return "{{end}}"


class ElseNode(Node):
    __slots__ = ()

    def __init__(self, pos: int, tree: Tree | None, line: int) -> None:
        super().__init__(pos, tree)

    def __str__(self) -> str:
        return "{{else}}"


class BranchNode(Node):
    __slots__ = ("pipe", "list", "else_list")
    keyword = ""

    def __init__(
        self,
        pos: int,
        tree: Tree | None,
        line: int,
        pipe: PipeNode,
        list_: ListNode,
        else_list: ListNode | None,
    ) -> None:
        super().__init__(pos, tree)
        self.pipe = pipe
        self.list = list_
        self.else_list = else_list

    def __str__(self) -> str:
        s = "{{" + self.keyword + " " + str(self.pipe) + "}}" + str(self.list)
        if self.else_list is not None:
            s += "{{else}}" + str(self.else_list)
        return s + "{{end}}"


class IfNode(BranchNode):
    __slots__ = ()
    keyword = "if"


class RangeNode(BranchNode):
    __slots__ = ()
    keyword = "range"


class WithNode(BranchNode):
    __slots__ = ()
    keyword = "with"


class BreakNode(Node):
    __slots__ = ()

    def __init__(self, pos: int, tree: Tree | None, line: int) -> None:
        super().__init__(pos, tree)

    def __str__(self) -> str:
        return "{{break}}"


class ContinueNode(Node):
    __slots__ = ()

    def __init__(self, pos: int, tree: Tree | None, line: int) -> None:
        super().__init__(pos, tree)

    def __str__(self) -> str:
        return "{{continue}}"


class TemplateNode(Node):
    __slots__ = ("name", "pipe")

    def __init__(
        self, pos: int, tree: Tree | None, line: int, name: str, pipe: PipeNode | None
    ) -> None:
        super().__init__(pos, tree)
        self.name = name
        self.pipe = pipe

    def __str__(self) -> str:
        from .gofmt import go_quote

        if self.pipe is None:
            return "{{template " + go_quote(self.name) + "}}"
        return "{{template " + go_quote(self.name) + " " + str(self.pipe) + "}}"


def is_empty_tree(n: Node | None) -> bool:
    """Only whitespace text and comments: such a definition never replaces another."""
    if n is None:
        return True
    if isinstance(n, ListNode):
        return all(is_empty_tree(x) for x in n.nodes)
    if isinstance(n, TextNode):
        return n.text.strip() == ""
    if isinstance(n, CommentNode):
        return True
    return False
