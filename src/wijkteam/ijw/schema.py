"""Validation of messages against the official iJw 3.2 schemas (lxml, libxml2).

The schemas are not part of the product: `IJW_XSD_DIR` points at the folder a
municipality downloads from Zorginstituut Nederland. Without it every message is still
built and read, and marked "not schema-checked". The message schemas import
`basisschema.xsd` while the release ships `Basisschema.xsd`; a resolver finds the file
whatever its case, so both a plain download and a folder with a lower-case copy work.
"""

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from lxml import etree

# The versions written in XsdVersie when the schema folder does not say (release 3.2).
DEFAULT_XSD_VERSIONS = ("0.1.0", "0.1.0")  # (basisschema, message)
APPINFO = "{http://www.istandaarden.nl/ijw/3_2/basisschema/schema}"


class _CaseInsensitiveResolver(etree.Resolver):
    """Resolves an imported schema's file name in the same folder, ignoring case."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        name = Path(url).name
        exact = self.folder / name
        if exact.is_file():
            return self.resolve_filename(str(exact), context)
        for candidate in self.folder.iterdir():
            if candidate.name.lower() == name.lower():
                return self.resolve_filename(str(candidate), context)
        return None


def secure_parser(**options) -> etree.XMLParser:
    """No DTDs, no entities, no network: a message cannot make us read other files."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **options
    )


_local = threading.local()


def schema_folder() -> Path | None:
    folder = settings.IJW_XSD_DIR
    if not folder:
        return None
    path = Path(folder)
    return path if path.is_dir() else None


def _message_xsd(folder: Path, kind: str) -> Path | None:
    for candidate in (folder / f"{kind}.xsd", folder / f"{kind.lower()}.xsd"):
        if candidate.is_file():
            return candidate
    return None


def _schema(kind: str) -> etree.XMLSchema | None:
    """The compiled schema of one message kind, cached per thread and folder."""
    folder = schema_folder()
    if folder is None:
        return None
    cache = getattr(_local, "schemas", None)
    if cache is None:
        cache = _local.schemas = {}
    key = (str(folder), kind)
    if key not in cache:
        path = _message_xsd(folder, kind)
        if path is None:
            cache[key] = None
        else:
            parser = secure_parser()
            parser.resolvers.add(_CaseInsensitiveResolver(folder))
            cache[key] = etree.XMLSchema(etree.parse(str(path), parser))
    return cache[key]


@dataclass(frozen=True)
class SchemaResult:
    checked: bool  # False: no schema configured for this kind
    errors: tuple[str, ...] = ()

    @property
    def valid(self) -> bool | None:
        """True or False when checked; None when not schema-checked."""
        return (not self.errors) if self.checked else None


def validate(kind: str, document: bytes | etree._Element) -> SchemaResult:
    """Check a message against its schema; errors say where (line) and what, never the
    content of a field (which may be a BSN)."""
    schema = _schema(kind)
    if schema is None:
        return SchemaResult(False)
    if isinstance(document, bytes):
        try:
            document = etree.fromstring(document, secure_parser())
        except etree.XMLSyntaxError as exc:
            return SchemaResult(True, (f"line {exc.lineno}: not well-formed XML",))
    if schema.validate(document):
        return SchemaResult(True)
    errors = tuple(
        f"line {error.line}: {_without_values(error.message)}" for error in schema.error_log
    )
    return SchemaResult(True, errors[:20])


def _without_values(message: str) -> str:
    """libxml2 quotes the offending value ("The value '12345678' is not …"): keep the
    element and the rule, drop the value, so no BSN or name reaches a log or a page."""
    parts = message.split("'")
    # Quoted parts alternate with plain text; keep element names ({ns}Name) only.
    kept = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            kept.append(part)
        elif part.startswith("{") or part.startswith("xs:") or part.isidentifier():
            kept.append(f"'{part}'")
        else:
            kept.append("'…'")
    return re.sub(r"\{[^}]*\}", "", "".join(kept)).strip()


def xsd_versions(kind: str) -> tuple[str, str]:
    """(BasisschemaXsdVersie, BerichtXsdVersie) from the message schema's appinfo."""
    folder = schema_folder()
    path = _message_xsd(folder, kind) if folder else None
    if path is None:
        return DEFAULT_XSD_VERSIONS
    root = etree.parse(str(path), secure_parser()).getroot()
    basis = root.findtext(f".//{APPINFO}BasisschemaXsdVersie")
    message = root.findtext(f".//{APPINFO}BerichtXsdVersie")
    if basis and message:
        return basis.strip(), message.strip()
    return DEFAULT_XSD_VERSIONS
