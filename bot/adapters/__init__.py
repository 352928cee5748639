"""Adapters: platform events -> `Request`, replies -> platform (terminal here; Slack, Teams beside)."""
