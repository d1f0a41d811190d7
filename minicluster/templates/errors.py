"""Errors of the template engine.

Inside the engine, errors are Go-shaped: `GoError.text` is what Go's `err.Error()` returns and
`GoError.cause` what `errors.Unwrap` returns, so Helm's error rewriting (which walks the unwrap
chain) can be reproduced. At the boundary (`engine.render`) they become a `RenderError` carrying
Helm's final message.
"""

from __future__ import annotations

from minicluster.core.errors import MiniclusterError


class GoError(Exception):
    """A Go error value: `text` is its message, `cause` the wrapped error (or None)."""

    def __init__(self, text: str, cause: BaseException | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.cause = cause

    def __str__(self) -> str:
        return self.text

    def chain(self) -> list[str]:
        """Messages along the unwrap chain, outermost first (what Helm 4 walks)."""
        out = list(self.links())
        c = self.cause
        while c is not None:
            if isinstance(c, GoError):
                out.extend(c.links())
                c = c.cause
            else:
                out.append(str(c))
                break
        return out

    def links(self) -> list[str]:
        return [self.text]


class TemplateParseError(GoError):
    """`template: NAME:LINE: MESSAGE`."""


class TemplateExecError(GoError):
    """text/template's ExecError: it and its inner error both print the same text."""

    def links(self) -> list[str]:
        return [self.text, self.text]


class RenderError(MiniclusterError):
    """A chart's templates failed to render; `message` is Helm's text."""


class RenderLimitError(RenderError):
    """Rendering exceeded a safety bound (steps, output size, include depth)."""
