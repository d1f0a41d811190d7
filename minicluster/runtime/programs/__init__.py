"""The commands containers run. Importing this package registers them all; see registry.py."""

from . import awk, fileutils, misc, moreutils, shell_program, sysutils, textutils  # noqa: F401
from .registry import PROGRAMS, program

__all__ = ["PROGRAMS", "program"]
