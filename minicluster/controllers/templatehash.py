"""The pod-template-hash of Deployments (and the revision hash of StatefulSets/DaemonSets)."""

from __future__ import annotations

import json
from typing import Any

from minicluster.core.rand import KUBE_ALPHABET


def fnv32a(data: bytes) -> int:
    h = 0x811C9DC5
    for byte in data:
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def pod_template_hash(template: dict[str, Any], collision_count: int = 0) -> str:
    """FNV-32a of the template, as a decimal string mapped onto the name alphabet
    (rand.SafeEncodeString); the hashed bytes are this kit's canonical JSON, not Go's dump."""
    data = json.dumps(template, sort_keys=True, separators=(",", ":")).encode()
    if collision_count:
        data += str(collision_count).encode()
    return "".join(KUBE_ALPHABET[ord(ch) % len(KUBE_ALPHABET)] for ch in str(fnv32a(data)))
