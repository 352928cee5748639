"""Writes a peft LoRA state dict as a llama.cpp GGUF adapter (what `Llama(lora_path=...)` loads).

The layout is what llama.cpp's `convert_lora_to_gguf.py` produces: `general.type = adapter`,
`adapter.type = lora`, `adapter.lora.alpha`, and per target `blk.N.<tensor>.weight.lora_a`
(r x in) / `.lora_b` (out x r). Gemma 3's q/k/v/o and MLP projections need no permutation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

_TARGETS = {
    "self_attn.q_proj": "attn_q",
    "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}
_KEY = re.compile(
    r"layers\.(\d+)\.(self_attn\.[qkvo]_proj|mlp\.(?:gate|up|down)_proj)\.lora_([AB])(?:\.default)?\.weight$"
)


def gguf_tensor_name(peft_key: str) -> str:
    """`base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight` -> `blk.3.attn_q.weight.lora_a`."""
    m = _KEY.search(peft_key)
    if m is None:
        raise ValueError(f"unsupported LoRA tensor {peft_key!r} (targets: {', '.join(_TARGETS)})")
    layer, module, ab = m.groups()
    return f"blk.{layer}.{_TARGETS[module]}.weight.lora_{ab.lower()}"


def write_lora_gguf(
    state: Mapping[str, Any],
    path: Path,
    *,
    alpha: float,
    arch: str = "gemma3",
    metadata: Mapping[str, str] | None = None,
) -> Path:
    """Write `state` (peft `get_peft_model_state_dict` output, torch or numpy arrays) to `path`."""
    import gguf

    tensors: dict[str, np.ndarray] = {}
    for key, value in state.items():
        array = value.detach().cpu().float().numpy() if hasattr(value, "detach") else np.asarray(value)
        tensors[gguf_tensor_name(key)] = np.ascontiguousarray(array, dtype=np.float32)
    for name in tensors:
        pair = name[:-1] + ("b" if name.endswith("a") else "a")
        if pair not in tensors:
            raise ValueError(f"LoRA tensor {name} has no {pair}")
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch)
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(alpha))
    for key, val in (metadata or {}).items():
        writer.add_string(f"ftadvisor.{key}", val)
    for name in sorted(tensors):
        writer.add_tensor(name, tensors[name])
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
