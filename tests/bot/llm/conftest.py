"""The real llama.cpp server fixture (tests/support/llama_server.py) for the LLM tests."""

from tests.support.llama_server import llama_server  # noqa: F401 - a pytest fixture
