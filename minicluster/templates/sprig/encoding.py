"""Sprig's base64/base32 (decode errors are returned as the text), path and URL functions."""

from __future__ import annotations

import base64
from typing import Any

from minicluster.templates.functions import template_function

from . import _gopath
from ._core import FunctionError, type_name
from ._gobase import CorruptInput, b32decode, b64decode
from ._gostr import from_utf8, utf8
from ._gourl import URL, URLError, parse


@template_function("b64enc")
def b64enc(s: str) -> str:
    return base64.b64encode(utf8(s)).decode("ascii")


@template_function("b64dec")
def b64dec(s: str) -> str:
    try:
        return from_utf8(b64decode(utf8(s)))
    except CorruptInput as err:
        return str(err)


@template_function("b32enc")
def b32enc(s: str) -> str:
    return base64.b32encode(utf8(s)).decode("ascii")


@template_function("b32dec")
def b32dec(s: str) -> str:
    try:
        return from_utf8(b32decode(utf8(s)))
    except CorruptInput as err:
        return str(err)


for _prefix in ("", "os"):
    template_function(_prefix + ("Base" if _prefix else "base"))(_gopath.base)
    template_function(_prefix + ("Dir" if _prefix else "dir"))(_gopath.dir_)
    template_function(_prefix + ("Clean" if _prefix else "clean"))(_gopath.clean)
    template_function(_prefix + ("Ext" if _prefix else "ext"))(_gopath.ext)
    template_function(_prefix + ("IsAbs" if _prefix else "isAbs"))(_gopath.is_abs)


@template_function("urlParse")
def url_parse(v: str) -> dict[str, Any]:
    try:
        url = parse(v)
    except URLError as err:
        raise FunctionError(f'unable to parse url: parse "{v}": {err}') from None
    return {
        "scheme": url.scheme,
        "host": url.host,
        "hostname": url.hostname(),
        "path": url.path,
        "query": url.raw_query,
        "opaque": url.opaque,
        "fragment": url.fragment,
        "userinfo": url.userinfo_string() if url.has_user else "",
    }


def _meta_get(d: dict, key: str) -> str:
    if d is None or key not in d:
        return ""
    value = d[key]
    if not isinstance(value, str):
        shown = "<nil>" if value is None else type_name(value)
        raise FunctionError(f"unable to parse {key} key, must be of type string, but {shown} found")
    return value


@template_function("urlJoin")
def url_join(d: dict) -> str:
    url = URL(
        scheme=_meta_get(d, "scheme"),
        host=_meta_get(d, "host"),
        path=_meta_get(d, "path"),
        raw_query=_meta_get(d, "query"),
        opaque=_meta_get(d, "opaque"),
        fragment=_meta_get(d, "fragment"),
    )
    userinfo = _meta_get(d, "userinfo")
    if userinfo:
        try:
            holder = parse(f"proto://{userinfo}@host")
        except URLError as err:
            raise FunctionError(f"unable to parse userinfo in dict: {err}") from None
        url.username, url.password = holder.username, holder.password
    return url.string()
