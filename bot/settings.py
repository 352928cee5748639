"""Typed settings, loaded once at the entry point from the environment (and `.env`).

Every setting has a default, a description (the docstring under it) and an environment variable,
declared by `setting()`; `.env.example` lists them all and `tests/bot/test_settings.py` checks that
it stays complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from bot import settings_checks as checks
from handlers.errors import ConfigError


def setting(env: str, default: Any = PydanticUndefined, **limits: Any) -> Any:
    """A setting read from the environment variable `env`: the one place that says how a setting is
    declared. Its description is the docstring under it (`.env.example`, `config` and README.md
    show it)."""
    return Field(default, validation_alias=AliasChoices(env), **limits)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, use_attribute_docstrings=True
    )

    # --- storage -----------------------------------------------------------------------------
    data_dir: Path = setting("FTADVISOR_DATA_DIR", Path(".ftadvisor"))
    """Where the SQLite database, the chroma index and demo outputs live."""
    database_url: str = setting("DATABASE_URL", "")
    """SQLAlchemy URL; empty = SQLite file in the data dir. Postgres: postgresql+psycopg://..."""
    chroma_host: str = setting("CHROMA_HOST", "")
    """Chroma server host; empty = an embedded PersistentClient under the data dir."""
    chroma_port: int = setting("CHROMA_PORT", 8000, ge=1, le=65535)
    """Chroma server port."""
    chroma_collection: str = setting("FTADVISOR_CHROMA_COLLECTION", "ftadvisor")
    """Chroma collection name (one per embedding backend is created with a suffix)."""

    # --- retrieval ---------------------------------------------------------------------------
    embeddings: Literal["onnx", "openai"] = setting("FTADVISOR_EMBEDDINGS", "onnx")
    """Embedding backend: 'onnx' (shipped int8 all-MiniLM-L6-v2, offline) or 'openai'."""
    openai_embedding_model: str = setting("FTADVISOR_OPENAI_EMBEDDING_MODEL", "text-embedding-3-small")
    """Embedding model when FTADVISOR_EMBEDDINGS=openai."""
    top_k: int = setting("FTADVISOR_TOP_K", 5, ge=1, le=100)
    """Passages retrieved per question."""
    min_relevance: float = setting("FTADVISOR_MIN_RELEVANCE", 0.33, ge=0.0, le=1.0)
    """Cosine similarity the best passage must reach, else the question counts as not covered."""
    extra_corpus_dirs: Annotated[list[Path], NoDecode] = setting("FTADVISOR_EXTRA_CORPUS", default_factory=list)
    """Extra folders indexed with the shipped corpus on first use (JSON or comma-separated list)."""

    # --- ingestion limits (per file) -----------------------------------------------------------
    ingest_max_file_mb: float = setting("FTADVISOR_INGEST_MAX_FILE_MB", 20.0, gt=0, le=100)
    """Largest file `ingest` reads, in MB (0 < value <= 100); larger files are skipped."""
    ingest_max_chunks: int = setting("FTADVISOR_INGEST_MAX_CHUNKS", 2000, ge=1, le=20000)
    """Most chunks one ingested file may produce (1-20000); a file over it is skipped."""
    ingest_max_seconds: float = setting("FTADVISOR_INGEST_MAX_SECONDS", 300.0, gt=0, le=3600)
    """Time budget of one ingested file in seconds (0 < value <= 3600); over it, it is skipped."""

    # --- language model (optional) -------------------------------------------------------------
    openai_api_key: SecretStr | None = setting("OPENAI_API_KEY", None)
    """Key for the OpenAI-compatible endpoint; unset and no base URL = extractive answers only."""
    openai_base_url: str = setting("OPENAI_BASE_URL", "")
    """OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server...); empty = OpenAI's when a key is set."""
    llm_model: str = setting("FTADVISOR_LLM_MODEL", "gpt-4o-mini")
    """Chat model name for answers."""
    llm_timeout_s: float = setting("FTADVISOR_LLM_TIMEOUT", 20.0, gt=0)
    """Timeout of one LLM HTTP call (seconds)."""
    llm_deadline_s: float = setting("FTADVISOR_LLM_DEADLINE", 30.0, gt=0)
    """Total time an answer may spend on the LLM (retries included) before falling back."""
    llm_max_retries: int = setting("FTADVISOR_LLM_MAX_RETRIES", 1, ge=0, le=10)
    """LLM retries."""
    llm_max_tokens: int = setting("FTADVISOR_LLM_MAX_TOKENS", 512, ge=16, le=32768)
    """max_tokens sent with every LLM request (a generation never runs unbounded)."""
    llm_answer_style: Literal["write", "quote"] = setting("FTADVISOR_LLM_ANSWER_STYLE", "write")
    """write: the model writes each sentence (checked against the passage it cites); quote: it may only choose
    sentences of the passages (for small local models that invent)."""
    llm_schema_mode: Literal["auto", "json_schema", "json_object", "none"] = setting(
        "FTADVISOR_LLM_SCHEMA_MODE", "auto"
    )
    """How JSON output is constrained: json_schema (OpenAI, vLLM, llama-server), json_object (llama-cpp-python's
    server: json_object + schema), none, or auto (the first, else the second)."""

    # --- output safety -----------------------------------------------------------------------
    link_allowlist: Annotated[list[str], NoDecode] = setting(
        "FTADVISOR_LINK_ALLOWLIST",
        default_factory=lambda: ["slack.com", "microsoft.com", "github.com", "openai.com", "huggingface.co"],
    )
    """Hosts links may point to, with their subdomains (JSON or comma-separated list); other links are removed from
    output."""
    max_input_chars: int = setting("FTADVISOR_MAX_INPUT_CHARS", 4000, ge=1)
    """Longest message accepted."""

    # --- slack -------------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = setting("SLACK_BOT_TOKEN", None)
    """Bot token (xoxb-...)."""
    slack_signing_secret: SecretStr | None = setting("SLACK_SIGNING_SECRET", None)
    """Signing secret (HTTP mode)."""
    slack_app_token: SecretStr | None = setting("SLACK_APP_TOKEN", None)
    """xapp- token; set = Socket Mode."""
    slack_api_url: str = setting("SLACK_API_URL", "https://slack.com/api/")
    """Slack Web API base URL."""
    port: int = setting("PORT", 3000, ge=1, le=65535)
    """HTTP port for `serve slack` and `serve teams`."""
    event_dedupe_ttl_s: int = setting("FTADVISOR_EVENT_TTL", 3600, ge=1)
    """How long processed event ids are kept."""
    slack_workers: int = setting("FTADVISOR_SLACK_WORKERS", 4, ge=1, le=256)
    """Threads that do the Slack app's work after each request is acknowledged."""
    inbox_lease_s: int = setting("FTADVISOR_INBOX_LEASE", 30, ge=1)
    """Seconds accepted work stays with a replica without a heartbeat before another takes it over."""
    inbox_sweep_s: float = setting("FTADVISOR_INBOX_SWEEP", 5.0, gt=0)
    """How often each chat server looks for accepted work whose replica died."""

    # --- teams -------------------------------------------------------------------------------
    teams_app_id: str = setting("TEAMS_APP_ID", "")
    """Entra app (client) id."""
    teams_app_password: SecretStr | None = setting("TEAMS_APP_PASSWORD", None)
    """Entra client secret."""
    teams_tenant_id: str = setting("TEAMS_TENANT_ID", "")
    """Entra tenant id."""
    teams_anonymous: bool = setting("TEAMS_ANONYMOUS", False)
    """Accept unauthenticated requests (local testing with Agents Playground only)."""

    # --- demo --------------------------------------------------------------------------------
    demo_pack: str = setting("FTADVISOR_DEMO_PACK", "ticket-triage")
    """Demo task pack name or folder."""
    demo_arms_file: Path | None = setting("FTADVISOR_DEMO_ARMS", None)
    """YAML file describing the two OpenAI-compatible arms; unset = embedded Gemma 3 270M arms."""
    demo_prompt_arm: Literal["auto", "gemma", "smollm2"] = setting("FTADVISOR_DEMO_PROMPT_ARM", "auto")
    """The embedded demo's prompted arm: gemma (Gemma 3 270M base), smollm2 (SmolLM2-135M-Instruct), or auto = the
    stronger one on the pack's measured eval figures."""
    demo_local_usd_per_hour: float | None = setting("FTADVISOR_LOCAL_USD_PER_HOUR", None, ge=0)
    """What an hour of the machine running the local arms costs (prices local arms); unset = the demo pack's price."""

    # --- training on a team's own examples (`pack create`, `finetune --pack`, `/ft-demo train`) -------
    train_max_rows: int = setting("FTADVISOR_TRAIN_MAX_ROWS", 20_000, ge=10, le=200_000)
    """Most rows a labelled file may have to become a pack."""
    train_timeout_s: int = setting("FTADVISOR_TRAIN_TIMEOUT", 600, ge=10, le=6 * 3600)
    """Seconds a training job (training, learning curve and evaluation) may run before it is stopped."""
    train_max_examples: int = setting("FTADVISOR_TRAIN_MAX_EXAMPLES", 5_000, ge=10, le=100_000)
    """Most training examples one job uses (a larger pack is refused with this limit named)."""
    train_max_seq_tokens: int = setting("FTADVISOR_TRAIN_MAX_SEQ_TOKENS", 256, ge=32, le=4096)
    """Longest training example in tokens (prompt + answer); longer ones are refused by row."""
    train_max_memory_mb: int = setting("FTADVISOR_TRAIN_MAX_MEMORY_MB", 4096, ge=1024, le=262_144)
    """Resident memory (MB) a training process may use before it is stopped."""
    train_threads: int = setting("FTADVISOR_TRAIN_THREADS", 1, ge=1, le=64)
    """CPU threads a background training job uses (the rest stay free for answering)."""

    # --- digests -----------------------------------------------------------------------------
    digest_quiet: Literal["skip", "short"] = setting("FTADVISOR_DIGEST_QUIET", "short")
    """Quiet period: 'short' posts one line, 'skip' posts nothing."""
    digest_timezone: str = setting("FTADVISOR_DIGEST_TZ", "UTC")
    """IANA time zone of `digest subscribe` when the command names none."""
    digest_lease_s: int = setting("FTADVISOR_DIGEST_LEASE", 300, ge=1)
    """Seconds a clock process holds a digest before another may take it over."""
    digest_sweep_s: int = setting("FTADVISOR_DIGEST_SWEEP", 300, ge=1)
    """Seconds between the clock's sweeps for due or missed digests."""

    # --- logging -----------------------------------------------------------------------------
    log_level: str = setting("FTADVISOR_LOG_LEVEL", "INFO")
    """Log level."""

    # --- checks a type cannot express (bot/settings_checks.py) --------------------------------
    _lists = field_validator("link_allowlist", "extra_corpus_dirs", mode="before")(checks.split_list)
    _hosts = field_validator("link_allowlist")(checks.link_hosts)
    _db = field_validator("database_url")(checks.database_url)
    _urls = field_validator("slack_api_url", "openai_base_url")(checks.http_url)
    _tz = field_validator("digest_timezone")(checks.time_zone)
    _level = field_validator("log_level")(checks.log_level)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'ftadvisor.db').resolve()}"

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_base_url) or self.openai_api_key is not None


def load_settings(**overrides: object) -> Settings:
    """Load settings once; a bad value fails fast with the variable to fix."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            env = _env_name(field)
            problems.append(f"{env}: {err['msg'].removeprefix('Value error, ')}")
        raise ConfigError("Invalid settings - fix these environment variables: " + "; ".join(problems)) from None
    except SettingsError as exc:  # a value the environment source could not even decode
        field = str(exc).split('"')[1] if str(exc).count('"') >= 2 else "?"
        raise ConfigError(f"Invalid settings - {_env_name(field)} could not be read: {exc}") from None


def _env_name(field: str) -> str:
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, AliasChoices):
        return str(info.validation_alias.choices[0])
    return field


def env_names() -> dict[str, tuple[object, str]]:
    """{ENV_VAR: (default, description)} for docs and `.env.example`."""
    out: dict[str, tuple[object, str]] = {}
    for name, info in Settings.model_fields.items():
        default = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
        out[_env_name(name)] = (default, " ".join((info.description or "").split()))  # one line each
    return out
