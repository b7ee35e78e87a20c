"""What changed between two versions of a plan: a pure comparison of two snapshots
(`queries.plan_snapshot`), goals and actions matched by their id."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _


class ChangeKind:
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


CHANGE_KINDS = [ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED]


@dataclass(frozen=True)
class Change:
    kind: str
    subject: str  # what it is about, e.g. "Goal: Noor gaat weer naar school"
    field: str = ""  # which part changed (for CHANGED)
    before: str = ""
    after: str = ""


def _shown(value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return str(value) if value not in (None, "") else "—"


def _short(text: str, length: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _field_labels() -> dict[str, str]:
    return {
        "summary": _("what we work on together"),
        "coordinator": _("coordinator"),
        "process": _("process coordination"),
        "process_by": _("process coordination: name"),
        "content": _("content coordination"),
        "content_by": _("content coordination: name"),
        "court_measure": _("court measure"),
        "person": _("for whom"),
        "life_domain": _("life domain"),
        "result": _("result"),
        "indicator": _("how we know it is reached"),
        "priority": _("when"),
        "description": _("what"),
        "by": _("by"),
        "who": _("who"),
        "due_on": _("by when"),
        "done_on": _("done on"),
    }


GOAL_FIELDS = ("person", "life_domain", "result", "indicator", "priority")
ACTION_FIELDS = ("description", "by", "who", "due_on", "done_on")
COORDINATION_FIELDS = (
    "coordinator",
    "process",
    "process_by",
    "content",
    "content_by",
    "court_measure",
)


def _actions(snapshot: dict) -> dict[int, dict]:
    found = {a["id"]: a for a in snapshot.get("actions", [])}
    for goal in snapshot.get("goals", []):
        found.update({a["id"]: a for a in goal.get("actions", [])})
    return found


def _compare(subject: str, before: dict, after: dict, names, labels) -> list[Change]:
    return [
        Change(
            ChangeKind.CHANGED,
            subject,
            labels[name],
            _shown(before.get(name)),
            _shown(after.get(name)),
        )
        for name in names
        if before.get(name) != after.get(name)
    ]


def _keyed(old: dict[int, dict], new: dict[int, dict], subject, names, labels) -> list[Change]:
    changes = []
    for key, item in new.items():
        if key not in old:
            changes.append(Change(ChangeKind.ADDED, subject(item)))
        else:
            changes += _compare(subject(item), old[key], item, names, labels)
    changes += [
        Change(ChangeKind.REMOVED, subject(item)) for key, item in old.items() if key not in new
    ]
    return changes


def diff_snapshots(old: dict, new: dict) -> list[Change]:
    """Every change from `old` to `new`: the summary, coordination, goals, actions."""
    labels = _field_labels()
    changes = []
    if old.get("summary", "") != new.get("summary", ""):
        changes.append(
            Change(
                ChangeKind.CHANGED,
                _("The plan"),
                labels["summary"],
                _shown(old.get("summary")),
                _shown(new.get("summary")),
            )
        )
    changes += _compare(
        _("Coordination"),
        old.get("coordination", {}),
        new.get("coordination", {}),
        COORDINATION_FIELDS,
        labels,
    )
    changes += _keyed(
        {g["id"]: g for g in old.get("goals", [])},
        {g["id"]: g for g in new.get("goals", [])},
        lambda goal: _("Goal: %(result)s") % {"result": _short(goal["result"])},
        GOAL_FIELDS,
        labels,
    )
    changes += _keyed(
        _actions(old),
        _actions(new),
        lambda action: _("Action: %(what)s") % {"what": _short(action["description"])},
        ACTION_FIELDS,
        labels,
    )
    return changes
