"""`minicluster lab ...` and `minicluster grade ...`."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from minicluster.core.errors import MiniclusterError

from .registry import add_hidden_checks, all_labs, get_lab
from .runner import fresh_lab, run_checks


def labs_root() -> str:
    """The repository's labs/ folder (the kit is used from a checkout or an editable install)."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.environ.get("MINICLUSTER_LABS", os.path.join(here, "labs"))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise MiniclusterError(f"error: {message}\n{self.format_usage().rstrip()}")


def lab_main(argv: list[str], cwd: str) -> int:
    parser = _Parser(prog="minicluster lab", description="The labs and their checks.")
    sub = parser.add_subparsers(dest="verb", required=True)
    sub.add_parser("list", help="list the labs, one per line, id first")
    start = sub.add_parser("start", help="copy a lab's starter chart and notebook")
    start.add_argument("lab")
    start.add_argument("dir", nargs="?")
    check = sub.add_parser("check", help="run a lab's checks on a chart")
    check.add_argument("lab")
    check.add_argument("chart_dir")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)

    if args.verb == "list":
        for lab in all_labs().values():
            print(f"{lab.id}\t{lab.title}")
        return 0
    lab = get_lab(args.lab)
    if args.verb == "start":
        target = os.path.abspath(os.path.join(cwd, args.dir or lab.id))
        if os.path.exists(target) and os.listdir(target):
            raise MiniclusterError(f"error: {target} already exists and is not empty")
        # The whole lab folder: notebook, starter chart, and the manifests the notebook applies
        # (a database, a cache) - the notebook refers to them by relative path.
        lab_dir = os.path.join(labs_root(), os.path.dirname(lab.notebook))
        shutil.copytree(lab_dir, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        chart = os.path.join(target, os.path.relpath(os.path.join(labs_root(), lab.starter),
                                                     lab_dir))
        print(f"Lab {lab.id} is ready in {target}:\n"
              f"  chart:    {chart}\n"
              f"  notebook: {os.path.join(target, os.path.basename(lab.notebook))}\n"
              f"Check your chart with: minicluster lab check {lab.id} "
              f"{os.path.relpath(chart, cwd)}")
        return 0
    report = run_checks(lab, os.path.join(cwd, args.chart_dir)).visible()
    print(report.to_json() if args.json else report.text(), end="\n" if args.json else "")
    return 0 if report.passed else 1


def grade_main(argv: list[str], cwd: str) -> int:
    from .batch import grade_all
    from .formats import FORMATS

    parser = _Parser(prog="minicluster grade",
                     description="Grade every submission in a folder (one sub-folder each).")
    parser.add_argument("lab")
    parser.add_argument("submissions")
    parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
    parser.add_argument("--output", "-o", help="write the report here instead of stdout")
    parser.add_argument("--hidden", help="folder of hidden checks (<lab_id>.py)")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="parallel submissions")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="wall seconds per submission (default 120)")
    args = parser.parse_args(argv)
    lab = fresh_lab(get_lab(args.lab))
    folder = os.path.join(cwd, args.submissions)
    if not os.path.isdir(folder):
        raise MiniclusterError(f"error: {args.submissions} is not a folder")
    hidden = os.path.join(cwd, args.hidden) if args.hidden else None
    if hidden:
        add_hidden_checks(lab, hidden)
    reports = grade_all(lab, folder, hidden_dir=hidden, jobs=args.jobs, timeout=args.timeout)
    text = FORMATS[args.format](reports)
    if args.output:
        with open(os.path.join(cwd, args.output), "w") as fh:
            fh.write(text)
        print(f"Graded {len(reports)} submissions of lab {lab.id} -> {args.output}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
