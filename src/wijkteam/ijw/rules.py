"""Pure rules for received iJw messages: the ones that concern the municipality, each
with its return code (codes/rules-ijw-3.2.csv). No database: the import gathers what is
on record and passes it in.

Control levels (iJw IV032): a message that fails its schema, or a rule that can be
checked within the message (CS…, TR… with return code 0001), is answered with the
header only and 0001. A rule across messages (TR019 → 9019, TR056 → 9056, …) puts its
code at the class where the fault is; any fault rejects the whole message.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from wijkteam.people.rules import passes_eleven_check

from .codes import is_valid
from .parse import ParsedHeader, ParsedItem, ParsedMessage

TECHNICAL = "0001"
NO_REMARKS = "0200"
NOT_ASSESSED = "0233"
KNOWN_KINDS = ("JW302", "JW305", "JW307", "JW315")


@dataclass(frozen=True)
class Finding:
    """A fault in a message: the return code, the rule, and a Dutch description without
    personal data. `item` is the index of the product (None: header or client)."""

    code: str
    rule: str
    message: str
    item: int | None = None

    @property
    def text(self) -> str:
        return f"{self.rule} ({self.code}): {self.message}"


# --- Level 2: within the message (return code 0001) ------------------------------------------


def header_findings(
    header: ParsedHeader, kind: str, *, municipality_code: str, today: date
) -> list[Finding]:
    """Header rules that concern the municipality."""
    found = []
    if header.receiver != municipality_code:
        found.append(
            Finding(
                TECHNICAL,
                "IV046",
                _("The message is addressed to municipality %(code)s, not to us.")
                % {"code": header.receiver or "—"},
            )
        )
    if not (len(header.sender) == 8 and header.sender.isdigit()):
        found.append(Finding(TECHNICAL, "RS036", _("The sender is not an eight-digit AGB code.")))
    if not header.identification or len(header.identification) > 12:
        found.append(
            Finding(TECHNICAL, "RS017", _("The message identification is missing or too long."))
        )
    if header.dated_on is None:
        found.append(Finding(TECHNICAL, "RS032", _("The message date is missing or invalid.")))
    elif header.dated_on > today:
        found.append(Finding("8848", "TR135", _("The message is dated in the future.")))
    return found


def _overlap(a: ParsedItem, b: ParsedItem) -> bool:
    same = (
        a.product_code == b.product_code and a.category == b.category
        if a.product_code and b.product_code
        else a.category == b.category
    )
    if not same or a.begin is None or b.begin is None:
        return False
    far = date.max
    return a.begin <= (b.end or far) and b.begin <= (a.end or far)


def content_findings(message: ParsedMessage) -> list[Finding]:
    """Rules checked within the message (control level 2): all answered with 0001."""
    client = message.client
    if client is None:
        return [Finding(TECHNICAL, "XSD", _("The message has no client."))]
    found = []
    if not passes_eleven_check(client.bsn):
        found.append(Finding(TECHNICAL, "CS002", _("The BSN does not pass the 11-check.")))
    dated = message.header.dated_on
    if client.birth_date is None or (dated and client.birth_date > dated):
        found.append(
            Finding(
                TECHNICAL, "TR134", _("The date of birth is missing or after the message date.")
            )
        )
    if not message.items:
        found.append(Finding(TECHNICAL, "XSD", _("The message has no products.")))
    keys = set()
    for index, item in enumerate(message.items):
        found += _item_findings(message.kind, item, index)
        key = (item.allocation_number, item.category, item.product_code, item.begin, item.reference)
        if key in keys:
            found.append(Finding(TECHNICAL, "TR101", _("The same product appears twice."), index))
        keys.add(key)
    if message.kind == "JW315":
        for index, item in enumerate(message.items):
            if any(_overlap(item, other) for other in message.items[:index]):
                found.append(
                    Finding(
                        TECHNICAL,
                        "TR386",
                        _("The same product is requested twice for overlapping periods."),
                        index,
                    )
                )
    return found


def _item_findings(kind: str, item: ParsedItem, index: int) -> list[Finding]:
    found = []
    if item.begin is None:
        found.append(Finding(TECHNICAL, "XSD", _("A start date is missing."), index))
    if item.end and item.begin and item.end < item.begin:
        found.append(
            Finding(TECHNICAL, "TR018", _("An end date lies before its start date."), index)
        )
    if item.category and not is_valid("JZ020", item.category):
        found.append(Finding(TECHNICAL, "XSD", _("An unknown product category."), index))
    if kind in ("JW305", "JW307") and item.status not in ("1", "3"):
        found.append(Finding(TECHNICAL, "CS058", _("StatusAanlevering must be 1 or 3."), index))
    if kind == "JW307":
        if item.end is None:
            found.append(Finding(TECHNICAL, "XSD", _("The end date of care is missing."), index))
        if not is_valid("JZ588", item.reason):
            found.append(Finding(TECHNICAL, "XSD", _("An unknown closure reason."), index))
    if kind == "JW315":
        if not item.reference:
            found.append(
                Finding(TECHNICAL, "XSD", _("The provider's reference is missing."), index)
            )
        if item.product_code and item.volume is None:
            found.append(
                Finding(TECHNICAL, "CD041", _("A product with a code needs a volume."), index)
            )
        if item.budget is not None and item.volume is not None:
            found.append(Finding(TECHNICAL, "CD077", _("A budget and a volume together."), index))
        if not is_valid("COD327", item.referrer_type):
            found.append(Finding(TECHNICAL, "XSD", _("An unknown type of referrer."), index))
    return found


# --- Level 3: across messages -------------------------------------------------------------


@dataclass(frozen=True)
class AllocationOnRecord:
    """An issued allocation as the rules need it."""

    number: int
    bsn: str
    provider_agb: str


def allocation_findings(
    items: Iterable[ParsedItem],
    allocations: dict[int, AllocationOnRecord],
    *,
    bsn: str,
    sender: str,
) -> list[Finding]:
    """TR019 (9019): a start or stop must link, by its allocation number, to an
    allocation of this client at this provider."""
    found = []
    for index, item in enumerate(items):
        on_record = allocations.get(item.allocation_number) if item.allocation_number else None
        if on_record is None or on_record.bsn != bsn or on_record.provider_agb != sender:
            found.append(
                Finding(
                    "9019",
                    "TR019",
                    _("The allocation number does not match an allocation of this client here."),
                    index,
                )
            )
    return found


def start_findings(
    items: Iterable[ParsedItem], current_starts: set[tuple[int, date]]
) -> list[Finding]:
    """TR074 (9074): a first delivery whose key was already reported; TR063 (9063): a
    removal of a start that was never reported."""
    found = []
    for index, item in enumerate(items):
        key = (item.allocation_number, item.begin)
        if item.status == "1" and key in current_starts:
            found.append(
                Finding("9074", "TR074", _("This start of care was already reported."), index)
            )
        if item.status == "3" and key not in current_starts:
            found.append(Finding("9063", "TR063", _("There is no earlier start to remove."), index))
    return found


def stop_findings(
    items: Iterable[ParsedItem],
    current_starts: set[tuple[int, date]],
    current_stops: set[tuple[int, date]],
) -> list[Finding]:
    """TR382 (9069): a stop needs a current start with the same key (allocation number
    and start date); TR063 (9063): a removal of a stop that was never reported."""
    found = []
    for index, item in enumerate(items):
        key = (item.allocation_number, item.begin)
        if item.status == "1" and key not in current_starts:
            found.append(
                Finding("9069", "TR382", _("There is no current start of this care."), index)
            )
        if item.status == "3" and key not in current_stops:
            found.append(Finding("9063", "TR063", _("There is no earlier stop to remove."), index))
    return found


def request_findings(items: Iterable[ParsedItem], known_references: set[str]) -> list[Finding]:
    """TR347 (9347): the provider's reference is unique for the provider."""
    return [
        Finding("9347", "TR347", _("This reference was used in an earlier request."), index)
        for index, item in enumerate(items)
        if item.reference in known_references
    ]


def class_codes(kind: str, item_count: int, findings: Iterable[Finding]) -> dict:
    """The return codes per class for a rejection on control level 3: the faulty item's
    code(s), 0200 for every other class."""
    per_item: dict[int, list[str]] = {}
    client_codes: list[str] = []
    for finding in findings:
        if finding.item is None:
            client_codes.append(finding.code)
        else:
            per_item.setdefault(finding.item, []).append(finding.code)
    item_tag = {"JW305": "StartProduct", "JW307": "StopProduct", "JW315": "AangevraagdProduct"}
    return {
        "Client": [sorted(set(client_codes)) or [NO_REMARKS]],
        item_tag[kind]: [
            sorted(set(per_item.get(index, []))) or [NO_REMARKS] for index in range(item_count)
        ],
    }
