"""Typed settings, loaded once at the entry point from the environment (and `.env`).

Every setting has a default, a description and an environment variable; `.env.example` lists
them all and `tests/bot/test_settings.py` checks that it stays complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from bot import settings_checks as checks
from handlers.errors import ConfigError


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    # --- storage -----------------------------------------------------------------------------
    data_dir: Path = Field(
        Path(".ftadvisor"), validation_alias=_env("FTADVISOR_DATA_DIR"),
        description="Where the SQLite database, the chroma index and demo outputs live.",
    )
    database_url: str = Field(
        "", validation_alias=_env("DATABASE_URL"),
        description="SQLAlchemy URL; empty = SQLite file in the data dir. Postgres: postgresql+psycopg://...",
    )
    chroma_host: str = Field(
        "", validation_alias=_env("CHROMA_HOST"),
        description="Chroma server host; empty = an embedded PersistentClient under the data dir.",
    )
    chroma_port: int = Field(
        8000, ge=1, le=65535, validation_alias=_env("CHROMA_PORT"), description="Chroma server port."
    )
    chroma_collection: str = Field(
        "ftadvisor", validation_alias=_env("FTADVISOR_CHROMA_COLLECTION"),
        description="Chroma collection name (one per embedding backend is created with a suffix).",
    )

    # --- retrieval ---------------------------------------------------------------------------
    embeddings: Literal["onnx", "openai"] = Field(
        "onnx", validation_alias=_env("FTADVISOR_EMBEDDINGS"),
        description="Embedding backend: 'onnx' (shipped int8 all-MiniLM-L6-v2, offline) or 'openai'.",
    )
    openai_embedding_model: str = Field(
        "text-embedding-3-small", validation_alias=_env("FTADVISOR_OPENAI_EMBEDDING_MODEL"),
        description="Embedding model when FTADVISOR_EMBEDDINGS=openai.",
    )
    top_k: int = Field(
        5, ge=1, le=100, validation_alias=_env("FTADVISOR_TOP_K"), description="Passages retrieved per question."
    )
    min_relevance: float = Field(
        0.33, ge=0.0, le=1.0, validation_alias=_env("FTADVISOR_MIN_RELEVANCE"),
        description="Cosine similarity the best passage must reach, else the question counts as not covered.",
    )
    extra_corpus_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list, validation_alias=_env("FTADVISOR_EXTRA_CORPUS"),
        description="Extra folders indexed with the shipped corpus on first use (JSON or comma-separated list).",
    )

    # --- ingestion limits (per file) -----------------------------------------------------------
    ingest_max_file_mb: float = Field(
        20.0, gt=0, le=100, validation_alias=_env("FTADVISOR_INGEST_MAX_FILE_MB"),
        description="Largest file `ingest` reads, in MB (0 < value <= 100); larger files are skipped.",
    )
    ingest_max_chunks: int = Field(
        2000, ge=1, le=20000, validation_alias=_env("FTADVISOR_INGEST_MAX_CHUNKS"),
        description="Most chunks one ingested file may produce (1-20000); a file over it is skipped.",
    )
    ingest_max_seconds: float = Field(
        300.0, gt=0, le=3600, validation_alias=_env("FTADVISOR_INGEST_MAX_SECONDS"),
        description="Time budget of one ingested file in seconds (0 < value <= 3600); over it, it is skipped.",
    )

    # --- language model (optional) -------------------------------------------------------------
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=_env("OPENAI_API_KEY"),
        description="Key for the OpenAI-compatible endpoint; unset and no base URL = extractive answers only.",
    )
    openai_base_url: str = Field(
        "", validation_alias=_env("OPENAI_BASE_URL"),
        description=(
            "OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server...); empty = OpenAI's when a key is set."
        ),
    )
    llm_model: str = Field(
        "gpt-4o-mini", validation_alias=_env("FTADVISOR_LLM_MODEL"), description="Chat model name for answers."
    )
    llm_timeout_s: float = Field(
        20.0, gt=0, validation_alias=_env("FTADVISOR_LLM_TIMEOUT"),
        description="Timeout of one LLM HTTP call (seconds).",
    )
    llm_deadline_s: float = Field(
        30.0, gt=0, validation_alias=_env("FTADVISOR_LLM_DEADLINE"),
        description="Total time an answer may spend on the LLM (retries included) before falling back.",
    )
    llm_max_retries: int = Field(
        1, ge=0, le=10, validation_alias=_env("FTADVISOR_LLM_MAX_RETRIES"), description="LLM retries."
    )
    llm_max_tokens: int = Field(
        512, ge=16, le=32768, validation_alias=_env("FTADVISOR_LLM_MAX_TOKENS"),
        description="max_tokens sent with every LLM request (a generation never runs unbounded).",
    )
    llm_answer_style: Literal["write", "quote"] = Field(
        "write", validation_alias=_env("FTADVISOR_LLM_ANSWER_STYLE"),
        description=(
            "write: the model writes each sentence (checked against the passage it cites); quote: it may only "
            "choose sentences of the passages (for small local models that invent)."
        ),
    )
    llm_schema_mode: Literal["auto", "json_schema", "json_object", "none"] = Field(
        "auto", validation_alias=_env("FTADVISOR_LLM_SCHEMA_MODE"),
        description=(
            "How JSON output is constrained: json_schema (OpenAI, vLLM, llama-server), json_object "
            "(llama-cpp-python's server: json_object + schema), none, or auto (the first, else the second)."
        ),
    )

    # --- output safety -----------------------------------------------------------------------
    link_allowlist: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["slack.com", "microsoft.com", "github.com", "openai.com", "huggingface.co"],
        validation_alias=_env("FTADVISOR_LINK_ALLOWLIST"),
        description="Hosts links may point to, with their subdomains (JSON or comma-separated list); "
        "other links are removed from output.",
    )
    max_input_chars: int = Field(
        4000, ge=1, validation_alias=_env("FTADVISOR_MAX_INPUT_CHARS"), description="Longest message accepted."
    )

    # --- slack -------------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_BOT_TOKEN"), description="Bot token (xoxb-...)."
    )
    slack_signing_secret: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_SIGNING_SECRET"), description="Signing secret (HTTP mode)."
    )
    slack_app_token: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_APP_TOKEN"), description="xapp- token; set = Socket Mode."
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", validation_alias=_env("SLACK_API_URL"), description="Slack Web API base URL."
    )
    port: int = Field(
        3000, ge=1, le=65535, validation_alias=_env("PORT"),
        description="HTTP port for `serve slack` and `serve teams`.",
    )
    event_dedupe_ttl_s: int = Field(
        3600, ge=1, validation_alias=_env("FTADVISOR_EVENT_TTL"), description="How long processed event ids are kept."
    )
    slack_workers: int = Field(
        4, ge=1, le=256, validation_alias=_env("FTADVISOR_SLACK_WORKERS"),
        description="Threads that do the Slack app's work after each request is acknowledged.",
    )
    inbox_lease_s: int = Field(
        30, ge=1, validation_alias=_env("FTADVISOR_INBOX_LEASE"),
        description="Seconds accepted work stays with a replica without a heartbeat before another takes it over.",
    )
    inbox_sweep_s: float = Field(
        5.0, gt=0, validation_alias=_env("FTADVISOR_INBOX_SWEEP"),
        description="How often each chat server looks for accepted work whose replica died.",
    )

    # --- teams -------------------------------------------------------------------------------
    teams_app_id: str = Field("", validation_alias=_env("TEAMS_APP_ID"), description="Entra app (client) id.")
    teams_app_password: SecretStr | None = Field(
        None, validation_alias=_env("TEAMS_APP_PASSWORD"), description="Entra client secret."
    )
    teams_tenant_id: str = Field("", validation_alias=_env("TEAMS_TENANT_ID"), description="Entra tenant id.")
    teams_anonymous: bool = Field(
        False, validation_alias=_env("TEAMS_ANONYMOUS"),
        description="Accept unauthenticated requests (local testing with Agents Playground only).",
    )

    # --- demo --------------------------------------------------------------------------------
    demo_pack: str = Field(
        "ticket-triage", validation_alias=_env("FTADVISOR_DEMO_PACK"), description="Demo task pack name or folder."
    )
    demo_arms_file: Path | None = Field(
        None, validation_alias=_env("FTADVISOR_DEMO_ARMS"),
        description="YAML file describing the two OpenAI-compatible arms; unset = embedded Gemma 3 270M arms.",
    )
    demo_prompt_arm: Literal["auto", "gemma", "smollm2"] = Field(
        "auto", validation_alias=_env("FTADVISOR_DEMO_PROMPT_ARM"),
        description="The embedded demo's prompted arm: gemma (Gemma 3 270M base), smollm2 "
        "(SmolLM2-135M-Instruct), or auto = the stronger one on the pack's measured eval figures.",
    )
    demo_local_usd_per_hour: float | None = Field(
        None, ge=0, validation_alias=_env("FTADVISOR_LOCAL_USD_PER_HOUR"),
        description="What an hour of the machine running the local arms costs (prices local arms); "
        "unset = the demo pack's price.",
    )

    # --- training on a team's own examples (`pack create`, `finetune --pack`, `/ft-demo train`) -------
    train_max_rows: int = Field(
        20_000, ge=10, le=200_000, validation_alias=_env("FTADVISOR_TRAIN_MAX_ROWS"),
        description="Most rows a labelled file may have to become a pack.",
    )
    train_timeout_s: int = Field(
        600, ge=10, le=6 * 3600, validation_alias=_env("FTADVISOR_TRAIN_TIMEOUT"),
        description="Seconds a training job (training, learning curve and evaluation) may run before it is stopped.",
    )
    train_max_examples: int = Field(
        5_000, ge=10, le=100_000, validation_alias=_env("FTADVISOR_TRAIN_MAX_EXAMPLES"),
        description="Most training examples one job uses (a larger pack is refused with this limit named).",
    )
    train_max_seq_tokens: int = Field(
        256, ge=32, le=4096, validation_alias=_env("FTADVISOR_TRAIN_MAX_SEQ_TOKENS"),
        description="Longest training example in tokens (prompt + answer); longer ones are refused by row.",
    )
    train_max_memory_mb: int = Field(
        4096, ge=1024, le=262_144, validation_alias=_env("FTADVISOR_TRAIN_MAX_MEMORY_MB"),
        description="Resident memory (MB) a training process may use before it is stopped.",
    )
    train_threads: int = Field(
        1, ge=1, le=64, validation_alias=_env("FTADVISOR_TRAIN_THREADS"),
        description="CPU threads a background training job uses (the rest stay free for answering).",
    )

    # --- digests -----------------------------------------------------------------------------
    digest_quiet: Literal["skip", "short"] = Field(
        "short", validation_alias=_env("FTADVISOR_DIGEST_QUIET"),
        description="Quiet period: 'short' posts one line, 'skip' posts nothing.",
    )
    digest_timezone: str = Field(
        "UTC", validation_alias=_env("FTADVISOR_DIGEST_TZ"),
        description="IANA time zone of `digest subscribe` when the command names none.",
    )
    digest_lease_s: int = Field(
        300, ge=1, validation_alias=_env("FTADVISOR_DIGEST_LEASE"),
        description="Seconds a clock process holds a digest before another may take it over.",
    )
    digest_sweep_s: int = Field(
        300, ge=1, validation_alias=_env("FTADVISOR_DIGEST_SWEEP"),
        description="Seconds between the clock's sweeps for due or missed digests.",
    )

    # --- logging -----------------------------------------------------------------------------
    log_level: str = Field("INFO", validation_alias=_env("FTADVISOR_LOG_LEVEL"), description="Log level.")

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
        out[_env_name(name)] = (default, info.description or "")
    return out
