"""How the advisor connects: settings, the composition root, adapters (terminal, Slack, Teams),
renderers, LLM clients, storage, scheduler and the CLI."""
