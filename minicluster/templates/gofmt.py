"""Go's fmt package (Sprint, Sprintln, Sprintf) and strconv float/quote formatting.

Values follow the mapping of gotypes.py. Public entry points used outside the engine:
`go_sprint(*args)`, `go_sprintln(*args)`, `go_sprintf(format, *args)`, `format_float(f, verb, prec)`,
`go_quote(s)` and `go_type_of(value)`.
"""

from __future__ import annotations

import math
import re
import struct
from decimal import Decimal
from typing import Any

from .gotypes import GoInt, GoStruct, go_type_name

_PLAIN_TYPES = (type(None), bool, int, float, str, bytes, list, dict, complex)


def go_type_of(value: Any) -> str:
    """`%T`: named types (GoStruct, GoInt, StringSlice, dict/list subclasses) carry `go_type`."""
    t = type(value)
    if t not in _PLAIN_TYPES:
        name = getattr(t, "go_type", None)
        if isinstance(name, str):
            return name
    if isinstance(value, complex):
        return "complex128"
    return go_type_name(value)


# ---------------------------------------------------------------- floats (strconv.FormatFloat)


def _digits(f: float) -> tuple[str, int]:
    """Shortest round-tripping decimal digits of a positive finite float and the position of
    the decimal point (value = 0.DIGITS x 10^dp), as strconv computes them."""
    sign, digits, exp = Decimal(repr(f)).as_tuple()
    ds = "".join(map(str, digits))
    dp = len(ds) + int(exp)
    stripped = ds.rstrip("0")
    if not stripped:
        return "", 0
    return stripped, dp


def _exp_suffix(exp: int, upper: bool) -> str:
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    return ("E" if upper else "e") + sign + (f"{exp:02d}")


def _fmt_e_digits(ds: str, dp: int, prec: int, upper: bool) -> str:
    # prec < 0: all digits (shortest form)
    if not ds:
        ds, dp = "0", 1
    first = ds[0]
    rest = ds[1:] if prec < 0 else ds[1:].ljust(prec, "0")[:prec]
    out = first + ("." + rest if rest else "")
    return out + _exp_suffix(dp - 1 if ds != "0" else 0, upper)


def _fmt_f_digits(ds: str, dp: int, prec: int) -> str:
    if not ds:
        ds, dp = "0", 1
    if dp <= 0:
        intpart = "0"
        frac = "0" * (-dp) + ds
    elif dp >= len(ds):
        intpart = ds + "0" * (dp - len(ds))
        frac = ""
    else:
        intpart = ds[:dp]
        frac = ds[dp:]
    if prec >= 0:
        frac = frac.ljust(prec, "0")[:prec]
    return intpart + ("." + frac if frac else "")


def format_float(f: float, verb: str = "g", prec: int = -1) -> str:
    """strconv.FormatFloat(f, verb, prec, 64) for verbs e E f F g G (prec -1 = shortest)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    neg = math.copysign(1.0, f) < 0
    a = -f if neg else f
    sign = "-" if neg else ""
    upper = verb in "EG"
    v = verb.lower()
    if prec < 0:
        ds, dp = _digits(a) if a != 0 else ("", 0)
        if v == "e":
            return sign + _fmt_e_digits(ds, dp, -1, upper)
        if v == "f":
            return sign + _fmt_f_digits(ds, dp, -1)
        # g shortest: exponent form when exp < -4 || exp >= 6 (Go uses 6 for the shortest form)
        exp = dp - 1
        if ds and (exp < -4 or exp >= 6):
            return sign + _fmt_e_digits(ds, dp, -1, upper)
        return sign + _fmt_f_digits(ds, dp, max(len(ds) - dp, 0) if ds else 0)
    if v == "e":
        return sign + (f"%.{prec}{'E' if upper else 'e'}" % a)
    if v == "f":
        return sign + (f"%.{prec}f" % a)
    # g with explicit precision: same decisions as C's %g (Python matches Go here)
    p = prec if prec > 0 else 1
    return sign + (f"%.{p}{'G' if upper else 'g'}" % a)


def format_float32(f: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 32): the value is first rounded to a float32, then the
    shortest text that reads back as that float32 is written (Chart.yaml numbers, YAML keys)."""
    f32 = _as_float32(f)
    if math.isnan(f32) or math.isinf(f32) or f32 == 0:
        return format_float(f32)
    for precision in range(1, 10):
        text = f"{f32:.{precision}g}"
        if _as_float32(float(text)) == f32:
            return format_float(float(text))
    return format_float(f32)  # pragma: no cover - nine digits always identify a float32


def _as_float32(f: float) -> float:
    try:
        return float(struct.unpack("f", struct.pack("f", f))[0])
    except OverflowError:  # beyond float32's range Go's conversion gives an infinity
        return math.copysign(math.inf, f)


def _format_complex(c: complex, verb: str, prec: int) -> str:
    re = format_float(c.real, verb, prec)
    im = format_float(c.imag, verb, prec)
    if not im.startswith(("-", "+")):
        im = "+" + im
    return f"({re}{im}i)"


# ---------------------------------------------------------------- strconv.Quote


def _is_print(ch: str) -> bool:
    return ch == " " or (ch.isprintable() and ch not in "\u00ad")


def go_quote(s: str, ascii_only: bool = False, quote: str = '"') -> str:
    """strconv.Quote (or QuoteToASCII / QuoteRune with quote="'")."""
    out = [quote]
    for ch in s:
        o = ord(ch)
        if ch == quote or ch == "\\":
            out.append("\\" + ch)
        elif (o < 0x80 or not ascii_only) and _is_print(ch):
            out.append(ch)
        elif ch == "\a":
            out.append("\\a")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\v":
            out.append("\\v")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\ufffd")
        elif o < 0x10000:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    out.append(quote)
    return "".join(out)


def _can_backquote(s: str) -> bool:
    for ch in s:
        if ch == "`" or ch == "\ufeff":
            return False
        if ch != "\t" and (ord(ch) < 0x20 or ord(ch) == 0x7F):
            return False
    return True


# ---------------------------------------------------------------- the printer


class _Spec:
    __slots__ = ("minus", "plus", "sharp", "space", "zero", "width", "prec", "plus_v", "sharp_v")

    def __init__(self) -> None:
        self.minus = self.plus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.width = -1
        self.prec = -1


_DEFAULT = _Spec()
_FAKE_ADDRESS = "0xc000010000"


def _pad(s: str, spec: _Spec, numeric: bool = False) -> str:
    w = spec.width
    if w < 0 or len(s) >= w:
        return s
    n = w - len(s)
    if spec.minus:
        return s + " " * n
    if spec.zero and numeric:
        # zeros go after the sign
        if s[:1] in "+- ":
            return s[0] + "0" * n + s[1:]
        return "0" * n + s
    if spec.zero and not numeric:
        return "0" * n + s
    return " " * n + s


def _bad_verb(verb: str, value: Any, spec: _Spec = _DEFAULT) -> str:
    # the value is printed with %v but keeps the flags, width and precision of the bad verb
    if value is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({go_type_of(value)}={_print(value, 'v', spec, 0)})"


def _fmt_int(n: int, verb: str, spec: _Spec) -> str:
    if verb in ("v", "d"):
        digits = str(abs(n))
        base_prefix = ""
    elif verb == "b":
        digits = format(abs(n), "b")
        base_prefix = "0b" if spec.sharp else ""
    elif verb == "o":
        digits = format(abs(n), "o")
        base_prefix = "0" if spec.sharp and digits[:1] != "0" else ""
    elif verb == "O":
        digits = format(abs(n), "o")
        base_prefix = "0o"
    elif verb == "x":
        digits = format(abs(n), "x")
        base_prefix = "0x" if spec.sharp else ""
    elif verb == "X":
        digits = format(abs(n), "X")
        base_prefix = "0X" if spec.sharp else ""
    elif verb == "c":
        return _pad(_rune(n), spec)
    elif verb == "q":
        return _pad(go_quote(_rune(n), spec.plus, "'"), spec)
    elif verb == "U":
        s = f"U+{n:04X}" if n >= 0 else f"U+{n & 0xFFFFFFFFFFFFFFFF:04X}"
        if spec.sharp and 0 <= n <= 0x10FFFF and _is_print(chr(n)):
            s += " '" + chr(n) + "'"
        return _pad(s, spec)
    else:
        return _bad_verb(verb, n, spec)
    if spec.prec >= 0:
        if spec.prec == 0 and n == 0:
            digits = ""
        digits = digits.rjust(spec.prec, "0")
    elif spec.zero and not spec.minus and spec.width > 0:
        sign_len = 1 if (n < 0 or spec.plus or spec.space) else 0
        digits = digits.rjust(spec.width - sign_len - len(base_prefix), "0")
    if n < 0:
        sign = "-"
    elif spec.plus:
        sign = "+"
    elif spec.space:
        sign = " "
    else:
        sign = ""
    s = sign + base_prefix + digits
    if spec.width > len(s):
        n_pad = spec.width - len(s)
        s = s + " " * n_pad if spec.minus else " " * n_pad + s
    return s


def _rune(n: int) -> str:
    if 0 <= n <= 0x10FFFF and not (0xD800 <= n <= 0xDFFF):
        return chr(n)
    return "\ufffd"


def _hex_float(f: float, verb: str, prec: int) -> str:
    """strconv 'x' format: 0x1.8p+01."""
    if math.isnan(f) or math.isinf(f):
        return format_float(f)
    sign = "-" if math.copysign(1.0, f) < 0 else ""
    a = abs(f)
    if a == 0:
        mant, exp = "0", 0
        frac = ""
    else:
        h = a.hex()  # 0x1.8000000000000p+1
        body, e = h[2:].split("p")
        mant, _, frac = body.partition(".")
        exp = int(e)
        if mant == "0":  # subnormal: normalise like Go
            m, ex = math.frexp(a)
            mant_int = int(m * 2**53)
            exp = ex - 1
            h2 = f"{mant_int:x}"
            mant, frac = h2[0], h2[1:]
    frac = frac.rstrip("0")
    if prec >= 0:
        if len(frac) > prec:
            # round half to even on the hex digits
            full = int(mant + frac, 16)
            shift = 4 * (len(frac) - prec)
            q, r = divmod(full, 1 << shift)
            half = 1 << (shift - 1)
            if r > half or (r == half and q & 1):
                q += 1
            digits = f"{q:x}"
            if len(digits) > 1 + prec:  # carried into a new leading digit
                q >>= 1
                exp += 1
                digits = f"{q:x}"
            mant, frac = digits[0], digits[1:]
        else:
            frac = frac.ljust(prec, "0")
    out = "0x" + mant + ("." + frac if frac else "") + "p" + ("+" if exp >= 0 else "-") + f"{abs(exp):02d}"
    out = sign + out
    return out.upper().replace("0X", "0X") if verb == "X" else out


def _fmt_float(f: float, verb: str, spec: _Spec) -> str:
    if verb == "v":
        verb = "g"
    if verb in ("x", "X"):
        s = _hex_float(f, verb, spec.prec)
        if spec.plus and not s.startswith("-"):
            s = "+" + s
        return _pad(s, spec, numeric=True)
    if verb not in "eEfFgG":
        return _bad_verb(verb, f, spec)
    prec = spec.prec
    if prec < 0 and verb in "eEfF":
        prec = 6
    s = format_float(f, "f" if verb == "F" else verb, prec)
    if spec.plus and not s.startswith(("-", "+")):
        s = "+" + s
    elif spec.space and not s.startswith(("-", "+")):
        s = " " + s
    if math.isinf(f) or math.isnan(f):
        saved = spec.zero
        spec.zero = False
        out = _pad(s, spec)
        spec.zero = saved
        return out
    return _pad(s, spec, numeric=True)


def _fmt_str(s: str, verb: str, spec: _Spec) -> str:
    if verb == "v" and spec.sharp_v:
        return _pad(go_quote(s), spec)
    if verb in ("v", "s"):
        if spec.prec >= 0:
            s = s[: spec.prec]
        return _pad(s, spec)
    if verb == "q":
        if spec.sharp and _can_backquote(s):
            return _pad("`" + s + "`", spec)
        return _pad(go_quote(s, spec.plus), spec)
    if verb in ("x", "X"):
        data = s.encode("utf-8")
        if spec.prec >= 0:
            data = data[: spec.prec]
        return _pad(_hex_bytes(data, verb, spec), spec)
    return _bad_verb(verb, s, spec)


def _hex_bytes(data: bytes, verb: str, spec: _Spec) -> str:
    h = data.hex()
    if verb == "X":
        h = h.upper()
    if spec.space:
        prefix = ("0x" if verb == "x" else "0X") if spec.sharp else ""
        return " ".join(prefix + h[i : i + 2] for i in range(0, len(h), 2))
    if spec.sharp and h:
        return ("0x" if verb == "x" else "0X") + h
    return h


def _struct_fields(value: Any) -> list[tuple[str, Any]]:
    names = getattr(type(value), "go_fields", None)
    if names is None:
        names = [k for k in vars(value) if k[:1].isupper()]
    return [(n, getattr(value, n, None)) for n in names]


def _stringer(value: Any, addressable: bool = False) -> Any:
    """The Error or String method fmt would call. Methods a type declares in
    `go_pointer_methods` have pointer receivers: fmt, handed a copy of the value, does not see
    them; text/template's own printing of an addressable value (a field) does."""
    pointer_only = getattr(type(value), "go_pointer_methods", ())
    for name in ("Error", "String"):
        if name in pointer_only and not addressable:
            continue
        m = getattr(value, name, None)
        if callable(m):
            return m
    return None


def addressable_stringer(value: Any) -> Any:
    """The String/Error method text/template uses when it prints a value it can address."""
    return _stringer(value, addressable=True) if isinstance(value, GoStruct) else None


def _print(value: Any, verb: str, spec: _Spec, depth: int) -> str:
    """printArg/printValue: format one operand for one verb."""
    if verb == "T":
        return _pad(go_type_of(value), spec)
    if value is None:
        if verb == "v":
            return _pad("<nil>", spec)
        return _bad_verb(verb, None)
    t = type(value)
    if t is str:
        return _fmt_str(value, verb, spec)
    if t is bool:
        if verb in ("v", "t"):
            return _pad("true" if value else "false", spec)
        return _bad_verb(verb, value, spec)
    if t is int or isinstance(value, int) and not isinstance(value, bool):
        if verb in "eEfFgG" and verb != "v":
            return _bad_verb(verb, value, spec)
        if verb == "s":
            return _bad_verb(verb, value, spec)
        if verb == "t":
            return _bad_verb(verb, value, spec)
        return _fmt_int(int(value), verb, spec)
    if t is float:
        return _fmt_float(value, verb, spec)
    if isinstance(value, str):
        # named string types
        return _fmt_str(str(value), verb, spec)
    if isinstance(value, GoStruct) or not isinstance(value, _PLAIN_TYPES):
        if depth > 0 and str(getattr(type(value), "go_type", "")).startswith("*"):
            # Go prints a nested pointer as its address; any fixed address-like text will do
            return _pad(_FAKE_ADDRESS, spec)
        if verb in ("v", "s", "q") and not spec.sharp_v:
            m = _stringer(value)
            if m is not None and depth == 0:
                return _fmt_str(str(m()), "s" if verb == "v" else verb, spec)
        if isinstance(value, (list, dict, bytes)):
            pass
        else:
            fields = _struct_fields(value)
            go_type = str(getattr(type(value), "go_type", ""))
            pointer = "&" if go_type.startswith("*") else ""
            if spec.sharp_v:
                inner = ", ".join(f"{n}:{_print(v, verb, spec, depth + 1)}" for n, v in fields)
                return pointer + go_type.lstrip("*") + "{" + inner + "}"
            if spec.plus_v:
                inner = " ".join(f"{n}:{_print(v, verb, spec, depth + 1)}" for n, v in fields)
            else:
                inner = " ".join(_print(v, verb, spec, depth + 1) for _, v in fields)
            return pointer + "{" + inner + "}"
    if isinstance(value, bytes):
        if verb == "s":
            return _fmt_str(value.decode("utf-8", "replace"), "s", spec)
        if verb == "q":
            return _fmt_str(value.decode("utf-8", "replace"), "q", spec)
        if verb in ("x", "X"):
            return _pad(_hex_bytes(value, verb, spec), spec)
        return "[" + " ".join(_fmt_int(b, "d" if verb == "v" else verb, spec) for b in value) + "]"
    if isinstance(value, list):
        if spec.sharp_v:
            return (go_type_of(value) + "{"
                    + ", ".join(_print(v, verb, spec, depth + 1) for v in value) + "}")
        return "[" + " ".join(_print(v, verb, spec, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        parts = []
        for k in sorted_keys(value):
            parts.append(_print(k, verb, spec, depth + 1) + ":" + _print(value[k], verb, spec, depth + 1))
        if spec.sharp_v:
            return go_type_of(value) + "{" + ", ".join(parts) + "}"
        return "map[" + " ".join(parts) + "]"
    if isinstance(value, complex):
        if verb == "v":
            verb = "g"
        if verb not in "eEfFgG":
            return _bad_verb(verb, value, spec)
        return _pad(_format_complex(value, verb, spec.prec), spec)
    if isinstance(value, tuple):
        return "[" + " ".join(_print(v, verb, spec, depth + 1) for v in value) + "]"
    return _pad(str(value), spec)


def _key_rank(k: Any) -> tuple:
    if isinstance(k, bool):
        return (0, int(k), "")
    if isinstance(k, (int, float)):
        return (1, k, "")
    if isinstance(k, str):
        return (2, 0, k)
    return (3, 0, str(k))


def sorted_keys(d: dict) -> list:
    """internal/fmtsort order: strings byte-wise (= code point order), numbers numerically."""
    keys = list(d)
    if all(type(k) is str for k in keys):
        keys.sort()
        return keys
    keys.sort(key=_key_rank)
    return keys


def go_sprint(*args: Any) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    if len(args) == 1:
        a = args[0]
        if type(a) is str:
            return a
        return _print(a, "v", _DEFAULT, 0)
    out = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(_print(a, "v", _DEFAULT, 0))
        prev_string = is_string
    return "".join(out)


def go_sprintln(*args: Any) -> str:
    return " ".join(_print(a, "v", _DEFAULT, 0) for a in args) + "\n"


def _parse_num(fmt: str, i: int, end: int) -> tuple[int, bool, int]:
    if i >= end or not fmt[i].isdigit():
        return 0, False, i
    n = 0
    while i < end and fmt[i].isdigit():
        if n > 1_000_000:
            return 0, False, end
        n = n * 10 + (ord(fmt[i]) - 48)
        i += 1
    return n, True, i


def _arg_index(fmt: str, i: int, end: int, arg_num: int, nargs: int) -> tuple[int, int, bool, bool]:
    """Parse `[n]`: returns (argNum, i, ok, found)."""
    if i >= end or fmt[i] != "[":
        return arg_num, i, True, False
    j = i + 1
    while j < end and fmt[j] != "]":
        j += 1
    if j >= end:
        return arg_num, i + 1, False, True
    n, ok, k = _parse_num(fmt, i + 1, j)
    if not ok or k != j or n < 1 or n > nargs:
        return arg_num, j + 1, False, True
    return n - 1, j + 1, True, True


_PLAIN_VERBS = re.compile(r"%([a-zA-Z%])")
_FAST_CACHE: dict[str, list[str] | None] = {}


def _fast_sprintf(fmt: str, args: tuple) -> str | None:
    """Formats made only of bare %s/%v/%d with strings and ints: the common case in charts."""
    parts = _FAST_CACHE.get(fmt, _ABSENT_PARTS)
    if parts is _ABSENT_PARTS:
        pieces = _PLAIN_VERBS.split(fmt)
        ok = all(v in ("s", "v", "d") for v in pieces[1::2]) and "%" not in "".join(pieces[0::2])
        parts = pieces if ok else None
        if len(_FAST_CACHE) < 4096:
            _FAST_CACHE[fmt] = parts
    if parts is None or len(parts) // 2 != len(args):
        return None
    out = [parts[0]]
    for i, a in enumerate(args):
        verb = parts[2 * i + 1]
        t = type(a)
        if t is str and verb != "d":
            out.append(a)
        elif t is int and verb != "s":
            out.append(str(a))
        else:
            return None
        out.append(parts[2 * i + 2])
    return "".join(out)


_ABSENT_PARTS: list[str] = ["<absent>"]


def go_sprintf(fmt: str, *args: Any) -> str:
    """fmt.Sprintf with Go's verbs, flags, width, precision, `*` and `[n]` indexes, and its
    error notations (%!v(MISSING), %!(EXTRA ...), %!(NOVERB), %!d(string=x))."""
    fast = _fast_sprintf(fmt, args)
    if fast is not None:
        return fast
    out: list[str] = []
    end = len(fmt)
    arg_num = 0
    reordered = False
    i = 0
    nargs = len(args)
    while i < end:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        if j > i:
            out.append(fmt[i:j])
        i = j + 1
        spec = _Spec()
        # flags
        while i < end:
            c = fmt[i]
            if c == "#":
                spec.sharp = True
            elif c == "0":
                spec.zero = True
            elif c == "+":
                spec.plus = True
            elif c == "-":
                spec.minus = True
            elif c == " ":
                spec.space = True
            else:
                break
            i += 1
        after_index = False
        arg_num, i, ok_idx, found = _arg_index(fmt, i, end, arg_num, nargs)
        if found:
            reordered = True
            after_index = True
        bad_index = not ok_idx
        # width
        if i < end and fmt[i] == "*":
            i += 1
            if arg_num < nargs and isinstance(args[arg_num], int) and not isinstance(args[arg_num], bool):
                spec.width = int(args[arg_num])
                if spec.width < 0:
                    spec.minus = True
                    spec.width = -spec.width
                arg_num += 1
            else:
                out.append("%!(BADWIDTH)")
                arg_num += 1
            after_index = False
        else:
            w, ok, i = _parse_num(fmt, i, end)
            if ok:
                spec.width = w
                if after_index:
                    bad_index = True
        # precision
        if i + 1 <= end and i < end and fmt[i] == ".":
            i += 1
            if after_index:
                bad_index = True
            arg_num, i, ok_idx2, found2 = _arg_index(fmt, i, end, arg_num, nargs)
            if found2:
                reordered = True
                after_index = True
                if not ok_idx2:
                    bad_index = True
            if i < end and fmt[i] == "*":
                i += 1
                if arg_num < nargs and isinstance(args[arg_num], int) and not isinstance(args[arg_num], bool):
                    spec.prec = int(args[arg_num])
                    if spec.prec < 0:
                        spec.prec = -1
                        out.append("%!(BADPREC)")
                    arg_num += 1
                else:
                    out.append("%!(BADPREC)")
                    arg_num += 1
                after_index = False
            else:
                p, ok, i = _parse_num(fmt, i, end)
                spec.prec = p if ok else 0
        if not after_index:
            arg_num, i, ok_idx3, found3 = _arg_index(fmt, i, end, arg_num, nargs)
            if found3:
                reordered = True
                if not ok_idx3:
                    bad_index = True
        if i >= end:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        i += 1
        if verb == "%":
            out.append("%")
            continue
        if bad_index:
            out.append(f"%!{verb}(BADINDEX)")
            continue
        if arg_num >= nargs:
            out.append(f"%!{verb}(MISSING)")
            continue
        if verb == "w":
            verb = "v"
        if verb == "v":
            if spec.sharp:
                spec.sharp = False
                spec.sharp_v = True
            if spec.plus:
                spec.plus = False
                spec.plus_v = True
        if spec.minus:
            spec.zero = False
        value = args[arg_num]
        arg_num += 1
        if verb not in "vTtbcdoOqxXUeEfFgGsp":
            out.append(_bad_verb(verb, value, spec))
            continue
        out.append(_print(value, verb, spec, 0))
    if not reordered and arg_num < nargs:
        extra = []
        for a in args[arg_num:]:
            if a is None:
                extra.append("<nil>")
            else:
                extra.append(go_type_of(a) + "=" + _print(a, "v", _DEFAULT, 0))
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)


def is_go_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


__all__ = [
    "GoInt",
    "format_float",
    "go_quote",
    "go_sprint",
    "go_sprintf",
    "go_sprintln",
    "go_type_of",
    "sorted_keys",
]
