"""LoRA fine-tuning of the demo's local model on CPU (torch, transformers and peft are imported lazily)."""
