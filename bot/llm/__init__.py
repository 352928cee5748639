"""Language-model clients: the OpenAI-compatible chat model for answers, and the demo arms."""
