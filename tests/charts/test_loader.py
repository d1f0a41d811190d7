"""Loading charts: Helm's error texts, .helmignore, archives, Chart.yaml decoding."""

from __future__ import annotations

import io
import tarfile

import pytest

from minicluster.helm.chart import ChartError, load_chart
from minicluster.helm.chart.ignore import Rules, go_match
from minicluster.helm.chart.metadata import as_map

from .conftest import FIXTURES, write_chart

OK = "apiVersion: v2\nname: c\nversion: 0.1.0\n"


def _load(tmp_path, files):
    return load_chart(str(write_chart(tmp_path / "c", files)))


@pytest.mark.parametrize("chart_yaml, message", [
    ("apiVersion: v2\nversion: 0.1.0\n", "validation: chart.metadata.name is required"),
    ("apiVersion: v2\nname: c\n", "validation: chart.metadata.version is required"),
    ("apiVersion: v2\nname: c\nversion: one\n", 'validation: chart.metadata.version "one" is invalid'),
    ("apiVersion: v2\nname: a/b\nversion: 1.0.0\n", 'validation: chart.metadata.name "a/b" is invalid'),
    ("apiVersion: v2\nname: ..\nversion: 1.0.0\n", 'validation: chart.metadata.name ".." is not allowed'),
    ("apiVersion: v2\nname: c\nversion: 1.0.0\ntype: app\n",
     "validation: chart.metadata.type must be application or library"),
    ("apiVersion: v9\nname: c\nversion: 1.0.0\n", "unsupported chart version"),
    ("apiVersion: v2\nname: c\nversion: 1.0.0\nmaintainers: [null]\n",
     "validation: maintainers must not contain empty or null nodes"),
    ("apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n- name: d\n  alias: a.b\n",
     'validation: dependency "d" has disallowed characters in the alias'),
    ("apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n- name: d\n- name: e\n  alias: d\n",
     'validation: more than one dependency with name or alias "d"'),
    ("apiVersion: v2\nname: c\nversion: [1]\n",
     "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
     "array into Go struct field Metadata.version of type string"),
    ("apiVersion: v2\nname: c\nversion: 1.0.0\ndeprecated: \"yes\"\n",
     "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
     "string into Go struct field Metadata.deprecated of type bool"),
    ("apiVersion: v2\nname: c\n  version: 1\n",
     "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 3: mapping values are "
     "not allowed in this context"),
])
def test_chart_yaml_errors(tmp_path, chart_yaml, message):
    with pytest.raises(ChartError) as err:
        _load(tmp_path, {"Chart.yaml": chart_yaml})
    assert err.value.message == message


def test_chart_yaml_numbers_become_strings_like_go(tmp_path):
    chart = _load(tmp_path, {"Chart.yaml": "apiVersion: v2\nNAME: c\nversion: 1.10\n"
                                           "appVersion: 1000000\nkeywords: [1, yes]\n"})
    md = as_map(chart.metadata)
    # floats: float32 %g; ints as digits; case-insensitive field names; bools in string lists
    assert (md["Name"], md["Version"], md["AppVersion"], md["Keywords"]) == \
        ("c", "1.1", "1000000", ["1", "true"])
    assert chart.metadata.api_version == "v2"


def test_missing_api_version_means_v1(tmp_path):
    assert _load(tmp_path, {"Chart.yaml": "name: c\nversion: 1.0.0\n"}).metadata.api_version == "v1"


def test_values_yaml_errors_and_multi_documents(tmp_path):
    chart = _load(tmp_path, {"Chart.yaml": OK, "values.yaml": "a: 1\nb: {c: 1}\n---\nb: {d: 2}\n"})
    assert chart.values == {"a": 1.0, "b": {"c": 1.0, "d": 2.0}}
    with pytest.raises(ChartError) as err:
        load_chart(str(write_chart(tmp_path / "d", {"Chart.yaml": OK, "values.yaml": "- 1\n"})))
    assert err.value.message == (
        "cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while "
        "decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")


def test_file_sorting_bom_and_helmignore(tmp_path):
    chart = _load(tmp_path, {
        "Chart.yaml": "\ufeff" + OK, ".helmignore": "*.bak\nsecret/\n/top.txt\n",
        "templates/a.yaml": "x", "templates/.hidden.yaml": "x", "a.bak": "x", "secret/s": "x",
        "top.txt": "x", "sub/top.txt": "x", "keep": "x", "charts/x.prov": "sig"})
    assert [t.name for t in chart.templates] == ["templates/a.yaml"]
    assert sorted(f.name for f in chart.files) == [".helmignore", "charts/x.prov", "keep",
                                                   "sub/top.txt"]
    assert chart.metadata.name == "c"  # the BOM is gone


def test_helmignore_negation_quirk(tmp_path):
    # A negated rule ignores every path that does *not* match it, Chart.yaml included.
    with pytest.raises(ChartError, match="^Chart.yaml file is missing$"):
        load_chart(str(write_chart(tmp_path / "n", {"Chart.yaml": OK, ".helmignore": "!keep\n",
                                                    "keep": "x"})), dispatch=False)


def test_helmignore_rules_in_isolation():
    rules = Rules.parse("*.txt\ndocs/\n/root.md\nfoo/*.yaml\n")
    rules.add_defaults()
    assert rules.ignore("a/b/c.txt", False)
    assert rules.ignore("docs", True) and not rules.ignore("docs", False)
    assert rules.ignore("root.md", False)
    assert rules.ignore("foo/x.yaml", False) and not rules.ignore("bar/foo/x.yaml", False)
    assert rules.ignore("templates/.swp", False) and not rules.ignore("templates/a", False)
    with pytest.raises(ChartError, match=r"double-star \(\*\*\) syntax is not supported"):
        Rules.parse("**/x")
    assert go_match("a[!b]c", "a!c") and not go_match("*", "a/b") and go_match("a?c", "abc")


def _tgz(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_archives(tmp_path):
    archive = tmp_path / "c-0.1.0.tgz"
    archive.write_bytes(_tgz({"c/Chart.yaml": OK, "c/templates/t.yaml": "a: 1",
                              "c/.helmignore": "*.yaml\n"}))
    chart = load_chart(str(archive))
    assert [t.name for t in chart.templates] == ["templates/t.yaml"]  # no .helmignore in archives
    (tmp_path / "v.yaml").write_text("a: 1\n")
    with pytest.raises(ChartError, match="seems to be a YAML file, but expected a gzipped archive"):
        load_chart(str(tmp_path / "v.yaml"))
    escape = tmp_path / "evil.tgz"
    escape.write_bytes(_tgz({"c/Chart.yaml": OK, "c/../../x": "boom"}))
    with pytest.raises(ChartError, match="unable to load chart archive"):
        load_chart(str(escape))


def test_subcharts_dirs_and_archives():
    chart = load_chart(str(FIXTURES / "umbrella"))
    assert [d.name for d in chart.dependencies] == ["cache", "db", "libchart"]
    assert chart.dependencies[1].full_path() == "umbrella/charts/db"
    assert chart.dependencies[2].is_library
    assert [f.name for f, _ in [(c, None) for c in chart.files]] == [
        ".helmignore", "crds/widget.yaml", "files/conf/app.properties", "files/lines.txt"]
