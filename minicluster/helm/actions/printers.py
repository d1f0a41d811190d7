"""What helm prints about releases: the status block, history and list tables, `helm get`.

Layouts follow pkg/cmd/{status,history,list,get_*}.go of Helm 4.2.4 (Helm 3.21.4 where noted);
tables are gosuri/uitable's: every cell padded to its column's width, columns joined by a tab.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from minicluster.helm.manifests import TEST
from minicluster.helm.messages import ansic
from minicluster.helm.release import Release, go_time, release_to_json
from minicluster.templates import goyaml


def table(rows: list[list[str]]) -> str:
    """uitable.Table.String() plus the newline helm's EncodeTable adds."""
    if not rows:
        return "\n"
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["\t".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    return "\n".join(lines) + "\n"


def _moment(epoch: datetime, at: float | None) -> datetime | None:
    return None if at is None else epoch + timedelta(seconds=at)


def go_time_string(moment: datetime) -> str:
    """Go's Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`."""
    moment = moment.astimezone(timezone.utc)
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    if moment.microsecond:
        text += "." + f"{moment.microsecond:06d}".rstrip("0")
    return text + " +0000 UTC"


def go_format(moment: datetime, layout: str) -> str:
    """Go's Time.Format with a user layout (`helm list --time-format`)."""
    from minicluster.templates.sprig._gotime import UTC, Time

    seconds = moment.timestamp()
    whole = int(seconds // 1)
    return Time(whole, round((seconds - whole) * 1e9), UTC).Format(layout)


def to_json(obj: Any) -> str:
    """Go's json.Encoder output: compact, HTML-escaped, one trailing newline."""
    return goyaml.marshal(obj) + "\n"


def to_yaml(obj: Any) -> str:
    """sigs.k8s.io/yaml Marshal (via JSON, so keys sorted), as helm's EncodeYAML."""
    return goyaml.to_yaml(obj)


def computed_values(rel: Release) -> dict[str, Any]:
    """The release's values as templates saw them: user values over the chart's defaults."""
    from minicluster.helm.actions.chartio import coalesce_tables

    return coalesce_tables(dict(rel.config), rel.chart.get("values") or {})


def status_block(rel: Release, epoch: datetime, helm_version: int, *, show_description: bool,
                 hide_notes: bool = False, debug: bool = False, show_metadata: bool = False,
                 computed_values: dict[str, Any] | None = None, resources: str = "") -> str:
    out = [f"NAME: {rel.name}\n"]
    if rel.last_deployed is not None:
        out.append(f"LAST DEPLOYED: {ansic(_moment(epoch, rel.last_deployed))}\n")
    out.append(f"NAMESPACE: {rel.namespace}\n")
    out.append(f"STATUS: {rel.status}\n")
    out.append(f"REVISION: {rel.version}\n")
    if show_metadata:
        out.append(f"CHART: {rel.chart_name}\nVERSION: {rel.chart_version}\n"
                   f"APP_VERSION: {rel.app_version}\n")
    if helm_version >= 4 or show_description:
        out.append(f"DESCRIPTION: {rel.description}\n")
    out.append(resources)
    tests = [h for h in rel.hooks for e in h.events if e == TEST]
    if not tests:
        out.append("TEST SUITE: None\n")
    for hook in tests:
        if hook.last_run.started_at is None:
            continue
        out.append(f"TEST SUITE:     {hook.name}\n"
                   f"Last Started:   {ansic(_moment(epoch, hook.last_run.started_at))}\n"
                   f"Last Completed: {ansic(_moment(epoch, hook.last_run.completed_at))}\n"
                   f"Phase:          {hook.last_run.phase}\n")
    if debug:
        out.append("USER-SUPPLIED VALUES:\n" + to_yaml(rel.config or None) + "\n")
        out.append("COMPUTED VALUES:\n" + to_yaml(computed_values or {}) + "\n")
    if rel.description.lower() == "dry run complete" or debug:
        out.append("HOOKS:\n")
        for hook in rel.hooks:
            out.append(f"---\n# Source: {hook.path}\n{hook.manifest}\n")
        out.append(f"MANIFEST:\n{rel.manifest}\n")
    if not hide_notes and rel.notes:
        out.append(f"NOTES:\n{rel.notes.strip()}\n")
    return "".join(out)


def status_json(rel: Release, epoch: datetime, helm_version: int) -> dict[str, Any]:
    return release_to_json(rel, epoch, helm_version)


def history_rows(history: list[Release], epoch: datetime) -> list[dict[str, Any]]:
    rows = []
    for rel in history:
        row: dict[str, Any] = {"revision": rel.version}
        if rel.last_deployed is not None:
            row["updated"] = go_time(epoch, rel.last_deployed)
        row.update(status=rel.status, chart=rel.chart_label, app_version=rel.app_version,
                   description=rel.description)
        rows.append(row)
    return rows


def history_table(history: list[Release], epoch: datetime) -> str:
    rows = [["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]]
    for rel in history:
        rows.append([str(rel.version), ansic(_moment(epoch, rel.last_deployed)), rel.status,
                     rel.chart_label, rel.app_version, rel.description])
    return table(rows)


def list_rows(releases: list[Release], epoch: datetime, time_format: str = "") -> list[dict[str, str]]:
    rows = []
    for rel in releases:
        updated = "-"
        moment = _moment(epoch, rel.last_deployed)
        if moment is not None:
            updated = go_format(moment, time_format) if time_format else go_time_string(moment)
        rows.append({"name": rel.name, "namespace": rel.namespace, "revision": str(rel.version),
                     "updated": updated, "status": rel.status, "chart": rel.chart_label,
                     "app_version": rel.app_version})
    return rows


def list_table(releases: list[Release], epoch: datetime, no_headers: bool = False,
               time_format: str = "") -> str:
    rows = [] if no_headers else [["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART",
                                   "APP VERSION"]]
    for row in list_rows(releases, epoch, time_format):
        rows.append([row["name"], row["namespace"], row["revision"], row["updated"],
                     row["status"], row["chart"], row["app_version"]])
    return table(rows)


def hooks_text(rel: Release) -> str:
    return "".join(f"---\n# Source: {h.path}\n{h.manifest}\n" for h in rel.hooks)


def metadata_block(rel: Release, epoch: datetime) -> str:
    meta = rel.chart_metadata
    annotations = ",".join(f"{k}={v}" for k, v in sorted((meta.get("annotations") or {}).items()))
    labels = ",".join(f"{k}={v}" for k, v in sorted(rel.labels.items()))
    deps = ",".join(d.get("name", "") for d in meta.get("dependencies") or [])
    moment = _moment(epoch, rel.last_deployed)
    deployed = moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "0001-01-01T00:00:00Z"
    method = {"": "client-side apply (defaulted)", "csa": "client-side apply",
              "ssa": "server-side apply"}.get(rel.apply_method, f'unknown ("{rel.apply_method}")')
    return (f"NAME: {rel.name}\nCHART: {rel.chart_name}\nVERSION: {rel.chart_version}\n"
            f"APP_VERSION: {rel.app_version}\nANNOTATIONS: {annotations}\nLABELS: {labels}\n"
            f"DEPENDENCIES: {deps}\nNAMESPACE: {rel.namespace}\nREVISION: {rel.version}\n"
            f"STATUS: {rel.status}\nDEPLOYED_AT: {deployed}\nAPPLY_METHOD: {method}\n")


def release_struct(rel: Release, epoch: datetime) -> dict[str, Any]:
    """The release as Go templates see Helm's struct (`helm get all --template`): exported
    field names, times as Go time.Time values."""
    from minicluster.templates.sprig._gotime import UTC, ZERO_TIME, Time

    def go_time_value(at: float | None) -> Any:
        if at is None:
            return ZERO_TIME
        moment = epoch + timedelta(seconds=at)
        seconds = moment.timestamp()
        whole = int(seconds // 1)
        return Time(whole, round((seconds - whole) * 1e9), UTC)

    meta = rel.chart_metadata
    return {
        "Name": rel.name, "Namespace": rel.namespace, "Version": rel.version,
        "Manifest": rel.manifest, "Config": rel.config, "Labels": rel.labels,
        "Info": {"Status": rel.status, "Description": rel.description, "Notes": rel.notes,
                 "FirstDeployed": go_time_value(rel.first_deployed),
                 "LastDeployed": go_time_value(rel.last_deployed),
                 "Deleted": go_time_value(rel.deleted)},
        "Chart": {"Metadata": {"Name": meta.get("name", ""), "Version": meta.get("version", ""),
                               "AppVersion": meta.get("appVersion", ""),
                               "Description": meta.get("description", ""),
                               "APIVersion": meta.get("apiVersion", "")},
                  "Values": rel.chart.get("values") or {}},
        "Hooks": [{"Name": h.name, "Kind": h.kind, "Path": h.path, "Manifest": h.manifest,
                   "Events": list(h.events), "Weight": h.weight,
                   "DeletePolicies": list(h.delete_policies),
                   "LastRun": {"StartedAt": go_time_value(h.last_run.started_at),
                               "CompletedAt": go_time_value(h.last_run.completed_at),
                               "Phase": h.last_run.phase}} for h in rel.hooks],
    }
