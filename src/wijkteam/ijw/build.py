"""Building iJw 3.2 messages as XML (lxml).

The municipality sends the allocation (JW301) and the return messages on what providers
send (JW306, JW308, JW316). For the demo and the tests this module also builds what a
provider sends (JW302, JW305, JW307, JW315): the same element rules, the other side.

Elements declared in a message schema are in that message's namespace; the elements
inside the base schema's composite types (Identificatie, Datum, Achternaam, Volume, …)
are in the base schema's namespace, as `elementFormDefault="qualified"` says.
"""

from collections.abc import Iterable, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree

from .codes import in_message

BASE_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
MESSAGE_CODE = {
    "JW301": "436",
    "JW302": "437",
    "JW305": "438",
    "JW306": "439",
    "JW307": "440",
    "JW308": "441",
    "JW315": "446",
    "JW316": "447",
}
KIND_OF_CODE = {code: kind for kind, code in MESSAGE_CODE.items()}
RETURN_OF = {"JW301": "JW302", "JW305": "JW306", "JW307": "JW308", "JW315": "JW316"}
# The message classes of a Client that carry return codes in the return message.
RETURN_CLASSES = {
    "JW301": ("Client", "Relatie", "Contact", "ToegewezenProduct"),
    "JW305": ("Client", "StartProduct"),
    "JW307": ("Client", "StopProduct"),
    "JW315": ("Client", "AangevraagdProduct"),
}
VERSION, SUBVERSION = "3", "2"


def namespace(kind: str) -> str:
    return f"http://www.istandaarden.nl/ijw/3_2/{kind.lower()}/schema"


def kind_of_namespace(uri: str) -> str:
    for kind in MESSAGE_CODE:
        if uri == namespace(kind):
            return kind
    return ""


class _Maker:
    """Appends elements in the message's namespace (`m`) or the base schema's (`b`)."""

    def __init__(self, kind: str):
        self.ns = namespace(kind)

    def m(self, parent, tag: str, text=None):
        return self._add(parent, f"{{{self.ns}}}{tag}", text)

    def b(self, parent, tag: str, text=None):
        return self._add(parent, f"{{{BASE_NS}}}{tag}", text)

    @staticmethod
    def _add(parent, qname: str, text):
        element = etree.SubElement(parent, qname)
        if text is not None:
            element.text = text if isinstance(text, str) else _text(text)
        return element


def _text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- The shapes of message content --------------------------------------------------------


@dataclass(frozen=True)
class Header:
    sender: str  # JW301: the municipality's code; JW305/307/315: the provider's AGB code
    receiver: str
    identification: str
    dated_on: date
    xsd_versions: tuple[str, str] = ("0.1.0", "0.1.0")


@dataclass(frozen=True)
class Name:
    surname: str
    prefix: str = ""
    given_names: str = ""


@dataclass(frozen=True)
class Address:
    postcode: str
    house_number: int
    house_letter: str = ""
    addition: str = ""


@dataclass(frozen=True)
class Relation:
    number: str
    kind: str  # LDT_SoortRelatie, e.g. "10" ouder
    name: Name
    address: Address | None = None
    phone: str = ""


@dataclass(frozen=True)
class Client:
    bsn: str
    birth_date: date
    name: Name
    gender: str = "0"  # COD046: 0 unknown; the product does not record sex
    address: Address | None = None
    phone: str = ""
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class AllocatedProduct:
    number: int
    category: str
    product_code: str
    allocated_at: datetime
    start: date
    end: date
    change_reason: str = ""  # JZ002, on a change or a withdrawal
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget_cents: int | None = None
    provider_reference: str = ""  # answering a provider's request (JW315)
    comment: str = ""


def _header(make: _Maker, root, kind: str, header: Header) -> None:
    element = make.m(root, "Header")
    make.m(element, "BerichtCode", MESSAGE_CODE[kind])
    make.m(element, "BerichtVersie", VERSION)
    make.m(element, "BerichtSubversie", SUBVERSION)
    make.m(element, "Afzender", header.sender)
    make.m(element, "Ontvanger", header.receiver)
    identification = make.m(element, "BerichtIdentificatie")
    make.b(identification, "Identificatie", header.identification)
    make.b(identification, "Dagtekening", header.dated_on)
    _xsd_version(make, element, "XsdVersie", header.xsd_versions)


def _xsd_version(make: _Maker, parent, tag: str, versions: tuple[str, str]) -> None:
    element = make.m(parent, tag)
    make.b(element, "BasisschemaXsdVersie", versions[0])
    make.b(element, "BerichtXsdVersie", versions[1])


def _client_identity(make: _Maker, parent, client: Client, *, full_name: bool) -> None:
    make.m(parent, "Bsn", client.bsn)
    birth = make.m(parent, "Geboortedatum")
    make.b(birth, "Datum", client.birth_date)
    make.m(parent, "Geslacht", in_message("COD046", client.gender))
    _name(make, make.m(parent, "Naam"), client.name, full=full_name)


def _name(make: _Maker, element, name: Name, *, full: bool) -> None:
    surname = make.b(element, "Geslachtsnaam")
    make.b(surname, "Achternaam", name.surname[:200])
    if name.prefix:
        make.b(surname, "Voorvoegsel", name.prefix[:10])
    if name.given_names:
        make.b(element, "Voornamen", name.given_names[:200])
    if full:
        make.b(element, "NaamGebruik", "1")  # the own surname


def _contact(make: _Maker, parent, address: Address | None, phone: str) -> None:
    """A Contact of the message's own type: its elements in the message's namespace,
    the address and phone numbers inside them in the base schema's."""
    contact = make.m(parent, "Contact")
    make.m(contact, "Soort", "01")  # BRP address
    if address is not None:
        adres = make.m(contact, "Adres")
        huis = make.b(adres, "Huis")
        make.b(huis, "Huisnummer", address.house_number)
        if address.house_letter:
            make.b(huis, "Huisletter", address.house_letter)
        if address.addition:
            make.b(huis, "HuisnummerToevoeging", address.addition)
        make.b(adres, "Postcode", address.postcode)
        make.b(adres, "LandCode", "NL")
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits:
        numbers = make.m(contact, "Telefoon")
        first = make.b(numbers, "Telefoon01")
        make.b(first, "Telefoonnummer", digits[:15])
        make.b(first, "Landnummer", "0031")


def _product(make: _Maker, parent, category: str, product_code: str) -> None:
    if not category:
        return
    product = make.m(parent, "Product")
    make.b(product, "Categorie", in_message("JZ020", category))
    if product_code:
        make.b(product, "Code", product_code)


def _volume(make: _Maker, parent, volume, unit: str, frequency: str) -> None:
    if volume is None:
        return
    omvang = make.m(parent, "Omvang")
    make.b(omvang, "Volume", volume)
    make.b(omvang, "Eenheid", in_message("WJ756", unit))
    make.b(omvang, "Frequentie", in_message("WMO757", frequency))


# --- The allocation (JW301) ------------------------------------------------------------------


def jw301(header: Header, client: Client, products: Sequence[AllocatedProduct]) -> bytes:
    """The allocation: every current allocation of this client at this provider, and
    the ones changed since the last message (iJw OP087)."""
    make = _Maker("JW301")
    root = etree.Element(f"{{{make.ns}}}Bericht", nsmap={None: make.ns, "ijw": BASE_NS})
    _header(make, root, "JW301", header)
    element = make.m(root, "Client")
    _client_identity(make, element, client, full_name=True)
    if client.relations:
        relations = make.m(element, "Relaties")
        for relation in client.relations:
            item = make.m(relations, "Relatie")
            make.m(item, "Nummer", relation.number)
            make.m(item, "Soort", relation.kind)
            _name(make, make.m(item, "Naam"), relation.name, full=True)
            _contact(make, item, relation.address, relation.phone)
    contacts = make.m(element, "Contactgegevens")
    _contact(make, contacts, client.address, client.phone)
    products_element = make.m(element, "ToegewezenProducten")
    for product in products:
        item = make.m(products_element, "ToegewezenProduct")
        make.m(item, "ToewijzingNummer", product.number)
        if product.provider_reference:
            make.m(item, "ReferentieAanbieder", product.provider_reference)
        _product(make, item, product.category, product.product_code)
        make.m(item, "Toewijzingsdatum", product.allocated_at.date())
        make.m(item, "Toewijzingstijd", product.allocated_at)
        make.m(item, "Ingangsdatum", product.start)
        make.m(item, "Einddatum", product.end)
        if product.change_reason:
            make.m(item, "RedenWijziging", in_message("JZ002", product.change_reason))
        _volume(make, item, product.volume, product.unit, product.frequency)
        if product.budget_cents is not None:
            make.m(item, "Budget", product.budget_cents)
        if product.comment.strip():
            make.m(item, "Commentaar", product.comment.strip())
    return _serialise(root)


# --- Return messages (JW302, JW306, JW308, JW316) -------------------------------------------


def return_message(
    incoming,
    *,
    identification: str,
    dated_on: date,
    xsd_versions: tuple[str, str],
    header_codes: Iterable[str] = (),
    class_codes: Mapping[str, Sequence[Sequence[str]]] | None = None,
) -> bytes:
    """The return on a received message (iJw IV028). The header is the received one,
    unchanged but for the message code, plus the return's own identification and date
    and the versions of its schemas. Without `class_codes` it is the header only: no
    codes (all accepted) or the header's codes (0001, 9056, …). With them, the Client
    and all its classes are copied unchanged, each class with its codes
    (`class_codes["StartProduct"][1]` for the second StartProduct, in document order)."""
    kind_in = kind_of_namespace(etree.QName(incoming).namespace)
    kind_out = RETURN_OF[kind_in]
    make = _Maker(kind_out)
    source_ns = namespace(kind_in)
    root = etree.Element(f"{{{make.ns}}}Bericht", nsmap={None: make.ns, "ijw": BASE_NS})
    header = make.m(root, "Header")
    received = incoming.find(f"{{{source_ns}}}Header")
    for tag in ("BerichtCode", "BerichtVersie", "BerichtSubversie", "Afzender", "Ontvanger"):
        value = (
            MESSAGE_CODE[kind_out]
            if tag == "BerichtCode"
            else received.findtext(f"{{{source_ns}}}{tag}", "")
        )
        make.m(header, tag, value)
    for tag in ("BerichtIdentificatie", "XsdVersie"):
        original = received.find(f"{{{source_ns}}}{tag}")
        copied = _retagged(deepcopy(original), source_ns, make.ns)
        header.append(copied)
    make.m(header, "IdentificatieRetour", identification)
    make.m(header, "DagtekeningRetour", dated_on)
    _xsd_version(make, header, "XsdVersieRetour", xsd_versions)
    _codes(make, header, list(header_codes))
    client = incoming.find(f"{{{source_ns}}}Client")
    if class_codes is not None and client is not None:
        copied = _retagged(deepcopy(client), source_ns, make.ns)
        seen: dict[str, int] = {}
        targets = []
        for element in copied.iter(f"{{{make.ns}}}*"):
            local = etree.QName(element).localname
            if local in RETURN_CLASSES[kind_in] and local in class_codes:
                index = seen.get(local, 0)
                seen[local] = index + 1
                codes = class_codes[local]
                targets.append((element, codes[index] if index < len(codes) else ("0233",)))
        for element, codes in targets:
            _codes(make, element, list(codes))
        root.append(copied)
    return _serialise(root)


def _codes(make: _Maker, parent, codes: list[str]) -> None:
    if not codes:
        return
    element = make.m(parent, "RetourCodes")
    for code in codes:
        make.m(element, "RetourCode", in_message("WJ001", code))


def _retagged(element, old_ns: str, new_ns: str):
    """Move the elements of the received message's namespace into the return's."""
    for item in element.iter():
        qname = etree.QName(item)
        if qname.namespace == old_ns:
            item.tag = f"{{{new_ns}}}{qname.localname}"
    etree.cleanup_namespaces(element)
    return element


# --- What a provider sends (the demo and the tests) -------------------------------------------


@dataclass(frozen=True)
class StartItem:
    allocation_number: int | None
    category: str
    product_code: str
    begin: date
    allocation_start: date | None = None
    status: str = "1"  # 1 first delivery, 3 remove


@dataclass(frozen=True)
class StopItem:
    allocation_number: int | None
    category: str
    product_code: str
    begin: date
    end: date
    reason: str  # JZ588
    allocation_start: date | None = None
    status: str = "1"


@dataclass(frozen=True)
class RequestItem:
    reference: str
    category: str
    start: date
    referrer_type: str  # COD327
    product_code: str = ""
    end: date | None = None
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget_cents: int | None = None
    referrer_name: str = ""
    referrer_agb: str = ""
    comment: str = ""
    extra: dict = field(default_factory=dict)


def _provider_message(kind: str, header: Header, client: Client):
    make = _Maker(kind)
    root = etree.Element(f"{{{make.ns}}}Bericht", nsmap={None: make.ns, "ijw": BASE_NS})
    _header(make, root, kind, header)
    element = make.m(root, "Client")
    _client_identity(make, element, client, full_name=False)
    return make, root, element


def _regie_item(make: _Maker, products, tag: str, item) -> object:
    """A StartProduct or StopProduct up to its start date: the key that ties it to the
    allocation (ToewijzingNummer) and the product."""
    product = make.m(products, tag)
    if item.allocation_number is not None:
        make.m(product, "ToewijzingNummer", item.allocation_number)
    _product(make, product, item.category, item.product_code)
    if item.allocation_start:
        make.m(product, "ToewijzingIngangsdatum", item.allocation_start)
    make.m(product, "Begindatum", item.begin)
    return product


def jw305(header: Header, client: Client, items: Sequence[StartItem]) -> bytes:
    make, root, element = _provider_message("JW305", header, client)
    products = make.m(element, "StartProducten")
    for item in items:
        product = _regie_item(make, products, "StartProduct", item)
        make.m(product, "StatusAanlevering", item.status)
    return _serialise(root)


def jw307(header: Header, client: Client, items: Sequence[StopItem]) -> bytes:
    make, root, element = _provider_message("JW307", header, client)
    products = make.m(element, "StopProducten")
    for item in items:
        product = _regie_item(make, products, "StopProduct", item)
        make.m(product, "RedenBeeindiging", in_message("JZ588", item.reason))
        make.m(product, "Einddatum", item.end)
        make.m(product, "StatusAanlevering", item.status)
    return _serialise(root)


def jw315(header: Header, client: Client, items: Sequence[RequestItem], comment: str = "") -> bytes:
    make, root, element = _provider_message("JW315", header, client)
    make.m(element, "GezagsdragerBekend", "1")
    if comment.strip():
        make.m(element, "Commentaar", comment.strip())
    products = make.m(element, "AangevraagdeProducten")
    for item in items:
        product = make.m(products, "AangevraagdProduct")
        make.m(product, "ReferentieAanbieder", item.reference)
        _product(make, product, item.category, item.product_code)
        make.m(product, "ToewijzingIngangsdatum", item.start)
        if item.end:
            make.m(product, "ToewijzingEinddatum", item.end)
        _volume(make, product, item.volume, item.unit, item.frequency)
        if item.budget_cents is not None:
            make.m(product, "Budget", item.budget_cents)
        referrer = make.m(product, "Verwijzer")
        make.b(referrer, "Type", in_message("COD327", item.referrer_type))
        if item.referrer_name:
            make.b(referrer, "Naam", item.referrer_name[:64])
        if item.referrer_agb:
            make.b(referrer, "ZorgverlenerCode", item.referrer_agb)
        if item.comment.strip():
            make.m(product, "Commentaar", item.comment.strip())
    return _serialise(root)
