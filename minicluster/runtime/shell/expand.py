"""Word expansion: parameters, command substitution, arithmetic, field splitting, globbing and
quote removal, in POSIX order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arith import Arithmetic
from .ast import Arith, CommandSub, DoubleQuoted, Escaped, Lit, Param, Part, SingleQuoted, Word
from .errors import ShellError
from .patterns import chunks_to_pattern, has_magic, pattern_regex

if TYPE_CHECKING:
    from .interp import Shell

# A piece of an expanded word: (text, quoted, may be field-split). BREAK separates the fields
# "$@" produces.
Piece = tuple[str, bool, bool]
BREAK: Piece = ("", False, False)
DEFAULT_IFS = " \t\n"


def expand_fields(sh: Shell, words: list[Word]) -> list[str]:
    out: list[str] = []
    for word in words:
        parts = word.parts
        if len(parts) == 1 and type(parts[0]) is Lit:
            text = parts[0].text
            if not any(c in text for c in "*?[~"):
                out.append(text)  # the common case: a plain word expands to itself
                continue
        out.extend(_word_fields(sh, word))
    return out


def expand_string(sh: Shell, word: Word) -> str:
    """No field splitting, no globbing: assignments, redirection targets, case subjects."""
    return "".join(" " if p is BREAK else p[0] for p in _pieces(sh, word.parts, False, tilde=True))


def expand_pattern(sh: Shell, word: Word) -> str:
    chunks = [(p[0], p[1]) for p in _pieces(sh, word.parts, False) if p is not BREAK]
    return chunks_to_pattern(chunks)


def expand_heredoc(sh: Shell, word: Word) -> str:
    return "".join(" " if p is BREAK else p[0] for p in _pieces(sh, word.parts, True))


def _word_fields(sh: Shell, word: Word) -> list[str]:
    pieces = _pieces(sh, word.parts, False, tilde=True)
    ifs = sh.get_var("IFS")
    if ifs is None:
        ifs = DEFAULT_IFS
    fields = _split(pieces, ifs)
    result: list[str] = []
    for chunks in fields:
        if not sh.options.get("noglob") and has_magic(chunks):
            matches = glob(sh, chunks_to_pattern(chunks))
            if matches:
                result.extend(matches)
                continue
        result.append("".join(text for text, _ in chunks))
    return result


def _split(pieces: list[Piece], ifs: str) -> list[list[tuple[str, bool]]]:
    ifs_ws = "".join(c for c in ifs if c in " \t\n")
    fields: list[list[tuple[str, bool]]] = []
    cur: list[tuple[str, bool]] = []
    has = False
    absorbed = False
    for piece in pieces:
        if piece is BREAK:
            fields.append(cur)
            cur, has, absorbed = [], False, False
            continue
        text, quoted, splittable = piece
        if not splittable or not ifs:
            if text or quoted:
                cur.append((text, quoted))
                has = True
                absorbed = False
            continue
        buf: list[str] = []
        for ch in text:
            if ch not in ifs:
                buf.append(ch)
                continue
            if buf:
                cur.append(("".join(buf), False))
                buf = []
                has = True
            if ch in ifs_ws:
                if has:
                    fields.append(cur)
                    cur, has = [], False
                    absorbed = True
            else:
                if has or not absorbed:
                    fields.append(cur)
                    cur, has = [], False
                absorbed = False
        if buf:
            cur.append(("".join(buf), False))
            has = True
            absorbed = False
    if has:
        fields.append(cur)
    return fields


def _pieces(sh: Shell, parts: list[Part], quoted: bool, tilde: bool = False) -> list[Piece]:
    out: list[Piece] = []
    for index, part in enumerate(parts):
        if isinstance(part, Lit):
            text = part.text
            if tilde and index == 0 and not quoted and text.startswith("~"):
                head, sep, tail = text.partition("/")
                if head == "~":
                    text = (sh.get_var("HOME") or "/") + sep + tail
            out.append((text, quoted, False))
        elif isinstance(part, (SingleQuoted, Escaped)):
            out.append((part.text, True, False))
        elif isinstance(part, DoubleQuoted):
            inner = _pieces(sh, part.parts, True)
            has_at = any(isinstance(p, Param) and p.name == "@" and not p.op for p in part.parts)
            if not has_at:
                out.append(("", True, False))
            out.extend(inner)
        elif isinstance(part, Param):
            out.extend(_param(sh, part, quoted))
        elif isinstance(part, CommandSub):
            out.append((sh.command_substitution(part), quoted, not quoted))
        elif isinstance(part, Arith):
            text = expand_heredoc(sh, part.expr)
            try:
                value = Arithmetic(text, sh.get_var, sh.set_var_checked,
                                   power=sh.dialect.name != "dash").evaluate()
            except ShellError as err:
                if sh.dialect.name == "ash" and err.message.startswith("arithmetic expression"):
                    if not text.strip():
                        value = 0  # BusyBox takes an empty expression as 0
                    elif "division by zero" in err.message:
                        raise ShellError("divide by zero") from None
                    else:
                        raise ShellError("arithmetic syntax error") from None
                else:
                    raise
            out.append((str(value), quoted, not quoted))
    return out


def _param(sh: Shell, part: Param, quoted: bool) -> list[Piece]:
    name, op = part.name, part.op
    if op == "bad":
        raise ShellError("Bad substitution")
    if name in ("@", "*") and op in ("", "len"):
        params = sh.positional
        if op == "len":
            return [(str(len(params)), quoted, not quoted)]
        if quoted and name == "*":
            ifs = sh.get_var("IFS")
            sep = " " if ifs is None else ifs[:1]
            return [(sep.join(params), True, False)]
        out: list[Piece] = []
        for i, param in enumerate(params):
            if i:
                out.append(BREAK)
            out.append((param, quoted, not quoted))
        return out
    value = sh.param_value(name)
    if op == "substr" or op.startswith("/"):
        if value is None:
            _check_set(sh, name)
            value = ""
        return [(_bash_operation(sh, part, value), quoted, not quoted)]
    if op == "len":
        if value is None:
            _check_set(sh, name)
        return [(str(len(value or "")), quoted, not quoted)]
    if op in ("", "%", "%%", "#", "##"):
        if value is None:
            _check_set(sh, name)
            value = ""
        if op:
            assert part.arg is not None
            pattern = expand_pattern(sh, part.arg)
            value = remove_affix(value, pattern, op)
        return [(value, quoted, not quoted)]
    colon = op.startswith(":")
    unset = value is None or (colon and value == "")
    kind = op[-1]
    assert part.arg is not None
    if kind == "-":
        if unset:
            return _arg_pieces(sh, part.arg, quoted)
    elif kind == "=":
        if unset:
            new = expand_string(sh, part.arg)
            if not sh.is_assignable(name):
                raise ShellError(f"{name}: bad variable name" if name.isdigit() else f"{name}: is read only")
            sh.set_var_checked(name, new)
            return [(new, quoted, not quoted)]
    elif kind == "?":
        if unset:
            msg = expand_string(sh, part.arg)
            if not msg:
                msg = "parameter not set or null" if colon else "parameter not set"
            raise ShellError(f"{name}: {msg}")
    elif kind == "+":
        return [] if unset else _arg_pieces(sh, part.arg, quoted)
    return [(value or "", quoted, not quoted)]


def _bash_operation(sh: Shell, part: Param, value: str) -> str:
    """${V:offset:length} and ${V/pattern/replacement} (bash and BusyBox ash only)."""
    assert part.arg is not None
    if part.op == "substr":
        def number(word: Word) -> int:
            text = expand_heredoc(sh, word)
            return Arithmetic(text, sh.get_var, sh.set_var_checked, power=True).evaluate() if text.strip() else 0

        offset = number(part.arg)
        if offset < 0:
            offset = max(0, len(value) + offset)
        if part.arg2 is None:
            return value[offset:]
        length = number(part.arg2)
        end = offset + length if length >= 0 else len(value) + length
        return value[offset:max(offset, end)]
    pattern = expand_pattern(sh, part.arg)
    replacement = expand_string(sh, part.arg2) if part.arg2 is not None else ""
    rx = pattern_regex(pattern, anchored=False)
    if part.op == "/#":
        m = rx.match(value)
        return replacement + value[m.end():] if m and m.group(0) else value
    if part.op == "/%":
        for start in range(len(value) + 1):
            if pattern_regex(pattern).match(value[start:]):
                return value[:start] + replacement
        return value
    return rx.sub(lambda m: replacement, value, count=0 if part.op == "//" else 1)


def _arg_pieces(sh: Shell, word: Word, quoted: bool) -> list[Piece]:
    pieces = _pieces(sh, word.parts, quoted)
    if quoted:
        return [p if p is BREAK else (p[0], True, False) for p in pieces]
    return pieces


def _check_set(sh: Shell, name: str) -> None:
    if sh.options.get("nounset") and name not in ("@", "*", "#", "?", "-", "$", "!", "0"):
        raise ShellError(f"{name}: parameter not set")


def remove_affix(value: str, pattern: str, op: str) -> str:
    from .patterns import remove_affix as _remove

    return _remove(value, pattern, op)


def glob(sh: Shell, pattern: str) -> list[str]:
    """Pathname expansion on the container's filesystem; hidden files need a leading dot."""
    fs = sh.fs
    absolute = pattern.startswith("/")
    segments = [s for s in pattern.split("/") if s]
    candidates = ["/" if absolute else ""]
    for seg in segments:
        new: list[str] = []
        magic = any(c in seg.replace("\\*", "").replace("\\?", "").replace("\\[", "") for c in "*?[")
        for base in candidates:
            dir_path = base or "."
            if not magic:
                literal = _unescape(seg)
                path = _join(base, literal)
                if fs.exists(path, sh.cwd) or fs.try_lookup(path, sh.cwd, follow=False) is not None:
                    new.append(path)
                continue
            if not fs.is_dir(dir_path, sh.cwd):
                continue
            rx = pattern_regex(seg)
            names = fs.listdir(dir_path, sh.cwd)
            if seg.startswith((".", "\\.")):
                names = [".", "..", *names]
            for name in names:
                if name.startswith(".") and not seg.startswith((".", "\\.")):
                    continue
                if rx.match(name):
                    new.append(_join(base, name))
        candidates = sorted(new)
        if not candidates:
            return []
    if pattern.endswith("/"):
        candidates = [c + "/" for c in candidates if fs.is_dir(c, sh.cwd)]
    return candidates


def _join(base: str, name: str) -> str:
    if not base:
        return name
    return base + name if base.endswith("/") else base + "/" + name


def _unescape(seg: str) -> str:
    out = []
    i = 0
    while i < len(seg):
        if seg[i] == "\\" and i + 1 < len(seg):
            out.append(seg[i + 1])
            i += 2
        else:
            out.append(seg[i])
            i += 1
    return "".join(out)
