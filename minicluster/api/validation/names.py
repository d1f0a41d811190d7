"""apimachinery's name checks (pkg/util/validation): each returns the list of messages."""

from __future__ import annotations

import re

from minicluster.api import messages as m

_SUBDOMAIN = re.compile(m.DNS1123_SUBDOMAIN_FMT)
_LABEL = re.compile(m.DNS1123_LABEL_FMT)
_DNS1035 = re.compile(m.DNS1035_LABEL_FMT)
_QUALIFIED = re.compile(m.QUALIFIED_NAME_FMT)
_LABEL_VALUE = re.compile(m.LABEL_VALUE_FMT)
_CONFIG_KEY = re.compile(m.CONFIG_KEY_FMT)


def _max_len(n: int) -> str:
    return m.MAX_LEN.format(n=n)


def dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(_max_len(253))
    if not _SUBDOMAIN.fullmatch(value):
        errs.append(m.DNS1123_SUBDOMAIN_ERROR)
    return errs


def dns1123_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(_max_len(63))
    if not _LABEL.fullmatch(value):
        # A valid subdomain that is not a label can only be wrong by its dots.
        errs.append(m.MUST_NOT_CONTAIN_DOTS if _SUBDOMAIN.fullmatch(value)
                    else m.DNS1123_LABEL_ERROR)
    return errs


def dns1035_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(_max_len(63))
    if not _DNS1035.fullmatch(value):
        errs.append(m.DNS1035_LABEL_ERROR)
    return errs


def qualified_name(value: str) -> list[str]:
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append(m.PREFIX_PART + "must be non-empty")
        else:
            errs.extend(m.PREFIX_PART + msg for msg in dns1123_subdomain(prefix))
    else:
        return [m.QUALIFIED_NAME_ERROR]
    if not name:
        errs.append(m.NAME_PART_EMPTY)
    elif len(name) > 63:
        errs.append(m.NAME_PART_TOO_LONG)
    if not _QUALIFIED.fullmatch(name):
        errs.append(m.QUALIFIED_NAME_PART_ERROR)
    return errs


def label_value(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(_max_len(63))
    if not _LABEL_VALUE.fullmatch(value):
        errs.append(m.LABEL_VALUE_ERROR)
    return errs


def config_key(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(_max_len(253))
    if not _CONFIG_KEY.fullmatch(value):
        errs.append(m.CONFIG_KEY_ERROR)
    if value == ".":
        errs.append("must not be '.'")
    elif value == "..":
        errs.append("must not be '..'")
    elif value.startswith(".."):
        errs.append("must not start with '..'")
    return errs


def mask_trailing_dash(name: str) -> str:
    """generateName is validated as if its trailing dash were a letter."""
    return name[:-1] + "a" if len(name) > 1 and name.endswith("-") else name
