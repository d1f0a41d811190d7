"""curl (8.x) over the cluster network: the options hook scripts use, curl's exit codes and
error texts (6 unresolved host, 7 refused, 22 HTTP error with -f, 28 timeout, 52 empty
reply), --retry with curl's doubling delay on the virtual clock, -w write-out variables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from minicluster.runtime.programs.registry import program

from .http_net import REASONS, NetError, Url, parse_url, request

WITH_VALUE = {"X": "request", "H": "header", "d": "data", "o": "output", "w": "write-out",
              "m": "max-time", "u": "user", "A": "user-agent", "e": "referer", "T": "upload-file"}
FLAGS = {"f": "fail", "s": "silent", "S": "show-error", "L": "location", "v": "verbose",
         "I": "head", "i": "include", "k": "insecure", "G": "get", "4": "ipv4", "6": "ipv6",
         "N": "no-buffer", "#": "progress-bar", "g": "globoff", "0": "http1.0"}
LONG_WITH_VALUE = {"request", "header", "data", "data-raw", "data-binary", "data-urlencode",
                   "output", "write-out", "max-time", "retry", "retry-delay", "retry-max-time",
                   "connect-timeout", "user", "user-agent", "referer", "url", "json",
                   "upload-file", "max-redirs", "cacert", "resolve"}
TRANSIENT_HTTP = {408, 429, 500, 502, 503, 504}
DEFAULT_CONNECT_TIMEOUT = 300.0


class CurlUsage(Exception):
    pass


@dataclass
class CurlOptions:
    urls: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    method: str | None = None
    headers: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    output: str | None = None
    write_out: str | None = None
    retry: int = 0
    retry_delay: float | None = None
    max_time: float | None = None
    connect_timeout: float | None = None
    json: bool = False


def parse(argv: list[str]) -> CurlOptions:
    opts = CurlOptions()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            if name in LONG_WITH_VALUE:
                if not eq:
                    if i >= len(argv):
                        raise CurlUsage(f"option --{name}: requires parameter")
                    value = argv[i]
                    i += 1
                _set(opts, name, value)
            elif name in FLAGS.values() or name in ("fail-with-body", "retry-connrefused",
                                                     "retry-all-errors", "compressed",
                                                     "no-progress-meter", "http1.1", "http2"):
                opts.flags.add(name)
            else:
                raise CurlUsage(f"option {arg}: is unknown")
            continue
        if arg.startswith("-") and len(arg) > 1:
            j = 1
            while j < len(arg):
                letter = arg[j]
                j += 1
                if letter in WITH_VALUE:
                    value = arg[j:]
                    if not value:
                        if i >= len(argv):
                            raise CurlUsage(f"option -{letter}: requires parameter")
                        value = argv[i]
                        i += 1
                    _set(opts, WITH_VALUE[letter], value)
                    break
                if letter not in FLAGS:
                    raise CurlUsage(f"option -{letter}: is unknown")
                opts.flags.add(FLAGS[letter])
            continue
        opts.urls.append(arg)
    return opts


def _set(opts: CurlOptions, name: str, value: str) -> None:
    if name == "request":
        opts.method = value
    elif name == "header":
        opts.headers.append(value)
    elif name in ("data", "data-raw", "data-binary", "data-urlencode"):
        opts.data.append(value)
    elif name == "json":
        opts.data.append(value)
        opts.json = True
    elif name == "output":
        opts.output = value
    elif name == "write-out":
        opts.write_out = value
    elif name == "retry":
        opts.retry = int(value) if value.isdigit() else 0
    elif name == "retry-delay":
        opts.retry_delay = _seconds(value)
    elif name == "max-time":
        opts.max_time = _seconds(value)
    elif name == "connect-timeout":
        opts.connect_timeout = _seconds(value)
    elif name == "url":
        opts.urls.append(value)


def _seconds(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


@dataclass
class Outcome:
    code: int  # curl exit code
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    url: str = ""
    message: str = ""
    retry_kind: str = ""


class Curl:
    def __init__(self, ctx: Any, opts: CurlOptions) -> None:
        self.ctx = ctx
        self.opts = opts
        self.silent = "silent" in opts.flags
        self.show_error = "show-error" in opts.flags or not self.silent

    def headers(self) -> dict[str, str]:
        result = {"Host": "", "User-Agent": "curl/8.11.1", "Accept": "*/*"}
        if self.opts.data:
            result["Content-Type"] = ("application/json" if self.opts.json
                                      else "application/x-www-form-urlencoded")
        for line in self.opts.headers:
            name, colon, value = line.partition(":")
            # A header given with -H replaces curl's own of any case; `Name:` removes it.
            for key in [k for k in result if k.lower() == name.strip().lower()]:
                del result[key]
            if colon and value.strip():
                result[name.strip()] = value.strip()
        return result

    def body(self) -> bytes:
        parts = []
        for item in self.opts.data:
            if item.startswith("@"):
                parts.append(self.ctx.read_text(item[1:]).replace("\n", "").replace("\r", ""))
            else:
                parts.append(item)
        return "&".join(parts).encode()

    def method(self) -> str:
        if self.opts.method:
            return self.opts.method
        if "head" in self.opts.flags:
            return "HEAD"
        return "POST" if self.opts.data else "GET"

    def fetch(self, url: Url) -> Outcome:
        hops = 0
        while True:
            out = self.once(url)
            location = out.headers.get("Location")
            if ("location" in self.opts.flags and out.code == 0 and location
                    and 300 <= out.status < 400 and hops < 50):
                target = parse_url(location if "://" in location else
                                   f"{url.scheme}://{url.host}:{url.port}{location}")
                if target is None:
                    return out
                url, hops = target, hops + 1
                continue
            return out

    def once(self, url: Url) -> Outcome:
        headers = self.headers()
        headers["Host"] = url.host if url.port in (80, 443) else f"{url.host}:{url.port}"
        method = self.method()
        if "verbose" in self.opts.flags:
            self.ctx.stderr.write(f"> {method} {url.path} HTTP/1.1\n")
            for name, value in headers.items():
                self.ctx.stderr.write(f"> {name}: {value}\n")
            self.ctx.stderr.write(">\n")
        try:
            status, resp_headers, body, _ip = request(self.ctx, url, method, headers, self.body())
        except NetError as err:
            return self.net_failure(err)
        if status == 0:
            return Outcome(52, message="Empty reply from server", url=url.text)
        if "verbose" in self.opts.flags:
            self.ctx.stderr.write(f"< HTTP/1.1 {status} {REASONS.get(status, '')}\n")
            for name, value in resp_headers.items():
                self.ctx.stderr.write(f"< {name}: {value}\n")
            self.ctx.stderr.write("<\n")
        out = Outcome(0, status, dict(resp_headers), b"" if method == "HEAD" else body, url.text)
        if status >= 400 and ("fail" in self.opts.flags or "fail-with-body" in self.opts.flags):
            out.code = 22
            out.message = f"The requested URL returned error: {status}"
            if "fail" in self.opts.flags and "fail-with-body" not in self.opts.flags:
                out.body = b""
        if status in TRANSIENT_HTTP:
            out.retry_kind = "HTTP error"
        return out

    def net_failure(self, err: NetError) -> Outcome:
        if err.kind == "resolve":
            return Outcome(6, message=f"Could not resolve host: {err.host}",
                           retry_kind="timeout")
        if err.kind == "refused":
            return Outcome(7, message=f"Failed to connect to {err.host} port {err.port} after 0 "
                           "ms: Could not connect to server", retry_kind="connection refused")
        limit = min(self.opts.max_time or DEFAULT_CONNECT_TIMEOUT,
                    self.opts.connect_timeout or DEFAULT_CONNECT_TIMEOUT)
        self.ctx.sleep(limit)
        millis = int(limit * 1000)
        return Outcome(28, message=f"Failed to connect to {err.host} port {err.port} after "
                       f"{millis} ms: Timeout was reached", retry_kind="timeout")


def _retryable(outcome: Outcome, flags: set[str]) -> bool:
    if "retry-all-errors" in flags and (outcome.code != 0 or outcome.status >= 400):
        return True
    if outcome.retry_kind == "connection refused":
        return "retry-connrefused" in flags
    return bool(outcome.retry_kind)


def write_out(template: str, outcome: Outcome) -> str:
    values = {"http_code": f"{outcome.status:03d}", "response_code": f"{outcome.status:03d}",
              "url_effective": outcome.url, "exitcode": str(outcome.code),
              "size_download": str(len(outcome.body)), "time_total": "0.000000",
              "content_type": outcome.headers.get("Content-Type", "")}
    text = re.sub(r"%\{([a-z_]+)\}", lambda m: values.get(m.group(1), ""), template)
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r")


@program("curl")
def curl(ctx: Any, argv: list[str]) -> int:
    try:
        opts = parse(argv[1:])
    except CurlUsage as err:
        ctx.stderr.write(f"curl: {err}\ncurl: try 'curl --help' for more information\n")
        return 2
    if not opts.urls:
        ctx.stderr.write("curl: no URL specified\ncurl: try 'curl --help' for more information\n")
        return 2
    runner = Curl(ctx, opts)
    status = 0
    for text in opts.urls:
        url = parse_url(text)
        if url is None:
            scheme = text.split("://", 1)[0]
            if runner.show_error:
                ctx.stderr.write(f'curl: (1) Protocol "{scheme}" not supported\n')
            status = 1
            continue
        outcome = runner.fetch(url)
        delay = opts.retry_delay or 1.0
        left = opts.retry
        while left > 0 and _retryable(outcome, opts.flags):
            plural = "" if delay == 1 else "s"
            ctx.stderr.write(f"Warning: Problem : {outcome.retry_kind}. Will retry in "
                             f"{delay:g} second{plural}. {left} retr{'y' if left == 1 else 'ies'}"
                             " left.\n")
            ctx.sleep(delay)
            if opts.retry_delay is None:
                delay = min(delay * 2, 600)
            left -= 1
            outcome = runner.fetch(url)
        _deliver(ctx, opts, runner, outcome)
        status = outcome.code
    return status


def _deliver(ctx: Any, opts: CurlOptions, runner: Curl, outcome: Outcome) -> None:
    body = outcome.body.decode("utf-8", "replace")
    if "include" in opts.flags or "head" in opts.flags:
        if outcome.code in (0, 22) and outcome.status:
            head = f"HTTP/1.1 {outcome.status} {REASONS.get(outcome.status, '')}\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in outcome.headers.items()) + "\r\n"
            body = head + body
    meter = not runner.silent and "no-progress-meter" not in opts.flags
    if meter:
        # A pod's stdout is never a terminal, so curl shows its meter (at virtual speed 0):
        # the header when the transfer starts, the last line when it ends.
        ctx.stderr.write("  % Total    % Received % Xferd  Average Speed   Time    Time     Time "
                         " Current\n                                 Dload  Upload   Total   "
                         "Spent    Left  Speed\n")
    if opts.output is not None and opts.output != "-":
        out = ctx.open_out(opts.output)
        out.write(body)
    else:
        ctx.stdout.write(body)
    if meter:
        size = len(outcome.body)
        pct = 100 if outcome.code == 0 else 0
        ctx.stderr.write(f"{pct:3d} {size:5d}  {pct:3d} {size:5d}    0     0      0      0 "
                         "--:--:-- --:--:-- --:--:--     0\n")
    if opts.write_out is not None:
        ctx.stdout.write(write_out(opts.write_out, outcome))
    if outcome.code != 0 and runner.show_error and outcome.message:
        ctx.stderr.write(f"curl: ({outcome.code}) {outcome.message}\n")
