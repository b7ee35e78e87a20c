"""The benchmark: scenarios, the framework floor, sessions for volume staff, the runner.

Only installed by `wijkteam.settings.bench`; production has neither its view nor its
command. See docs/performance.md and ADR 0008.
"""
