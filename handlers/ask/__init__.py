"""The `ask` use case: retrieve passages, compose a cited answer (extractive or LLM)."""
