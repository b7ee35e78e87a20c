"""Domain errors raised by services and shown to the user in Dutch."""

from .rules import Verdict


class RuleViolation(Exception):
    """A service refused a change because a domain rule says no."""

    def __init__(self, verdict: Verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


class ConcurrentEditError(Exception):
    """Someone else saved the record after this form was opened."""
