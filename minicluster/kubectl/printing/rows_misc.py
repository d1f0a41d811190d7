"""Rows of networking and RBAC kinds, per printers.go."""

from __future__ import annotations

from typing import Any

from .humanize import since
from .table import RowContext, table_row


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("metadata") or {}


def _hosts(rules: list[dict[str, Any]]) -> str:
    shown: list[str] = []
    more = False
    for rule in rules:
        if len(shown) == 3:
            more = True
        if not more and rule.get("host"):
            shown.append(rule["host"])
    if not shown:
        return "*"
    text = ",".join(shown)
    return f"{text} + {len(rules) - 3} more..." if more else text


@table_row("Ingress", "Name", "Class", "Hosts", "Address", "Ports", "Age")
def ingress_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    spec = obj.get("spec") or {}
    ingress = ((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
    address = ",".join(sorted({i.get("ip") or i.get("hostname") for i in ingress
                               if i.get("ip") or i.get("hostname")}))
    if not ctx.wide and len(address) > 16:
        address = address[:13] + "..."
    return [_meta(obj).get("name", ""), spec.get("ingressClassName") or "<none>",
            _hosts(spec.get("rules") or []), address, "80, 443" if spec.get("tls") else "80",
            since(_meta(obj).get("creationTimestamp"), ctx.now)]


def _subjects(subjects: list[dict[str, Any]]) -> tuple[str, str, str]:
    users, groups, sas = [], [], []
    for s in subjects or []:
        kind = s.get("kind")
        if kind == "User":
            users.append(s.get("name", ""))
        elif kind == "Group":
            groups.append(s.get("name", ""))
        elif kind == "ServiceAccount":
            sas.append(f"{s.get('namespace', '')}/{s.get('name', '')}")
    return ", ".join(users), ", ".join(groups), ", ".join(sas)


def _binding_row(obj: dict[str, Any], ctx: RowContext) -> list[Any]:
    ref = obj.get("roleRef") or {}
    users, groups, sas = _subjects(obj.get("subjects") or [])
    return [_meta(obj).get("name", ""), f"{ref.get('kind', '')}/{ref.get('name', '')}",
            since(_meta(obj).get("creationTimestamp"), ctx.now), users, groups, sas]


table_row("RoleBinding", "Name", "Role", "Age", ("Users", 1), ("Groups", 1),
          ("ServiceAccounts", 1))(_binding_row)
table_row("ClusterRoleBinding", "Name", "Role", "Age", ("Users", 1), ("Groups", 1),
          ("ServiceAccounts", 1))(_binding_row)
