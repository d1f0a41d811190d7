"""The sandbox's coreutils (GNU flavour, as in debian/ubuntu images) against the host's GNU
coreutils, on pipelines that only read their stdin: same stdout, stderr and exit status."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import run_container  # noqa: E402

DASH = shutil.which("dash")
SORT = shutil.which("sort")


def _gnu_host() -> bool:
    if DASH is None or SORT is None:
        return False
    return "GNU coreutils" in subprocess.run([SORT, "--version"], capture_output=True, text=True).stdout


pytestmark = pytest.mark.skipif(not _gnu_host(), reason="needs dash and GNU coreutils on the host")

CORPUS = [block.strip("\n") for block in
          (pathlib.Path(__file__).parent / "coreutils_corpus.txt").read_text().split("\n====\n")
          if block.strip()]


@pytest.mark.parametrize("script", CORPUS)
def test_same_as_gnu_coreutils(script: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        ["sh", "-c", script], executable=DASH, capture_output=True, text=True, timeout=10,
        cwd=tmp_path, env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                           "LC_ALL": "C"},
    )
    expected_out = done.stdout
    if expected_out and not expected_out.endswith("\n"):
        expected_out += "\n"  # a container log ends every line, the last one included
    result = run_container(["sh", "-c", script], "debian:12")
    assert (result.stdout, result.stderr, result.status) == (expected_out, done.stderr, done.returncode)


FILE_CORPUS = [block.strip("\n") for block in
               (pathlib.Path(__file__).parent / "coreutils_files_corpus.txt").read_text().split("\n====\n")
               if block.strip()]


@pytest.mark.parametrize("script", FILE_CORPUS)
def test_file_commands_same_as_gnu(script: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # These scripts use relative paths only: on the host they stay inside tmp_path.
    assert ".." not in script and not re.search(r"(^|[\s>'<])/", script)
    done = subprocess.run(
        ["sh", "-c", script], executable=DASH, capture_output=True, text=True, timeout=10,
        cwd=tmp_path, env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                           "LC_ALL": "C"},
    )
    result = run_container(["sh", "-c", script], "debian:12", working_dir="/work")
    assert (result.stdout, result.stderr, result.status) == (done.stdout, done.stderr, done.returncode)


AWK_CORPUS = [block.strip("\n") for block in
              (pathlib.Path(__file__).parent / "awk_corpus.txt").read_text().split("\n====\n")
              if block.strip()]


@pytest.mark.skipif(shutil.which("mawk") is None, reason="needs mawk, Debian's awk")
@pytest.mark.parametrize("script", AWK_CORPUS)
def test_awk_same_as_mawk(script: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        ["sh", "-c", script], executable=DASH, capture_output=True, text=True, timeout=10,
        cwd=tmp_path, env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                           "LC_ALL": "C"},
    )
    result = run_container(["sh", "-c", script], "debian:12")
    assert (result.stdout, result.stderr, result.status) == (done.stdout, done.stderr, done.returncode)
