"""The real llama.cpp server fixture (tests/support/llama_server.py) comes from tests/bot/conftest.py,
so that the LLM tests and the Teams streaming test share one server per session."""
