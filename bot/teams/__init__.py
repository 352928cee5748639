"""Microsoft Teams adapter, built on the Microsoft 365 Agents SDK (`microsoft-agents-*`).

Teams activity -> `handlers.models.Request` (`conversation.py`) -> the shared router -> reply
models -> Adaptive Cards (`cards/`) -> Teams. Everything Microsoft-specific lives in this package;
`handlers/` and `knowledge/` never import it.
"""
