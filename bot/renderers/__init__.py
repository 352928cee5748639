"""Renderers: reply models -> platform output (terminal text, Block Kit, Adaptive Cards)."""
