"""Reading iJw messages: the kind, the header and the client with its products, read
leniently (a missing or malformed element is empty), so that even a message that fails
its schema can be answered when its header can be read. The rules decide what is wrong.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

from .build import KIND_OF_CODE, kind_of_namespace
from .codes import from_message
from .schema import secure_parser

MAX_BYTES = 25 * 1024 * 1024  # iJw OP179: files of at most 25 MB


class NotXml(ValueError):
    """The file is not a well-formed XML document."""


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text and len(text.strip()) == 10 else None
    except ValueError:
        return None


def _int(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 12 else None


@dataclass
class ParsedHeader:
    code: str = ""
    version: str = ""
    subversion: str = ""
    sender: str = ""
    receiver: str = ""
    identification: str = ""
    dated_on: date | None = None
    dated_text: str = ""
    xsd_versions: tuple[str, str] = ("", "")
    # Only in return messages:
    return_identification: str = ""
    return_dated_on: date | None = None
    codes: list[str] = field(default_factory=list)


@dataclass
class ParsedClient:
    bsn: str = ""
    birth_date: date | None = None
    surname: str = ""
    prefix: str = ""
    given_names: str = ""
    codes: list[str] = field(default_factory=list)


@dataclass
class ParsedItem:
    """One StartProduct, StopProduct, AangevraagdProduct or ToegewezenProduct."""

    allocation_number: int | None = None
    allocation_number_text: str = ""
    category: str = ""
    product_code: str = ""
    allocation_start: date | None = None
    begin: date | None = None
    end: date | None = None
    status: str = ""
    reason: str = ""  # RedenBeeindiging (JZ588)
    reference: str = ""  # ReferentieAanbieder
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget: Decimal | None = None
    referrer_type: str = ""
    referrer_name: str = ""
    referrer_agb: str = ""
    comment: str = ""
    codes: list[str] = field(default_factory=list)


@dataclass
class ParsedMessage:
    kind: str
    root: object
    header: ParsedHeader
    client: ParsedClient | None
    items: list[ParsedItem]


ITEM_TAGS = ("StartProduct", "StopProduct", "AangevraagdProduct", "ToegewezenProduct")


def read_xml(data: bytes):
    if len(data) > MAX_BYTES:
        raise NotXml("larger than 25 MB")
    try:
        return etree.fromstring(data, secure_parser(remove_blank_text=True))
    except etree.XMLSyntaxError as exc:
        raise NotXml(f"line {exc.lineno}: not well-formed XML") from exc


def _find(element, path: str):
    return element.find("/".join(f"{{*}}{part}" for part in path.split("/")))


def _text(element, path: str) -> str:
    if element is None:
        return ""
    found = _find(element, path)
    return (found.text or "").strip() if found is not None else ""


def _codes(element) -> list[str]:
    found = _find(element, "RetourCodes") if element is not None else None
    if found is None:
        return []
    return [(code.text or "").strip() for code in found.findall("{*}RetourCode")]


def parse(data: bytes) -> ParsedMessage:
    """Read a message; raises NotXml when it is not XML at all."""
    root = read_xml(data)
    kind = kind_of_namespace(etree.QName(root).namespace or "")
    header_element = _find(root, "Header")
    code = _text(root, "Header/BerichtCode")
    if not kind:
        kind = KIND_OF_CODE.get(code, "")
    header = ParsedHeader(
        code=code,
        version=_text(root, "Header/BerichtVersie"),
        subversion=_text(root, "Header/BerichtSubversie"),
        sender=_text(root, "Header/Afzender"),
        receiver=_text(root, "Header/Ontvanger"),
        identification=_text(root, "Header/BerichtIdentificatie/Identificatie"),
        dated_text=_text(root, "Header/BerichtIdentificatie/Dagtekening"),
        dated_on=_date(_text(root, "Header/BerichtIdentificatie/Dagtekening")),
        xsd_versions=(
            _text(root, "Header/XsdVersie/BasisschemaXsdVersie"),
            _text(root, "Header/XsdVersie/BerichtXsdVersie"),
        ),
        return_identification=_text(root, "Header/IdentificatieRetour"),
        return_dated_on=_date(_text(root, "Header/DagtekeningRetour")),
        codes=_codes(header_element),
    )
    client_element = _find(root, "Client")
    client = None
    items: list[ParsedItem] = []
    if client_element is not None:
        client = ParsedClient(
            bsn=_text(client_element, "Bsn"),
            birth_date=_date(_text(client_element, "Geboortedatum/Datum")),
            surname=_text(client_element, "Naam/Geslachtsnaam/Achternaam"),
            prefix=_text(client_element, "Naam/Geslachtsnaam/Voorvoegsel"),
            given_names=_text(client_element, "Naam/Voornamen")
            or _text(client_element, "Naam/Voorletters"),
            codes=_codes(client_element),
        )
        for element in client_element.iter(*(f"{{*}}{tag}" for tag in ITEM_TAGS)):
            items.append(_item(element))
    return ParsedMessage(kind, root, header, client, items)


def _item(element) -> ParsedItem:
    budget = _int(_text(element, "Budget"))
    return ParsedItem(
        allocation_number=_int(_text(element, "ToewijzingNummer")),
        allocation_number_text=_text(element, "ToewijzingNummer"),
        category=from_message("JZ020", _text(element, "Product/Categorie")),
        product_code=_text(element, "Product/Code"),
        allocation_start=_date(
            _text(element, "ToewijzingIngangsdatum") or _text(element, "Ingangsdatum")
        ),
        begin=_date(_text(element, "Begindatum") or _text(element, "ToewijzingIngangsdatum")),
        end=_date(_text(element, "Einddatum") or _text(element, "ToewijzingEinddatum")),
        status=_text(element, "StatusAanlevering"),
        reason=from_message("JZ588", _text(element, "RedenBeeindiging")),
        reference=_text(element, "ReferentieAanbieder"),
        volume=_int(_text(element, "Omvang/Volume")),
        unit=from_message("WJ756", _text(element, "Omvang/Eenheid")),
        frequency=from_message("WMO757", _text(element, "Omvang/Frequentie")),
        budget=Decimal(budget) / 100 if budget is not None else None,
        referrer_type=from_message("COD327", _text(element, "Verwijzer/Type")),
        referrer_name=_text(element, "Verwijzer/Naam"),
        referrer_agb=_text(element, "Verwijzer/ZorgverlenerCode"),
        comment=_text(element, "Commentaar"),
        codes=_codes(element),
    )
