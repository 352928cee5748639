"""The trainable copy of Gemma 3 270M: loaded from the GGUF once, then cached as a regular HF folder.

transformers reads the GGUF (de-quantised to fp32) in about a minute; the cached folder loads in a
few seconds. The GGUF quantizer marker is cleared before saving, or `save_pretrained` refuses.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from bot.llm.local_arms import MODEL_SHA256, ensure_base_model

log = logging.getLogger(__name__)

HF_DIR_NAME = "gemma-3-270m-hf"
_MARKER = "SOURCE_SHA256"


def load_trainable(models_dir: Path) -> tuple[Any, Any, float]:
    """(model in fp32, tokenizer, seconds spent converting the GGUF; 0.0 when the cache was used)."""
    import time

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # our own progress bar is the one to watch
    hf_dir = models_dir / HF_DIR_NAME
    marker = hf_dir / _MARKER
    if marker.is_file() and marker.read_text().strip() == MODEL_SHA256:
        model = AutoModelForCausalLM.from_pretrained(hf_dir, dtype=torch.float32)
        tokenizer = AutoTokenizer.from_pretrained(hf_dir)
        return model, tokenizer, 0.0

    started = time.perf_counter()
    gguf = ensure_base_model(models_dir)
    log.info("converting %s to a trainable fp32 model (once)", gguf.name)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    # de-quantised weights are plain fp32 now; without the marker the model can be saved
    setattr(model, "hf_quantizer", None)  # noqa: B010 - the attribute is typed as a module
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    partial = hf_dir.with_name(HF_DIR_NAME + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    (partial / _MARKER).write_text(MODEL_SHA256 + "\n")
    shutil.rmtree(hf_dir, ignore_errors=True)
    partial.replace(hf_dir)
    return model, tokenizer, time.perf_counter() - started
