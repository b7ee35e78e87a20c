"""The shape of registry entries, shared by registry.py and its parts."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from wijkteam.accounts.roles import Role

ALL_STAFF = frozenset(Role)
CASEWORK = frozenset(
    {
        Role.CASE_WORKER,
        Role.BEHAVIOURAL_EXPERT,
        Role.SAFETY_OFFICER,
        Role.TEAM_LEAD,
        Role.QUALITY_OFFICER,
        Role.COMPLAINTS_OFFICER,
    }
)


# Tag of endpoints that answer with a document (a PDF) rather than a page.
DOCUMENT = "document"


@dataclass(frozen=True)
class Endpoint:
    route: str  # the URL pattern's name, as reverse() takes it
    url: Callable[[object], str]  # world -> URL
    allowed: frozenset[Role]
    personal_data: bool = False
    api: bool = False
    # Status for an allowed role (a redirect for the home page).
    ok_status: int = 200
    # Open to everyone, signed in or not (the public forms); checked anonymously.
    public: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_page(self) -> bool:
        """An HTML page (the browser test runs axe on it); not an API call or a document."""
        return not self.api and DOCUMENT not in self.tags


def url(name, *args):
    return lambda world: reverse(name, args=[a(world) if callable(a) else a for a in args])
