from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, env_names, load_settings
from handlers.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_has_description_and_env_var() -> None:
    for name, info in Settings.model_fields.items():
        assert info.description, f"{name} has no description"
        assert info.validation_alias is not None, f"{name} has no env var"


def test_env_example_lists_every_setting() -> None:
    text = (ROOT / ".env.example").read_text()
    listed = {line.split("=", 1)[0].lstrip("# ").strip() for line in text.splitlines() if "=" in line}
    missing = set(env_names()) - listed
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_defaults_need_no_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for var in env_names():
        monkeypatch.delenv(var, raising=False)
    s = load_settings()
    assert s.data_dir == Path(".ftadvisor")
    assert s.resolved_database_url.startswith("sqlite:///")
    assert not s.llm_configured


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTADVISOR_TOP_K", "many")
    with pytest.raises(ConfigError, match="FTADVISOR_TOP_K"):
        load_settings()


def test_secrets_do_not_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-supersecretvalue123")
    s = load_settings()
    assert "supersecret" not in repr(s)
    assert s.llm_configured


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [env for env in env_names() if f"`{env}`" not in readme]
    assert not missing, f"README.md's configuration table lacks {missing}"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make run" in readme
    commands = [ln for ln in ci.splitlines() if ln.strip() and not ln.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"], commands
