r"""psql's backslash commands: the describe family (\d, \dt, \d NAME, \l, \du) from the
catalog of the pod's own database with the pod's names, \echo, \set, \q, \c, \conninfo, \i.
Commands that would reach outside the container (\!, \o |cmd, \copy ... program) are
refused."""

from __future__ import annotations

import re
import shlex
from typing import Any

from .postgres_server import db_error_fields
from .psql_format import PrintOptions, format_table
from .psql_lexer import time_keywords_back

REFUSED = "is not available in the minicluster sandbox"

LIST_RELATIONS = """SELECT n.nspname, c.relname,
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
   WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table'
   WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table'
   WHEN 'I' THEN 'partitioned index' END,
  pg_catalog.pg_get_userbyid(c.relowner)
FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ({kinds}) AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast'
  AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid) {name}
ORDER BY 1,2"""

COLUMNS = """SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation),
  a.attnotnull,
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attidentity, a.attgenerated, a.attstorage, a.attcompression, a.attstattarget,
  pg_catalog.col_description(a.attrelid, a.attnum)
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = {oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"""

FIND_RELATION = """SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) {pattern} COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3"""

INDEXES = """SELECT c2.relname, i.indisprimary, i.indisunique,
  pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), con.contype
FROM pg_catalog.pg_class c2, pg_catalog.pg_index i
LEFT JOIN pg_catalog.pg_constraint con ON (con.conrelid = i.indrelid
  AND con.conindid = i.indexrelid AND con.contype IN ('p','u','x'))
WHERE i.indrelid = {oid} AND i.indexrelid = c2.oid ORDER BY i.indisprimary DESC, c2.relname"""

INDEX_LIST = """SELECT n.nspname, c.relname, 'index', pg_catalog.pg_get_userbyid(c.relowner),
  c2.relname
FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid
WHERE c.relkind IN ('i','I') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast'
  AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid) {name}
ORDER BY 1,2"""

SCHEMAS = """SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner)
FROM pg_catalog.pg_namespace n WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND n.nspname <> 'minicluster' ORDER BY 1"""

CHECKS = """SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r WHERE r.conrelid = {oid} AND r.contype = 'c' ORDER BY 1"""

FOREIGN_KEYS = """SELECT conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r WHERE r.conrelid = {oid} AND r.contype = 'f'
  AND r.conparentid = 0 ORDER BY conname"""

REFERENCED_BY = """SELECT conname, conrelid::pg_catalog.regclass, pg_catalog.pg_get_constraintdef(oid, true)
FROM pg_catalog.pg_constraint WHERE confrelid = {oid} AND contype = 'f' AND conparentid = 0
ORDER BY conname"""

NOT_NULLS = """SELECT c.conname, a.attname FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_attribute a ON (a.attrelid = c.conrelid AND a.attnum = c.conkey[1])
WHERE c.contype = 'n' AND c.conrelid = {oid} ORDER BY a.attnum"""

STORAGE = {"p": "plain", "e": "external", "m": "main", "x": "extended"}
COMPRESSION = {"p": "pglz", "l": "lz4"}

KIND_TITLES = {"r": "Table", "p": "Partitioned table", "v": "View", "m": "Materialized view",
               "S": "Sequence", "i": "Index", "f": "Foreign table"}


def run(session: Any, text: str) -> bool:
    """Run one backslash command; False when psql would count it as failed."""
    body = text[1:]
    name = ""
    while body and not body[0].isspace() and not (name and body[0] == "\\"):
        name += body[0]
        body = body[1:]
    if name.endswith("+"):
        plus, name = True, name[:-1]
    else:
        plus = False
    args = _args(body)
    ctx = session.ctx
    handler = COMMANDS.get(name)
    if name.startswith("!") or (name == "o" and args and args[0].startswith("|")) or (
            name == "copy" and "program" in [a.lower() for a in args]):
        ctx.stderr.write(f"{session.prefix}\\{name} {REFUSED}\n".replace(" \\", " \\", 1))
        return False
    if handler is None:
        ctx.stderr.write(f"{session.prefix}invalid command \\{name}\n")
        return False
    if name == "copy":
        return cmd_copy(session, args, plus, body)
    return bool(handler(session, args, plus))


def _args(body: str) -> list[str]:
    try:
        return shlex.split(body.strip())
    except ValueError:
        return body.split()


def _query(session: Any, sql: str) -> list[list[str | None]]:
    results = session.conn.query(sql)
    return results[-1].rows if results else []


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _pattern(name: str) -> str:
    """psql turns a name pattern into an anchored regular expression (* and ? wildcards)."""
    regex = "".join(".*" if ch == "*" else "." if ch == "?" else
                    ("\\" + ch if ch in "^$.[]()|+{}\\" else ch) for ch in name.lower()
                    if ch != '"')
    return _literal("^(" + regex + ")$")


def _owner(session: Any, real: str | None) -> str:
    return session.target.pod.learner_name(real or "")


def _print(session: Any, headers: list[str], rows: list[list[str | None]], numeric: list[bool],
           title: str, footer: bool = True) -> None:
    base: PrintOptions = session.opts.print
    opts = PrintOptions(base.aligned, base.tuples_only, base.field_sep, base.record_sep, footer,
                        base.expanded)
    session.ctx.stdout.write(format_table(headers, rows, numeric, opts, title))


def list_relations(session: Any, args: list[str], kinds: str, title: str,
                   empty: str) -> bool:
    name = f"AND c.relname OPERATOR(pg_catalog.~) {_pattern(args[0])}" if args else ""
    try:
        rows = _query(session, LIST_RELATIONS.format(kinds=kinds, name=name))
    except Exception as error:  # noqa: BLE001 - pg8000's errors, imported lazily
        fields = db_error_fields(error)
        if fields is None:
            raise
        session.ctx.stderr.write(f"{session.prefix}ERROR:  {fields.get('M')}\n")
        return False
    if not rows:
        message = (f'Did not find any relation named "{args[0]}".' if args else empty)
        session.ctx.stderr.write(f"{session.prefix}{message}\n")
        return True
    for row in rows:
        row[3] = _owner(session, row[3])
    _print(session, ["Schema", "Name", "Type", "Owner"], rows, [False] * 4, title)
    return True


def cmd_dt(session: Any, args: list[str], plus: bool) -> bool:
    return list_relations(session, args, "'r','p'", "List of tables", "Did not find any tables.")


def cmd_di(session: Any, args: list[str], plus: bool) -> bool:
    name = f"AND c.relname OPERATOR(pg_catalog.~) {_pattern(args[0])}" if args else ""
    rows = _query(session, INDEX_LIST.format(name=name))
    if not rows:
        message = f'Did not find any relation named "{args[0]}".' if args else (
            "Did not find any indexes.")
        session.ctx.stderr.write(f"{session.prefix}{message}\n")
        return True
    for row in rows:
        row[3] = _owner(session, row[3])
    _print(session, ["Schema", "Name", "Type", "Owner", "Table"], rows, [False] * 5,
           "List of indexes")
    return True


def cmd_ds(session: Any, args: list[str], plus: bool) -> bool:
    return list_relations(session, args, "'S'", "List of sequences",
                          "Did not find any sequences.")


def cmd_dv(session: Any, args: list[str], plus: bool) -> bool:
    return list_relations(session, args, "'v'", "List of views", "Did not find any views.")


def cmd_dn(session: Any, args: list[str], plus: bool) -> bool:
    rows = _query(session, SCHEMAS)
    for row in rows:
        row[1] = _owner(session, row[1])
    _print(session, ["Name", "Owner"], rows, [False, False], "List of schemas")
    return True


def cmd_x(session: Any, args: list[str], plus: bool) -> bool:
    opts = session.opts.print
    word = args[0].lower() if args else ""
    opts.expanded = (not opts.expanded) if not word else word in ("on", "true", "1", "yes")
    state = "on" if opts.expanded else "off"
    session.ctx.stdout.write(f"Expanded display is {state}.\n")
    return True


def cmd_d(session: Any, args: list[str], plus: bool) -> bool:
    if not args:
        return list_relations(session, [], "'r','p','v','m','S','f',''", "List of relations",
                              "Did not find any relations.")
    found = _query(session, FIND_RELATION.format(pattern=_pattern(args[0])))
    if not found:
        session.ctx.stderr.write(f'{session.prefix}Did not find any relation named "{args[0]}".\n')
        return False
    for oid, schema, relname, kind in found:
        describe_table(session, str(oid), str(schema), str(relname), str(kind), plus)
    return True


def describe_table(session: Any, oid: str, schema: str, relname: str, kind: str,
                   plus: bool = False) -> None:
    rows = []
    for (attname, typ, coll, notnull, default, identity, generated, storage, compression,
         stats, description) in _query(session, COLUMNS.format(oid=oid)):
        if identity == "a":
            default = "generated always as identity"
        elif identity == "d":
            default = "generated by default as identity"
        elif generated == "s":
            default = f"generated always as ({default}) stored"
        row = [attname, typ, coll or "", "not null" if notnull == "t" else "",
               time_keywords_back(default or "")]
        if plus:
            row += [STORAGE.get(storage or "", ""), COMPRESSION.get(compression or "", ""),
                    stats or "", description or ""]
        rows.append(row)
    title = f'{KIND_TITLES.get(kind, "Table")} "{schema}.{relname}"'
    footers = _index_footers(session, oid)
    for heading, query, line in (
            ("Check constraints:", CHECKS, '    "{0}" {1}'),
            ("Foreign-key constraints:", FOREIGN_KEYS, '    "{0}" {1}'),
            ("Referenced by:", REFERENCED_BY, '    TABLE "{1}" CONSTRAINT "{0}" {2}')):
        found = _query(session, query.format(oid=oid))
        if found:
            footers.append(heading)
            footers.extend(line.format(*row) for row in found)
    if plus:
        nulls = _query(session, NOT_NULLS.format(oid=oid))
        if nulls:
            footers.append("Not-null constraints:")
            footers.extend(f'    "{name}" NOT NULL "{column}"' for name, column in nulls)
        if kind in ("r", "m"):
            footers.append("Access method: heap")
    headers = ["Column", "Type", "Collation", "Nullable", "Default"]
    if plus:
        headers += ["Storage", "Compression", "Stats target", "Description"]
    opts = session.opts.print
    table = format_table(headers, rows, [False] * len(headers),
                         PrintOptions(opts.aligned, opts.tuples_only, opts.field_sep,
                                      opts.record_sep, footer=False), title)
    if footers and not opts.tuples_only:
        table = table[:-1] + "\n".join(footers) + "\n\n"
    session.ctx.stdout.write(table)


def _index_footers(session: Any, oid: str) -> list[str]:
    indexes = _query(session, INDEXES.format(oid=oid))
    if not indexes:
        return []
    footers = ["Indexes:"]
    for idxname, primary, unique, definition, contype in indexes:
        using = (definition or "").split(" USING ", 1)[-1]
        if primary == "t":
            label = "PRIMARY KEY, "
        elif contype == "u":
            label = "UNIQUE CONSTRAINT, "
        elif unique == "t":
            label = "UNIQUE, "
        else:
            label = ""
        footers.append(f'    "{idxname}" {label}{using}')
    return footers


def cmd_l(session: Any, args: list[str], plus: bool) -> bool:
    """The official image's databases as its psql lists them: every one owned by
    POSTGRES_USER (initdb's superuser there), en_US.utf8, the templates' default ACLs."""
    user = session.target.pod.user
    names = sorted(set(session.target.pod.databases) | {"postgres", "template0", "template1"})
    acl = f"=c/{user}\n{user}=CTc/{user}"
    rows: list[list[str | None]] = [
        [name, user, "UTF8", "libc", "en_US.utf8", "en_US.utf8", "", "",
         acl if name.startswith("template") else ""] for name in names]
    _print(session, ["Name", "Owner", "Encoding", "Locale Provider", "Collate", "Ctype",
                     "Locale", "ICU Rules", "Access privileges"], rows, [False] * 9,
           "List of databases")
    return True


def cmd_du(session: Any, args: list[str], plus: bool) -> bool:
    rows: list[list[str | None]] = [[session.target.pod.user, ""]]
    _print(session, ["Role name", "Attributes"], rows, [False, False], "List of roles",
           footer=False)
    return True


def cmd_echo(session: Any, args: list[str], plus: bool) -> bool:
    if args[:1] == ["-n"]:
        session.ctx.stdout.write(" ".join(args[1:]))
    else:
        session.ctx.stdout.write(" ".join(args) + "\n")
    return True


def cmd_set(session: Any, args: list[str], plus: bool) -> bool:
    if not args:
        for key in sorted(session.variables):
            session.ctx.stdout.write(f"{key} = '{session.variables[key]}'\n")
        return True
    session.variables[args[0]] = "".join(args[1:])
    return True


def cmd_unset(session: Any, args: list[str], plus: bool) -> bool:
    for name in args:
        session.variables.pop(name, None)
    return True


def cmd_q(session: Any, args: list[str], plus: bool) -> bool:
    session.quit = True
    return True


def cmd_conninfo(session: Any, args: list[str], plus: bool) -> bool:
    t = session.target
    if t.local:
        where = 'via socket in "/var/run/postgresql"'
    else:
        where = f'on host "{t.host}" at port "{t.port}"'
    session.ctx.stdout.write(
        f'You are connected to database "{t.dbname}" as user "{t.user}" {where}.\n')
    return True


def cmd_i(session: Any, args: list[str], plus: bool) -> bool:
    if not args:
        session.ctx.stderr.write(f"{session.prefix}\\i: missing required argument\n")
        return False
    try:
        text = session.ctx.read_text(args[0])
    except Exception:  # noqa: BLE001 - only the container's own files are readable
        session.ctx.stderr.write(f"{session.prefix}{args[0]}: No such file or directory\n")
        return False
    saved = session.prefix
    status = session.run_script(text, args[0])
    session.prefix = saved
    return status == 0


def cmd_connect(session: Any, args: list[str], plus: bool) -> bool:
    from .pg_client import ConnectError, ConnParams, open_session

    t = session.target
    dbname = args[0] if args and args[0] != "-" else t.dbname
    user = args[1] if len(args) > 1 and args[1] != "-" else t.user
    params = ConnParams(t.host or None, str(t.port), user, dbname,
                        session.ctx.env.get("PGPASSWORD"))
    try:
        conn, target = open_session(session.ctx, params)
    except ConnectError as error:
        session.ctx.stderr.write(f"{session.prefix}\\connect: {error}\n")
        session.connect_failed = True
        return False
    session.conn.close()
    session.conn, session.target = conn, target
    conn.on_notice = session._notice
    session.ctx.stdout.write(f'You are now connected to database "{target.dbname}" as user '
                             f'"{target.user}".\n')
    return True


def cmd_timing(session: Any, args: list[str], plus: bool) -> bool:
    session.ctx.stdout.write("Timing is on.\n")
    return True


COPY_TABLE = re.compile(r"([^\s(]+(?:\s*\([^)]*\))?)(.*)$", re.S)
COPY_TAIL = re.compile(r"\s+(from|to)\s+('[^']*'|\S+)(.*)$", re.I | re.S)


def _copy_args(text: str) -> tuple[str, str, str, str] | None:
    """`\\copy (query) to X ...` or `\\copy table [(cols)] from|to X ...`."""
    if text.startswith("("):
        depth, end = 0, 0
        while end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
            end += 1
        what, tail = text[:end + 1], text[end + 1:]
    else:
        m = COPY_TABLE.match(text)
        if m is None:
            return None
        what, tail = m.group(1), m.group(2)
    m = COPY_TAIL.match(tail)
    return None if m is None else (what, m.group(1), m.group(2), m.group(3))


def cmd_copy(session: Any, args: list[str], plus: bool, raw: str = "") -> bool:
    """\\copy: COPY through psql, with files of the container (never the host's)."""
    parsed = _copy_args(raw.strip())
    if parsed is None:
        session.ctx.stderr.write(f"{session.prefix}\\copy: parse error at end of line\n")
        return False
    what, direction, where, rest = parsed
    target = where.strip("'")
    ctx = session.ctx
    if direction.lower() == "from":
        if target.lower() == "stdin" and session.scanner is not None:
            data = session.scanner.copy_data()
        elif target.lower() in ("stdin", "pstdin"):
            data = None
        else:
            try:
                data = ctx.read_text(target)
            except Exception:  # noqa: BLE001 - a missing file is psql's error text
                ctx.stderr.write(f"{session.prefix}{target}: No such file or directory\n")
                return False
        sql = f"COPY {what} FROM STDIN{rest}"
        return bool(session.send(sql, None if data is None else (lambda: data)))  # noqa: B023
    if target.lower() in ("stdout", "pstdout"):
        return bool(session.send(f"COPY {what} TO STDOUT{rest}"))
    try:
        out = ctx.open_out(target)
    except Exception:  # noqa: BLE001 - the container's filesystem says why; psql words it
        ctx.stderr.write(f"{session.prefix}{target}: No such file or directory\n")
        return False
    return bool(session.send(f"COPY {what} TO STDOUT{rest}", show_tag=True, copy_to=out))


def cmd_restrict(session: Any, args: list[str], plus: bool) -> bool:
    """pg_dump's `\\restrict KEY` / `\\unrestrict KEY` guard lines (psql 18.0+, 17.6+...)."""
    return True


COMMANDS = {"di": cmd_di, "ds": cmd_ds, "dv": cmd_dv, "dn": cmd_dn, "x": cmd_x,
            "copy": cmd_copy, "restrict": cmd_restrict, "unrestrict": cmd_restrict,"dt": cmd_dt, "d": cmd_d, "l": cmd_l, "list": cmd_l, "du": cmd_du, "dg": cmd_du,
            "echo": cmd_echo, "set": cmd_set, "unset": cmd_unset, "q": cmd_q, "quit": cmd_q,
            "conninfo": cmd_conninfo, "c": cmd_connect, "connect": cmd_connect, "i": cmd_i, "include": cmd_i}
