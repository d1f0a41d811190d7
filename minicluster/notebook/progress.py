"""A progress line for commands that take a while in real time (a first PostgreSQL start, a
hook that waits out a long backoff): virtual time elapsed and work done, updated a few times a
second, shown only when the command is slow enough to need it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

SHOW_AFTER = 0.7  # real seconds before the line appears
UPDATE_EVERY = 0.25


class _Progress:
    def __init__(self, clock: Any, label: str, display: Any) -> None:
        self.clock = clock
        self.label = label
        self.display = display
        self.started = time.monotonic()
        self.virtual_start = clock.now()
        self.last_update = 0.0
        self.widget: Any = None

    def __call__(self, clock: Any) -> None:
        real = time.monotonic()
        if real - self.started < SHOW_AFTER or real - self.last_update < UPDATE_EVERY:
            return
        self.last_update = real
        text = (f"⏳ {self.label} — {clock.now() - self.virtual_start:.0f}s of virtual time, "
                f"{real - self.started:.1f}s real")
        if self.widget is None:
            self.widget = self.display(text)
        else:
            self.widget.value = text

    def close(self) -> None:
        if self.widget is not None:
            self.widget.close()
            # Leave nothing behind in the saved notebook either.
            handle = getattr(self.widget, "display_handle", None)
            if handle is not None:
                from IPython.display import HTML

                handle.update(HTML(""))


def _widget_display() -> Any:
    """A function that shows a text widget and returns it, or None outside a notebook."""
    try:
        import ipywidgets as widgets
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or shell.__class__.__name__ != "ZMQInteractiveShell":
        return None

    def show(text: str) -> Any:
        label = widgets.Label(value=text)
        label.display_handle = display(label, display_id=True)
        return label

    return show


@contextlib.contextmanager
def progress(cluster: Any, label: str, display: Any = None) -> Iterator[None]:
    display = display or _widget_display()
    if display is None:
        yield
        return
    observer = _Progress(cluster.clock, label, display)
    cluster.clock.observers.append(observer)
    try:
        yield
    finally:
        cluster.clock.observers.remove(observer)
        observer.close()
