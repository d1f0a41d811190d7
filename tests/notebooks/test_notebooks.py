"""Every notebook of the course and the labs executes top to bottom, headlessly, with the
solutions applied to its `%%chartfile` cells; a lab notebook's final check then passes."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted([*(ROOT / "course").glob("*.ipynb"), *(ROOT / "labs").glob("*/*.ipynb")])


def _solution_for(notebook: Path) -> Path | None:
    from minicluster.grading.registry import all_labs

    for lab in all_labs().values():
        if Path(lab.notebook).name == notebook.name:
            return ROOT / "solutions" / lab.id
    return None


def _apply_solutions(nb: nbformat.NotebookNode, solution: Path) -> int:
    applied = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("%%chartfile "):
            first, _, _ = cell.source.partition("\n")
            path = solution / first.split(maxsplit=1)[1].strip()
            cell.source = first + "\n" + path.read_text()
            applied += 1
    return applied


@pytest.mark.notebook
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_executes_with_solutions(notebook: Path, tmp_path: Path) -> None:
    workdir = tmp_path / notebook.parent.name
    shutil.copytree(notebook.parent, workdir)
    nb = nbformat.read(workdir / notebook.name, as_version=4)
    solution = _solution_for(notebook)
    if solution is not None:
        assert _apply_solutions(nb, solution) > 0, "a lab notebook has no %%chartfile cell"
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert errors == [], errors
    if solution is not None:
        last = nb.cells[-1]["outputs"]
        text = "".join(str(o.get("data", {}).get("text/plain", "")) for o in last)
        assert "All checks pass." in text or "Some checks fail" not in text, text
        html = "".join(str(o.get("data", {}).get("text/html", "")) for o in last)
        assert "✗" not in html, html


def test_there_are_notebooks() -> None:
    assert any(p.parent.name == "course" for p in NOTEBOOKS)
    assert sum(1 for p in NOTEBOOKS if p.parent.parent.name == "labs") >= 1
