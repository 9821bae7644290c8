"""`python -m bench`: the runner writes one report holding every registered section."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import suite  # noqa: E402

MEASURED = '''
from bench.plots import bars
from bench.report import Section, Table

def section(ctx):
    figure = bars(ctx.out / "fake.png", ["a", "b"], {"step": [1.0, 2.0]}, title="fake", ylabel="ms")
    return Section(key="fake_measured", title="A measured section", command="python -m bench --only fake_measured",
                   tables=[Table("Figures", ["what", "ms"], [["p99", 12.5]])], figures=[figure],
                   raw={"p99_ms": 12.5, "quick": ctx.quick})
'''
UNFINISHED = "VALUE = 1  # no section(ctx) yet\n"
BROKEN = '''
def section(ctx):
    raise RuntimeError("the receiver never answered")
'''


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    package = tmp_path / "fakebench"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in (("fake_measured", MEASURED), ("fake_unfinished", UNFINISHED), ("fake_broken", BROKEN)):
        (package / f"{name}.py").write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    return ["fakebench.fake_measured", "fakebench.fake_unfinished", "fakebench.fake_broken"]


def test_report_holds_every_registered_section(tmp_path: Path, registry: list[str]) -> None:
    out = tmp_path / "report"
    status = suite.main(["--quick", "--out", str(out)], modules=registry)

    assert status == 1  # one section failed: CI sees it, and the report still has the others
    report = (out / "report.md").read_text()
    assert "## A measured section" in report and "| p99 | 12.5 |" in report
    assert "![fake](fake.png)" in report and (out / "fake.png").read_bytes()[:4] == b"\x89PNG"
    assert "Not measured: `fakebench.fake_unfinished` has no section(ctx) yet." in report
    assert "failed: RuntimeError: the receiver never answered" in report
    figures = json.loads((out / "figures.json").read_text())
    assert list(figures["sections"]) == ["fake_measured", "fake_unfinished", "fake_broken"]
    assert figures["sections"]["fake_measured"]["raw"]["quick"] is True
    assert figures["machine"]["cores"] >= 1


def test_only_runs_the_named_sections(tmp_path: Path, registry: list[str]) -> None:
    out = tmp_path / "report"
    status = suite.main(["--only", "fake_unfinished", "--out", str(out)], modules=registry)

    assert status == 0
    assert list(json.loads((out / "figures.json").read_text())["sections"]) == ["fake_unfinished"]


def test_unknown_section_name_is_a_usage_error(tmp_path: Path, registry: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        suite.main(["--only", "nope", "--out", str(tmp_path)], modules=registry)
    assert exit_info.value.code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err

