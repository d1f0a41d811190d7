"""BusyBox wget and nc over the cluster network, with BusyBox's texts and exit statuses."""

from __future__ import annotations

from typing import Any

from minicluster.runtime.programs.registry import program

from .http_net import REASONS, NetError, find_listener, parse_url, request


@program("wget")
def wget(ctx: Any, argv: list[str]) -> int:
    quiet, spider, output, urls, headers, post = False, False, None, [], {}, None
    timeout = 900.0
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--spider":
            spider = True
        elif arg in ("-O", "-T", "--header", "--post-data") and i < len(args):
            value = args[i]
            i += 1
            if arg == "-O":
                output = value
            elif arg == "-T":
                timeout = float(value) if value.replace(".", "").isdigit() else timeout
            elif arg == "--header":
                name, _, val = value.partition(":")
                headers[name.strip()] = val.strip()
            else:
                post = value
        elif arg.startswith("-O") and len(arg) > 2:
            output = arg[2:]
        elif arg.startswith("-qO"):
            quiet, output = True, arg[3:] or (args[i] if i < len(args) else "-")
            if not arg[3:]:
                i += 1
        elif arg.startswith("--post-data="):
            post = arg.split("=", 1)[1]
        elif arg.startswith("-") and arg != "-":
            ctx.stderr.write(f"wget: unrecognized option '{arg}'\n")
            return 1
        else:
            urls.append(arg)
    if not urls:
        ctx.stderr.write("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n"
                         "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n")
        return 1
    status = 0
    for text in urls:
        url = parse_url(text)
        if url is None:
            ctx.stderr.write(f"wget: not an http or ftp url: {text}\n")
            status = 1
            continue
        method = "POST" if post is not None else ("HEAD" if spider else "GET")
        hdrs = {"Host": url.host, "User-Agent": "Wget", **headers}
        try:
            code, _h, body, ip = request(ctx, url, method, hdrs, (post or "").encode())
        except NetError as err:
            if err.kind == "resolve":
                ctx.stderr.write(f"wget: bad address '{url.host}'\n")
            elif err.kind == "refused":
                ctx.stderr.write(f"wget: can't connect to remote host ({err.ip}): "
                                 "Connection refused\n")
            else:
                ctx.sleep(timeout)
                ctx.stderr.write("wget: download timed out\n")
            status = 1
            continue
        if not quiet:
            ctx.stderr.write(f"Connecting to {url.host}:{url.port} ({ip}:{url.port})\n"
                             if url.port not in (80, 443) else
                             f"Connecting to {url.host} ({ip}:{url.port})\n")
        if code == 0:
            ctx.stderr.write("wget: error getting response\n")
            status = 1
            continue
        if code >= 400:
            ctx.stderr.write(f"wget: server returned error: HTTP/1.1 {code} "
                             f"{REASONS.get(code, '')}\n")
            status = 1
            continue
        if spider:
            if not quiet:
                ctx.stderr.write("remote file exists\n")
            continue
        name = output or (url.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index.html")
        data = body.decode("utf-8", "replace")
        if name == "-":
            ctx.stdout.write(data)
            continue
        if not quiet:
            ctx.stderr.write(f"saving to '{name}'\n")
        ctx.open_out(name).write(data)
        if not quiet:
            ctx.stderr.write(f"{name:<20} 100% |********************************| {len(body):>5}  "
                             "0:00:00 ETA\n")
            ctx.stderr.write(f"'{name}' saved\n")
    return status


@program("nc")
def nc(ctx: Any, argv: list[str]) -> int:
    zero, verbose, rest = False, False, []
    for arg in argv[1:]:
        if arg.startswith("-") and len(arg) > 1 and not arg[1:].isdigit():
            zero = zero or "z" in arg
            verbose = verbose or "v" in arg
            continue
        rest.append(arg)
    if len(rest) < 2 or not rest[1].isdigit():
        ctx.stderr.write("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n"
                         "Usage: nc [OPTIONS] HOST PORT  - connect\n")
        return 1
    host, port = rest[0], int(rest[1])
    try:
        _listener, ip = find_listener(ctx, host, port)
    except NetError as err:
        if err.kind == "resolve":
            ctx.stderr.write(f"nc: bad address '{host}'\n")
        else:
            ctx.stderr.write(f"nc: {host} ({err.ip}:{port}): Connection refused\n"
                             if verbose else "")
        return 1
    if verbose:
        ctx.stderr.write(f"{host} ({ip}:{port}) open\n")
    if not zero:
        ctx.stdin.read()
    return 0
