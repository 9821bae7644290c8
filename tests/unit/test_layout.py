"""The plumbing knows no stage, and each stage is its own package."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
STAGE_PACKAGES = ("ingest", "classify", "events", "notify", "demo")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_runtime_imports_no_stage_and_not_the_root_config():
    offenders = {
        f"{path.name}: {module}"
        for path in (SERVICES / "runtime").glob("*.py")
        for module in imported_modules(path)
        if module == "services.config" or any(module.startswith(f"services.{stage}") for stage in STAGE_PACKAGES)
    }
    assert not offenders


def test_launch_event_clustering_lives_in_the_events_package():
    classify_modules = {path.stem for path in (SERVICES / "classify").glob("*.py")}
    assert not classify_modules & {"eventstate", "eventstore", "clusterer"}
    assert {"clusterer", "state", "store", "worker", "settings"} <= {p.stem for p in (SERVICES / "events").glob("*.py")}


def test_notify_takes_only_the_pure_map_drawing_from_the_web_package():
    from_web = {module for path in (SERVICES / "notify").glob("*.py") for module in imported_modules(path)
                if module.startswith("services.web")}
    assert from_web <= {"services.web.mapdraw", "services.web.geo"}
    pure = ("mapdraw.py", "geo.py", "basemap.py", "maritime.py")
    reached = {module for name in pure for module in imported_modules(SERVICES / "web" / name)}
    assert not {m for m in reached if m.split(".")[0] in {"aiohttp", "aiokafka", "jinja2", "shapely"}
                or (m.startswith("services.")
                    and m not in {"services.web.geo", "services.web.basemap", "services.web.maritime"})}
