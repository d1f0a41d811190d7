"""Hidden checks of the inspect lab."""

from __future__ import annotations

from typing import Any


def register(lab: Any) -> None:
    @lab.check("password-from-secret", points=1, hidden=True,
               title="The password still comes from the Secret",
               hint="Fix the key name in secretKeyRef (the Secret agents-db holds `password`); "
                    "do not replace the reference with the password itself.")
    def password_from_secret(ctx: Any) -> str | None:
        from minicluster.grading.labs.inspect import rendered_env

        env = rendered_env(ctx.scenario("render")["result"], "PGPASSWORD")
        ref = ((env or {}).get("valueFrom") or {}).get("secretKeyRef") or {}
        if ref.get("name") != "agents-db" or ref.get("key") != "password":
            return "PGPASSWORD is not read from the Secret agents-db (key password)"
        return None

    @lab.check("host-from-values", points=1, hidden=True,
               title="The database host still comes from the values",
               hint="Fix postgres.host in values.yaml rather than writing the host in the "
                    "template: another environment names its Service differently.")
    def host_from_values(ctx: Any) -> str | None:
        from minicluster.grading.labs.inspect import rendered_env

        env = rendered_env(ctx.scenario("render")["other-host"], "PGHOST")
        if (env or {}).get("value") != "db.example":
            return ("with --set postgres.host=db.example the hook's PGHOST is "
                    f"{(env or {}).get('value')!r}: the host is written in the template")
        return None
