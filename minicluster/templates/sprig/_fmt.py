"""Go fmt %v printing for Sprig, taken from the engine's gofmt module once it exists.

The engine owns fmt (`templates/gofmt.py`: go_sprint / go_sprintf). Until it lands, a small
fallback covers the values Sprig functions print (scalars, lists, maps, Stringers) so this
package stays importable and testable on its own.
"""

from __future__ import annotations

from typing import Any

from ._floatfmt import format_g


def _fallback_sprint(value: Any) -> str:
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return format_g(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return "[" + " ".join(str(b) for b in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return (
            "map["
            + " ".join(f"{_fallback_sprint(k)}:{_fallback_sprint(v)}" for k, v in items)
            + "]"
        )
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(_fallback_sprint(v) for v in value) + "]"
    stringer = getattr(value, "String", None)
    if callable(stringer):
        return str(stringer())
    return str(value)


try:  # pragma: no cover - depends on which modules have landed
    from minicluster.templates.gofmt import go_sprint as _engine_sprint  # type: ignore[attr-defined]
    from minicluster.templates.gofmt import go_sprintf as _engine_sprintf  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _engine_sprint = None
    _engine_sprintf = None


def sprint(value: Any) -> str:
    """fmt.Sprint of one value (%v)."""
    if _engine_sprint is not None:
        return _engine_sprint(value)
    return _fallback_sprint(value)


def sprintf(fmt: str, *args: Any) -> str:
    """fmt.Sprintf; the fallback only understands %v, %s, %d and %%."""
    if _engine_sprintf is not None:
        return _engine_sprintf(fmt, *args)
    out: list[str] = []
    it = iter(args)
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%" and i + 1 < len(fmt):
            verb = fmt[i + 1]
            out.append("%" if verb == "%" else _fallback_sprint(next(it, None)))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
