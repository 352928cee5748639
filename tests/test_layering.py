"""The dependency rule: bot -> handlers -> knowledge. handlers/ and knowledge/ never import
Slack or Microsoft SDKs, and knowledge/ never imports handlers/ or bot/, handlers/ never bot/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLATFORM_SDKS = ("slack_bolt", "slack_sdk", "microsoft_agents", "microsoft_teams", "botbuilder", "teams")
FORBIDDEN = {
    "handlers": (*PLATFORM_SDKS, "bot"),
    "knowledge": (*PLATFORM_SDKS, "bot", "handlers"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_respects_dependency_rule(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no python files under {package}/"
    offenders = []
    for f in files:
        for mod in imported_modules(f):
            top = mod.split(".")[0]
            if top in FORBIDDEN[package]:
                offenders.append(f"{f.relative_to(ROOT)} imports {mod}")
    assert not offenders, "dependency rule broken:\n" + "\n".join(offenders)


def test_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("import slack_sdk\nfrom bot.settings import Settings\n")
    assert {"slack_sdk", "bot.settings"} <= imported_modules(bad)
