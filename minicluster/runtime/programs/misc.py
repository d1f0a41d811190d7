"""Image-specific programs: busybox (the multi-call binary), python3 (a very small subset) and
kubectl (reaches the simulated cluster through ClusterServices)."""

from __future__ import annotations

import ast

from .context import ProgramContext
from .registry import PROGRAMS, program

PYTHON_VERSION = "3.12.7"


@program("busybox")
def busybox(ctx: ProgramContext, argv: list[str]) -> int:
    if len(argv) < 2:
        ctx.stdout.write("BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n")
        return 0
    applet = argv[1]
    fn = PROGRAMS.get(applet)
    if fn is None:
        ctx.error("applet not found")
        return 127
    return ctx.host.run_program(fn, ctx.child(name=applet), argv[1:])


@program("python3")
def python3(ctx: ProgramContext, argv: list[str]) -> int:
    """Only `--version` and `-c` with print() of literals and sys.exit(n): the sandbox never
    executes learner code as Python."""
    args = argv[1:]
    if not args or args[0] in ("-V", "--version"):
        if args:
            ctx.stdout.write(f"Python {PYTHON_VERSION}\n")
        return 0
    if args[0] != "-c" or len(args) < 2:
        ctx.error("the minicluster sandbox runs only `python3 -c` with print() of literals")
        return 2
    try:
        tree = ast.parse(args[1])
    except SyntaxError as err:
        ctx.stderr.write(f'  File "<string>", line {err.lineno}\n    {err.text or ""}\nSyntaxError: {err.msg}\n')
        return 1
    for stmt in tree.body:
        if isinstance(stmt, ast.Import) and all(a.name == "sys" for a in stmt.names):
            continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
            try:
                values = [ast.literal_eval(a) for a in call.args]
            except ValueError:
                break
            ctx.stdout.write(" ".join(str(v) for v in values) + "\n")
            continue
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "exit" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "sys"):
            code = ast.literal_eval(call.args[0]) if call.args else 0
            if isinstance(code, int):
                return code & 0xFF
            ctx.stderr.write(f"{code}\n")
            return 1
        break
    else:
        return 0
    ctx.error("the minicluster sandbox runs only print() of literals and sys.exit(n) in python3 -c")
    return 2


@program("kubectl")
def kubectl(ctx: ProgramContext, argv: list[str]) -> int:
    services = ctx.services
    if services is None:
        ctx.stderr.write("The connection to the server localhost:8080 was refused - did you specify the right host or port?\n")
        return 1
    out, err, code = services.kubectl(argv[1:], ctx.host.spec.namespace)
    ctx.stdout.write(out)
    ctx.stderr.write(err)
    return int(code)
