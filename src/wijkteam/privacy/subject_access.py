"""Subject access (AVG art. 15): everything the product holds about one resident.

The export is made for the privacy officer, who sends it to the resident. It holds the
resident's own data and the records *about* them: their registrations and files (as a
member or subject), the contact moments they were at, what they told us as a child,
their life-domain scores, safety signals and Verwijsindex registrations about them, and
the access log of their record and their files (who looked, when and why: NEN 7513).

It does not hold other people's data: other household members are counted, not named,
and records of a file that are about the family as a whole and may concern others —
safety assessments, reports to Veilig Thuis, consultations, the explanatory analysis —
are listed by date only, for the privacy officer to decide on (AVG art. 15(4), Jeugdwet
art. 7.3.10). ADR 0010 explains the choice.

Other apps add their sections with `register_section` (as the timeline does).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, ContactPresence, Intake
from wijkteam.people.models import Membership, Resident


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise


@dataclass
class Section:
    key: str  # stable, the JSON's key
    title: Promise
    columns: tuple[Column, ...]
    rows: list[dict] = field(default_factory=list)


@dataclass
class SubjectExport:
    resident: Resident
    made_on: date
    sections: list[Section]
    cases: list[Case]

    def as_json(self) -> dict:
        return {
            "made_on": self.made_on.isoformat(),
            "resident_id": self.resident.pk,
            **{s.key: [_plain(row) for row in s.rows] for s in self.sections},
        }


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


SectionSource = Callable[[Resident, list[Case]], Section | None]
_sources: list[SectionSource] = []


def register_section(source: SectionSource) -> SectionSource:
    """Add a section to every export (called by an app's AppConfig.ready)."""
    if source not in _sources:
        _sources.append(source)
    return source


def files_of(resident: Resident) -> list[Case]:
    """The cases of every household the resident belongs to, and any case naming them as
    a subject, oldest first."""
    households = Membership.objects.filter(resident=resident).values("household_id")
    return list(
        Case.objects.filter(Q(household_id__in=households) | Q(subjects=resident))
        .select_related("team", "worker")
        .distinct()
        .order_by("registered_at", "pk")
    )


def _col(*pairs) -> tuple[Column, ...]:
    return tuple(Column(key, label) for key, label in pairs)


def _person(resident: Resident) -> Section:
    return Section(
        "person",
        _("Personal details"),
        _col(
            ("bsn", _("BSN")),
            ("given_names", _("given names")),
            ("surname", _("surname")),
            ("birth_date", _("date of birth")),
            ("postcode", _("postcode")),
            ("house_number", _("house number")),
            ("phone", _("phone")),
            ("email", _("e-mail")),
        ),
        [
            {
                "bsn": resident.bsn or "",
                "given_names": resident.given_names,
                "surname": " ".join(filter(None, [resident.surname_prefix, resident.surname])),
                "birth_date": resident.birth_date,
                "postcode": resident.postcode,
                "house_number": resident.house_number,
                "phone": resident.phone,
                "email": resident.email,
            }
        ],
    )


def _households(resident: Resident) -> Section:
    rows = []
    for membership in Membership.objects.filter(resident=resident).select_related("household"):
        others = Membership.objects.filter(household_id=membership.household_id).exclude(
            resident=resident
        )
        rows.append(
            {
                "household": membership.household.name,
                "role": str(membership.get_role_display()),
                "parental_authority": membership.has_parental_authority,
                "other_members": others.count(),
            }
        )
    return Section(
        "households",
        _("Households"),
        _col(
            ("household", _("household")),
            ("role", _("role")),
            ("parental_authority", _("parental authority")),
            ("other_members", _("other members (their data is theirs)")),
        ),
        rows,
    )


def _cases(resident: Resident, cases: list[Case]) -> Section:
    return Section(
        "files",
        _("Files"),
        _col(
            ("reference", _("reference")),
            ("status", _("status")),
            ("registered_on", _("registered")),
            ("closed_on", _("closed")),
            ("team", _("team")),
            ("worker", _("case worker")),
        ),
        [
            {
                "reference": case.reference,
                "status": str(case.get_status_display()),
                "registered_on": timezone.localdate(case.registered_at),
                "closed_on": timezone.localdate(case.closed_at) if case.closed_at else None,
                "team": case.team.name,
                "worker": case.worker.get_full_name() if case.worker else "",
            }
            for case in cases
        ],
    )


def _registrations(resident: Resident, cases: list[Case]) -> Section:
    intakes = Intake.objects.filter(case__in=cases).select_related("case").order_by("submitted_at")
    return Section(
        "registrations",
        _("Registrations and the help question"),
        _col(
            ("reference", _("registration")),
            ("file", _("file")),
            ("submitted_on", _("date")),
            ("channel", _("channel")),
            ("referrer", _("referred by")),
            ("help_question", _("help question in your own words")),
        ),
        [
            {
                "reference": intake.reference,
                "file": intake.case.reference,
                "submitted_on": timezone.localdate(intake.submitted_at),
                "channel": str(intake.get_channel_display()),
                "referrer": intake.referrer_organisation,
                "help_question": intake.help_question,
            }
            for intake in intakes
        ],
    )


def _contacts(resident: Resident, cases: list[Case]) -> Section:
    presences = (
        ContactPresence.objects.filter(resident=resident, contact__case__in=cases)
        .select_related("contact__case", "contact__worker")
        .order_by("contact__occurred_on")
    )
    return Section(
        "contact_moments",
        _("Contact moments you were at"),
        _col(
            ("file", _("file")),
            ("date", _("date")),
            ("kind", _("kind of contact")),
            ("worker", _("by")),
            ("spoken_to", _("spoken to (as a child)")),
        ),
        [
            {
                "file": p.contact.case.reference,
                "date": p.contact.occurred_on,
                "kind": str(p.contact.get_kind_display()),
                "worker": p.contact.worker.get_full_name(),
                "spoken_to": p.child_spoken_to,
            }
            for p in presences
        ],
    )


def _audit(resident: Resident, cases: list[Case]) -> Section:
    entries = AuditEntry.objects.filter(
        Q(object_type="people.resident", object_id=str(resident.pk))
        | Q(object_type="cases.case", object_id__in=[str(c.pk) for c in cases])
    ).order_by("occurred_at", "pk")
    return Section(
        "access_log",
        _("Who viewed or changed your data"),
        _col(
            ("when", _("when")),
            ("who", _("who")),
            ("action", _("what")),
            ("record", _("which record")),
            ("purpose", _("why")),
        ),
        [
            {
                "when": timezone.localtime(e.occurred_at).replace(microsecond=0),
                "who": e.actor_username,
                "action": str(e.get_action_display()),
                "record": str(
                    _("personal details") if e.object_type == "people.resident" else _("file")
                ),
                "purpose": str(e.get_purpose_display()),
            }
            for e in entries.iterator(chunk_size=2000)
        ],
    )


def subject_export(resident: Resident, today: date) -> SubjectExport:
    cases = files_of(resident)
    sections = [
        _person(resident),
        _households(resident),
        _cases(resident, cases),
        _registrations(resident, cases),
        _contacts(resident, cases),
    ]
    for source in _sources:
        section = source(resident, cases)
        if section is not None:
            sections.append(section)
    sections.append(_audit(resident, cases))
    return SubjectExport(resident, today, sections, cases)


def display(value) -> str:
    """A value as the PDF shows it."""
    if value is None or value == "":
        return "—"
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value)
