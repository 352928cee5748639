"""The `clock` process: posts scheduled digests exactly once per (channel, period).

`runner` decides and records (schedule math + the database ledger); `clock` wakes it up with
APScheduler; `delivery` is the per-platform port that sends a digest (terminal log, Slack, Teams).
"""
