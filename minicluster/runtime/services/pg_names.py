"""The pod's names over the server's: the learner writes `OWNER TO app` or `GRANT ... TO app`
with POSTGRES_USER, which is really the pod's role `mc…_r`; and the server's texts say the
real role and database names, which the learner must see as the pod's."""

from __future__ import annotations

import re
from typing import Any

# Statements that name roles, and where in them a role name stands.
ROLE_STATEMENT = re.compile(
    r"^\s*(GRANT|REVOKE|ALTER\s+DEFAULT\s+PRIVILEGES|REASSIGN\s+OWNED|DROP\s+OWNED|"
    r"SET\s+(SESSION\s+)?ROLE|SET\s+SESSION\s+AUTHORIZATION|CREATE\s+SCHEMA|ALTER\s+\w+(\s+\w+)?"
    r"\s+\S+\s+OWNER\s+TO|ALTER\s+(TABLE|SEQUENCE|VIEW|SCHEMA|FUNCTION|TYPE|DATABASE|"
    r"MATERIALIZED\s+VIEW|DOMAIN|INDEX|PROCEDURE)\b)", re.I)
ROLE_POSITION = r"(\b(?:TO|FROM|ROLE|AUTHORIZATION|BY)\s+(?:GROUP\s+)?)({name})(?=\s*[,;)]|\s|$)"


def to_server(sql: str, pod: Any) -> str:
    """The pod's user name, where a role stands in a role-naming statement, becomes its role."""
    if not ROLE_STATEMENT.match(sql):
        return sql
    names = "|".join((re.escape(pod.user), re.escape('"' + pod.user + '"')))
    pattern = re.compile(ROLE_POSITION.format(name=names), re.I)
    return pattern.sub(lambda m: m.group(1) + '"' + pod.role + '"', sql)


def to_learner(text: str, pod: Any) -> str:
    """Server text with the pod's names instead of the real ones."""
    text = text.replace(pod.role, pod.user)
    for name, real in pod.databases.items():
        text = text.replace(real, name)
    return text
