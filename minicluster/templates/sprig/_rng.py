"""The seeded randomness behind Sprig's random and crypto functions.

Go draws from crypto/rand; the kit draws from the render context's SeededRandom (stream
"template-functions") so the same seed renders the same chart identically. Outside a cluster a
fixed seed is used, kept per context so successive calls still differ.
"""

from __future__ import annotations

from typing import Any

from minicluster.core.rand import SeededRandom

STREAM = "template-functions"


class Entropy:
    """Byte and integer draws over one SeededRandom stream."""

    def __init__(self, source: SeededRandom) -> None:
        self.source = source

    def bytes(self, count: int) -> bytes:
        return self.source.bytes(count)

    def below(self, bound: int) -> int:
        """A uniform integer in [0, bound)."""
        return self.source.randint(0, bound - 1)

    def bits(self, count: int) -> int:
        return int.from_bytes(self.bytes((count + 7) // 8), "big") >> (-count % 8)


_FALLBACKS: dict[int, tuple[Any, Entropy]] = {}


def entropy(ctx: Any) -> Entropy:
    rand = getattr(ctx, "rand", None)
    if rand is not None:
        return Entropy(rand.stream(STREAM))
    key = id(ctx)
    cached = _FALLBACKS.get(key)
    if cached is None or cached[0] is not ctx:
        cached = (ctx, Entropy(SeededRandom(0, STREAM)))
        _FALLBACKS.clear()
        _FALLBACKS[key] = cached
    return cached[1]
