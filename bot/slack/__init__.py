"""The Slack app (Bolt for Python): `app.build_app` wires the listeners in `listeners/`; Block Kit
builders live in `blocks*.py`; `ftadvisor serve slack` runs it (see the README, "Slack setup")."""
