"""`helm show` and `helm create` through the command line."""

from __future__ import annotations

from .conftest import FIXTURES


def test_create_writes_the_scaffold_in_the_working_directory(helm):
    result = helm("create web")
    assert (result.stdout, result.stderr, result.exit_code) == ("Creating web\n", "", 0)
    chart = helm.cwd / "web"
    assert sorted(p.relative_to(chart).as_posix() for p in chart.rglob("*")) == [
        ".helmignore", "Chart.yaml", "charts", "templates", "templates/NOTES.txt",
        "templates/_helpers.tpl", "templates/deployment.yaml", "templates/hpa.yaml",
        "templates/httproute.yaml", "templates/ingress.yaml", "templates/service.yaml",
        "templates/serviceaccount.yaml", "templates/tests", "templates/tests/test-connection.yaml",
        "values.yaml"]
    assert "name: web\n" in (chart / "Chart.yaml").read_text()
    again = helm("create web")
    assert again.stdout.startswith("Creating web\nWARNING: File ")
    assert again.stdout.count("already exists. Overwriting.") == 12


def test_create_errors(helm):
    assert helm("create bad/name!").stderr == (
        'Error: chart name must match the regular expression "^[a-zA-Z0-9._-]+$"\n')
    assert helm("create").stderr.startswith('Error: "helm create" requires 1 argument')
    assert "only creates charts inside the working directory" in helm("create /tmp/x").stderr
    assert helm("create missing/web").stderr == (
        f"Error: stat {helm.cwd}/missing: no such file or directory\n")


def test_show(helm):
    helm("create web")
    chart = helm("show chart web")
    assert chart.stdout == ("apiVersion: v2\nappVersion: 1.16.0\ndescription: A Helm chart for "
                            "Kubernetes\nname: web\ntype: application\nversion: 0.1.0\n\n")
    values = helm("show values web").stdout
    assert values == (helm.cwd / "web" / "values.yaml").read_text() + "\n"
    everything = helm("show all web").stdout
    assert everything == chart.stdout + "---\n" + values
    crds = helm(f"show crds {FIXTURES / 'umbrella'}").stdout
    assert crds.startswith("---\napiVersion: apiextensions.k8s.io/v1\n")
    assert helm("show readme web").stdout == ""
    assert helm("show chart").stderr.startswith('Error: "helm show chart" requires 1 argument')
    assert helm("show nope").exit_code == 1
    assert helm("show").stdout.startswith("This command consists of multiple subcommands")
    assert helm("inspect chart web").stdout == chart.stdout
