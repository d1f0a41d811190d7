"""The seeded source of randomness of a cluster.

Every random choice (pod name suffixes, uids, template functions like randAlphaNum) draws from a
named stream derived from the cluster's seed, so adding a draw in one subsystem does not change
the names another subsystem produces.
"""

from __future__ import annotations

import hashlib
import random as _random
import uuid

# Kubernetes' generateName alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0/1/3.
KUBE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


class SeededRandom:
    def __init__(self, seed: int = 0, name: str = "root") -> None:
        self.seed = seed
        self.name = name
        digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
        self._rng = _random.Random(int.from_bytes(digest[:8], "big"))
        self._children: dict[str, SeededRandom] = {}

    def stream(self, name: str) -> SeededRandom:
        """A child stream, independent of the draws made on any other stream."""
        if name not in self._children:
            self._children[name] = SeededRandom(self.seed, f"{self.name}/{name}")
        return self._children[name]

    def random(self) -> float:
        return self._rng.random()

    def randint(self, low: int, high: int) -> int:
        return self._rng.randint(low, high)

    def choice(self, seq):  # type: ignore[no-untyped-def]
        return self._rng.choice(seq)

    def bytes(self, n: int) -> bytes:
        return bytes(self._rng.getrandbits(8) for _ in range(n))

    def string(self, n: int, alphabet: str = KUBE_ALPHABET) -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(n))

    def uuid4(self) -> str:
        return str(uuid.UUID(bytes=self.bytes(16), version=4))
