"""Loading a chart from a directory or a .tgz archive, as helm's chart loader does.

Facts (helm pkg/chart/loader, pkg/chart/v2/loader): a directory is walked in lexical order with
.helmignore applied (never inside archives); a UTF-8 BOM is stripped from every file; files are
sorted into Chart.yaml, values.yaml (multi-document, merged), values.schema.json, templates/,
charts/ (subcharts: directories and .tgz, names starting with `_` or `.` skipped), and the rest
(what `.Files` sees, including crds/ and charts/*.prov). A missing apiVersion means v1.
"""

from __future__ import annotations

import gzip
import io
import os
import posixpath
import tarfile
from typing import Any

from . import goyaml, metadata
from .errors import ChartError, YamlError
from .ignore import HELMIGNORE, Rules
from .model import Chart, ChartFile

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_CHART_SIZE = 100 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def load_chart(path: str, *, dispatch: bool = True) -> Chart:
    """A chart from a directory or an archive. Raises ChartError with Helm's message.

    `dispatch=False` is the v2 loader used directly (as `helm lint` does): no check of the
    apiVersion before loading."""
    if not os.path.exists(path):
        raise ChartError(f"stat {path}: no such file or directory")
    if os.path.isdir(path):
        if not dispatch:
            chart = load_files(_dir_files(os.path.abspath(path)))
            chart.path = os.path.abspath(path)
            return chart
        return _load_dir_checked(path)
    return _load_file(path)


def _load_dir_checked(path: str) -> Chart:
    top = os.path.abspath(path)
    chart_yaml = os.path.join(top, "Chart.yaml")
    try:
        with open(chart_yaml, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ChartError(
            f"unable to detect chart at {chart_yaml}: open {chart_yaml}: no such file or directory"
        ) from None
    except IsADirectoryError:
        raise ChartError(f"unable to detect chart at {chart_yaml}: read {chart_yaml}: "
                         "is a directory") from None
    _check_api_version(data)
    chart = load_files(_dir_files(top))
    chart.path = top
    return chart


def _check_api_version(data: bytes) -> None:
    try:
        md = goyaml.load_any(data.decode("utf-8", "replace"))
    except YamlError as exc:
        raise ChartError(f"cannot load Chart.yaml: {_yaml_msg(exc)}") from None
    api = md.get("apiVersion") if isinstance(md, dict) else None
    if api not in (None, "", "v1", "v2", "v3"):
        raise ChartError("unsupported chart version")
    if api == "v3":
        raise ChartError("chart apiVersion v3 is experimental and not supported by minicluster")


def _yaml_msg(exc: YamlError) -> str:
    msg = exc.message
    return msg if msg.startswith("error ") else f"error converting YAML to JSON: {msg}"


def _dir_files(top: str) -> list[ChartFile]:
    rules = Rules()
    ignore_file = os.path.join(top, HELMIGNORE)
    if os.path.exists(ignore_file):
        with open(ignore_file, encoding="utf-8", errors="replace") as fh:
            rules = Rules.parse(fh.read())
    rules.add_defaults()
    files: list[ChartFile] = []

    def walk(directory: str, rel: str) -> None:
        for entry in sorted(os.listdir(directory)):
            full = os.path.join(directory, entry)
            name = f"{rel}{entry}"
            if os.path.isdir(full):
                if rules.ignore(name, True):
                    continue
                walk(full, name + "/")
                continue
            if rules.ignore(name, False):
                continue
            if not os.path.isfile(full):
                raise ChartError(
                    f"cannot load irregular file {full} as it has file mode type bits set")
            size = os.path.getsize(full)
            if size > MAX_FILE_SIZE:
                raise ChartError(f'chart file "{entry}" is larger than the maximum file size '
                                 f"{MAX_FILE_SIZE}")
            with open(full, "rb") as fh:
                data = fh.read()
            files.append(ChartFile(name, data.removeprefix(_BOM)))

    walk(top, "")
    return files


def _load_file(path: str) -> Chart:
    with open(path, "rb") as fh:
        raw = fh.read()
    if not raw.startswith(b"\x1f\x8b\x08"):
        if path.endswith((".yml", ".yaml")):
            raise ChartError(f"file '{path}' seems to be a YAML file, but expected a gzipped archive")
        kind = "text/plain; charset=utf-8" if _looks_text(raw) else "application/octet-stream"
        raise ChartError(f"file '{path}' does not appear to be a gzipped archive; got '{kind}'")
    try:
        files = archive_files(raw)
    except ChartError:
        raise ChartError("unable to load chart archive") from None
    chart_yaml = next((f for f in files if f.name == "Chart.yaml"), None)
    if chart_yaml is None:
        raise ChartError("unable to detect chart version, no Chart.yaml found")
    _check_api_version(chart_yaml.data)
    chart = load_files(files)
    chart.path = os.path.abspath(path)
    return chart


def _looks_text(raw: bytes) -> bool:
    head = raw[:512]
    return b"\x00" not in head


def archive_files(raw: bytes) -> list[ChartFile]:
    """The files of a chart archive, names without the top directory; Helm's path checks."""
    try:
        tar = tarfile.open(fileobj=io.BytesIO(gzip.decompress(raw)), mode="r:")
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise ChartError(str(exc)) from None
    files: list[ChartFile] = []
    remaining = MAX_CHART_SIZE
    with tar:
        for member in tar.getmembers():
            if member.isdir() or member.type in (tarfile.XHDTYPE, tarfile.XGLTYPE):
                continue
            delim = "\\" if "\\" in member.name else "/"
            parts = member.name.split(delim)
            name = "/".join(parts[1:])
            if name.startswith("/"):
                raise ChartError("chart illegally contains absolute paths")
            name = posixpath.normpath(name) if name else "."
            if name == ".":
                raise ChartError("chart illegally contains content outside the base directory: "
                                 f'"{member.name}"')
            if name.startswith(".."):
                raise ChartError("chart illegally references parent directory")
            if parts[0] == "Chart.yaml":
                raise ChartError("chart yaml not in base directory")
            if member.size > remaining:
                raise ChartError(f"decompressed chart is larger than the maximum size {MAX_CHART_SIZE}")
            if member.size > MAX_FILE_SIZE:
                raise ChartError(f'decompressed chart file "{member.name}" is larger than the '
                                 f"maximum file size {MAX_FILE_SIZE}")
            fh = tar.extractfile(member)
            data = fh.read() if fh is not None else b""
            remaining -= len(data)
            files.append(ChartFile(name, data.removeprefix(_BOM)))
    if not files:
        raise ChartError("no files in chart archive")
    return files


def load_files(files: list[ChartFile]) -> Chart:
    """LoadFiles: sort files into the chart's parts and load subcharts."""
    md: metadata.Metadata | None = None
    for f in files:
        if f.name == "Chart.yaml":
            try:
                md = metadata.decode_metadata(f.text)
            except YamlError as exc:
                raise ChartError(f"cannot load Chart.yaml: {exc.message}") from None
            if not md.api_version:
                md.api_version = metadata.API_V1
    chart = Chart(metadata=md or metadata.Metadata(), raw=list(files))
    subcharts: dict[str, list[ChartFile]] = {}
    requirements: Any = None
    for f in files:
        name = f.name
        if name == "Chart.yaml":
            continue
        if name in ("Chart.lock", "requirements.lock"):
            try:
                chart.lock = goyaml.load_any(f.text)
            except YamlError as exc:
                raise ChartError(f"cannot load {name}: {_yaml_msg(exc)}") from None
            if name == "requirements.lock" and md is not None and md.api_version == metadata.API_V1:
                chart.files.append(f)
        elif name == "values.yaml":
            try:
                chart.values = goyaml.load_values(f.text)
            except YamlError as exc:
                raise ChartError(f"cannot load values.yaml: {exc.message}") from None
        elif name == "values.schema.json":
            chart.schema = f.data
        elif name == "requirements.yaml":
            requirements = f
            if md is not None and md.api_version == metadata.API_V1:
                chart.files.append(f)
        elif name.startswith("templates/"):
            chart.templates.append(f)
        elif name.startswith("charts/"):
            if name.endswith(".prov"):
                chart.files.append(f)
                continue
            rest = name[len("charts/"):]
            sub_dir = rest.split("/", 1)[0]
            subcharts.setdefault(sub_dir, []).append(ChartFile(rest, f.data))
        else:
            chart.files.append(f)
    if md is None:
        raise ChartError("Chart.yaml file is missing")
    if requirements is not None:
        _apply_requirements(md, requirements)
    metadata.validate(md)
    for sub_name in sorted(subcharts):
        sub_files = subcharts[sub_name]
        if sub_name[:1] in ("_", "."):
            continue
        sub: Chart
        try:
            if sub_name.endswith(".tgz"):
                first = sub_files[0]
                if first.name != sub_name:
                    raise ChartError(f"error unpacking subchart tar in {md.name}: expected "
                                     f"{sub_name}, got {first.name}")
                sub = load_files(archive_files(first.data))
            else:
                inner = [ChartFile(f.name.split("/", 1)[1], f.data)
                         for f in sub_files if "/" in f.name]
                sub = load_files(inner)
        except ChartError as exc:
            if exc.message.startswith("error unpacking subchart tar"):
                raise
            raise ChartError(f"error unpacking subchart {sub_name} in {md.name}: {exc.message}") from None
        chart.add_dependency(sub)
    return chart


def _apply_requirements(md: metadata.Metadata, f: ChartFile) -> None:
    """requirements.yaml (apiVersion v1): its `dependencies` land in the metadata."""
    try:
        req = metadata.decode_metadata(f.text)
    except YamlError as exc:
        raise ChartError(f"cannot load requirements.yaml: {exc.message}") from None
    if req.dependencies:
        md.dependencies = req.dependencies


def locate_chart(ref: str, resolved: str) -> str:
    """LocateChart for local charts: `resolved` is `ref` made absolute against the cwd."""
    ref = ref.strip()
    if os.path.exists(resolved):
        return resolved
    if os.path.isabs(ref) or ref.startswith("."):
        raise ChartError(f'path "{ref}" not found')
    if "/" not in ref:
        raise ChartError(
            f"non-absolute URLs should be in form of repo_name/path_to_chart, got: {ref}")
    repo = ref.split("/", 1)[0]
    raise ChartError(f'repo {repo} not found')
