"""The parts of Go's net/url that Sprig's urlParse and urlJoin expose."""

from __future__ import annotations

from dataclasses import dataclass

_HEX = "0123456789ABCDEF"


class URLError(ValueError):
    pass


def _should_escape(c: int, mode: str) -> bool:
    ch = chr(c)
    if ch.isascii() and ch.isalnum():
        return False
    if mode == "host" and ch in "!$&'()*+,;=:[]<>\"":
        return False
    if ch in "-_.~":
        return False
    if ch in "$&+,/:;=?@":
        if mode == "path":
            return ch == "?"
        if mode == "userinfo":
            return ch in "@/?:"
        if mode == "fragment":
            return False
        return True
    if mode == "fragment" and ch in "!()*":
        return False
    return True


def escape(text: str, mode: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        if _should_escape(byte, mode):
            out.append("%" + _HEX[byte >> 4] + _HEX[byte & 15])
        else:
            out.append(chr(byte))
    return "".join(out)


def unescape(text: str, mode: str) -> str:
    data = text.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(data):
        if data[i] == ord("%"):
            hexpart = data[i + 1 : i + 3].decode("latin-1")
            if len(hexpart) < 2 or any(c not in "0123456789abcdefABCDEF" for c in hexpart):
                shown = data[i : i + 3].decode("utf-8", errors="replace")
                raise URLError(f'invalid URL escape "{shown}"')
            out.append(int(hexpart, 16))
            i += 3
            continue
        out.append(data[i])
        i += 1
    return out.decode("utf-8", errors="replace")


@dataclass
class URL:
    scheme: str = ""
    opaque: str = ""
    username: str | None = None
    password: str | None = None
    host: str = ""
    path: str = ""
    raw_query: str = ""
    fragment: str = ""
    force_query: bool = False

    @property
    def has_user(self) -> bool:
        return self.username is not None

    def userinfo_string(self) -> str:
        text = escape(self.username or "", "userinfo")
        if self.password is not None:
            text += ":" + escape(self.password, "userinfo")
        return text

    def hostname(self) -> str:
        host = self.host
        if host.startswith("["):
            end = host.find("]")
            return host[1:end] if end >= 0 else host[1:]
        colon = host.rfind(":")
        return host[:colon] if colon >= 0 else host

    def string(self) -> str:
        out = []
        if self.scheme:
            out.append(self.scheme + ":")
        if self.opaque:
            out.append(self.opaque)
        else:
            if self.scheme or self.host or self.has_user:
                if self.host or self.path or self.has_user:
                    out.append("//")
                if self.has_user:
                    out.append(self.userinfo_string() + "@")
                if self.host:
                    out.append(escape(self.host, "host"))
            path = escape(self.path, "path")
            if path and not path.startswith("/") and self.host:
                out.append("/")
            if not out and ":" in path.split("/", 1)[0]:
                out.append("./")
            out.append(path)
        if self.force_query or self.raw_query:
            out.append("?" + self.raw_query)
        if self.fragment:
            out.append("#" + escape(self.fragment, "fragment"))
        return "".join(out)


def _split_scheme(raw: str) -> tuple[str, str]:
    for i, ch in enumerate(raw):
        if ch.isascii() and ch.isalpha():
            continue
        if ch.isascii() and (ch.isdigit() or ch in "+-."):
            if i == 0:
                return "", raw
            continue
        if ch == ":":
            if i == 0:
                raise URLError("missing protocol scheme")
            return raw[:i], raw[i + 1 :]
        return "", raw
    return "", raw


def _check_port(port: str) -> None:
    if port and (port[0] != ":" or not port[1:].isdigit() and port != ":"):
        raise URLError(f"invalid port {_quote(port)} after host")


def _quote(text: str) -> str:
    from ._gostr import go_quote

    return go_quote(text)


def _check_host(host: str) -> None:
    """net/url parseHost: brackets for IPv6 literals and a numeric port."""
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise URLError("missing ']' in host")
        _check_port(host[end + 1 :])
        return
    colon = host.rfind(":")
    if colon >= 0:
        _check_port(host[colon:])


def parse(raw: str) -> URL:
    """url.Parse; raises URLError with the inner message."""
    body, sep, fragment = raw.partition("#")
    url = URL()
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in body):
        raise URLError("net/url: invalid control character in URL")
    if sep:
        url.fragment = unescape(fragment, "fragment")
    if body == "*":
        url.path = "*"
        return url
    scheme, rest = _split_scheme(body)
    url.scheme = scheme.lower()
    if rest.endswith("?") and rest.count("?") == 1:
        url.force_query = True
        rest = rest[:-1]
    else:
        rest, _, url.raw_query = rest.partition("?")
    if not rest.startswith("/"):
        if url.scheme:
            url.opaque = rest
            return url
        segment = rest.split("/", 1)[0]
        if ":" in segment:
            raise URLError("first path segment in URL cannot contain colon")
    if (
        rest.startswith("//")
        and not rest.startswith("///")
        or (url.scheme and rest.startswith("//"))
    ):
        authority = rest[2:]
        slash = authority.find("/")
        rest = authority[slash:] if slash >= 0 else ""
        authority = authority[:slash] if slash >= 0 else authority
        userinfo, at, host = authority.rpartition("@")
        if at:
            name, colon, password = userinfo.partition(":")
            url.username = unescape(name, "userinfo")
            url.password = unescape(password, "userinfo") if colon else None
        _check_host(host)
        url.host = unescape(host, "host")
    url.path = unescape(rest, "path")
    return url
