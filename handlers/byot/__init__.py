"""Bring your own task: a team's labelled file becomes a pack, is trained on, and is measured."""
