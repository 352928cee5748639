"""The `assess` use case: a cited, costed recommendation between prompt engineering, RAG,
prompt tuning, PEFT/LoRA, full fine-tuning or a hybrid, from an interview or free text."""
