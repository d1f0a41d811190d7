"""Mangled versions of the corpus scripts: whatever a learner types, the sandbox answers like a
shell (a message and a status), never with a Python error."""

from __future__ import annotations

import os
import pathlib
import random
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from dash_corpus import CORPUS  # noqa: E402
from helpers import run_container  # noqa: E402

COREUTILS = [block.strip("\n") for block in
             (pathlib.Path(__file__).parent / "coreutils_corpus.txt").read_text().split("\n====\n")
             if block.strip()]
NOISE = "$(){}[]\"'`\\|&;<>*?#=%:-+!~\n 0123456789abcdefxyz"


def mangle(rng: random.Random, script: str) -> str:
    chars = list(script)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars) + 1)
        roll = rng.random()
        if roll < 0.4 and chars:
            del chars[min(i, len(chars) - 1)]
        elif roll < 0.8:
            chars.insert(i, rng.choice(NOISE))
        else:
            j = rng.randrange(len(chars) + 1)
            chars[i:i] = chars[j:j + 5]
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_mangled_scripts_never_raise_python_errors(seed: int) -> None:
    rng = random.Random(seed)
    scripts = CORPUS + COREUTILS
    for _ in range(40):
        script = mangle(rng, rng.choice(scripts))
        result = run_container(["sh", "-c", script], rng.choice(["debian:12", "busybox"]))
        assert result.status is not None, script
        assert result.process.host.internal_errors == [], script  # type: ignore[attr-defined]
