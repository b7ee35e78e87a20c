"""What a provider sends, built from our own records: for the demo data and the tests
(a municipality receives these from providers' systems). Each function returns the
message as bytes, ready to be imported as a received file."""

from datetime import date

from django.conf import settings

from wijkteam.allocation.models import Decision
from wijkteam.people.models import Resident

from . import build
from .allocations import address_of
from .models import Message
from .parse import read_xml


def _client(youth: Resident) -> build.Client:
    return build.Client(
        bsn=youth.bsn or "",
        birth_date=youth.birth_date,
        name=build.Name(youth.surname, youth.surname_prefix, youth.given_names),
        address=address_of(youth),
    )


def _header(agb_code: str, municipality: str, identification: str, dated_on: date):
    return build.Header(agb_code, municipality, identification, dated_on)


def start_of_care(
    decision: Decision, *, begin: date, identification: str, dated_on: date, status: str = "1"
) -> bytes:
    """JW305: the provider started the care of this decision on `begin`."""
    return build.jw305(
        _header(decision.product.provider.agb_code, _municipality(), identification, dated_on),
        _client(decision.youth),
        [
            build.StartItem(
                decision.allocation_number,
                decision.category,
                decision.product_code,
                begin,
                allocation_start=decision.start_date,
                status=status,
            )
        ],
    )


def stop_of_care(
    decision: Decision,
    *,
    begin: date,
    end: date,
    reason: str,
    identification: str,
    dated_on: date,
    status: str = "1",
) -> bytes:
    """JW307: the provider stopped the care started on `begin`, on `end`, for `reason`
    (JZ588: 31 according to plan, 32–35 early, …)."""
    return build.jw307(
        _header(decision.product.provider.agb_code, _municipality(), identification, dated_on),
        _client(decision.youth),
        [
            build.StopItem(
                decision.allocation_number,
                decision.category,
                decision.product_code,
                begin,
                end,
                reason,
                allocation_start=decision.start_date,
                status=status,
            )
        ],
    )


def request_for_allocation(
    youth: Resident,
    *,
    agb_code: str,
    items: list[build.RequestItem],
    identification: str,
    dated_on: date,
    comment: str = "",
) -> bytes:
    """JW315: after a referral (by a GP, a youth doctor, a medical specialist, a
    certified institution or a court) the provider asks for an allocation."""
    return build.jw315(
        _header(agb_code, _municipality(), identification, dated_on),
        _client(youth),
        items,
        comment,
    )


def return_on_allocation(
    message: Message,
    *,
    identification: str,
    dated_on: date,
    product_codes: dict[int, list[str]] | None = None,
    header_codes: list[str] | None = None,
) -> bytes:
    """JW302: the provider's return on our JW301. Without codes: accepted (header
    only); with `product_codes` (allocation number → codes): the client with its
    classes; with `header_codes` (0001): the header only."""
    root = read_xml(message.xml.encode("utf-8"))
    if product_codes is None:
        return build.return_message(
            root,
            identification=identification,
            dated_on=dated_on,
            xsd_versions=build.Header("", "", "", dated_on).xsd_versions,
            header_codes=header_codes or [],
        )
    ns = build.namespace("JW301")
    numbers = [
        int(element.text)
        for element in root.iter(f"{{{ns}}}ToewijzingNummer")
        if element.text and element.text.isdigit()
    ]
    client = root.find(f"{{{ns}}}Client")
    relations = len(client.findall(f"{{{ns}}}Relaties/{{{ns}}}Relatie"))
    contacts = len(list(client.iter(f"{{{ns}}}Contact")))
    codes = {
        "Client": [["0200"]],
        "Relatie": [["0200"]] * relations,
        "Contact": [["0200"]] * contacts,
        "ToegewezenProduct": [product_codes.get(number, ["0200"]) for number in numbers],
    }
    return build.return_message(
        root,
        identification=identification,
        dated_on=dated_on,
        xsd_versions=build.Header("", "", "", dated_on).xsd_versions,
        header_codes=["0200"],
        class_codes=codes,
    )


def _municipality() -> str:
    return settings.WIJKTEAM_MUNICIPALITY_CODE
