"""Compile every src/wijkteam/locale/*/LC_MESSAGES/django.po to django.mo with polib.

Needs no system gettext. Fuzzy and obsolete entries are left out of the .mo (as msgfmt
does). Exits 1 if a .po file has a syntax error; the other files are still compiled.
"""

import re
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "wijkteam" / "locale"

# A keyword with a quoted string, or a continuation string. polib's parser lets some
# errors through (an unterminated string loses its last character), so check lines first.
LINE = re.compile(
    r"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"
    r'"(?:[^"\\]|\\(?:["\\abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]+))*"'
)


def check_syntax(po_path: Path) -> None:
    for number, line in enumerate(po_path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#") and not LINE.fullmatch(line):
            raise ValueError(f"syntax error on line {number}: {line}")


def compile_po(po_path: Path) -> int:
    """Write django.mo next to po_path; return the number of entries compiled."""
    check_syntax(po_path)
    catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
    # polib writes only translated entries: fuzzy, obsolete and empty ones are left out.
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    return len(catalogue.translated_entries())


def main() -> int:
    failed = False
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        try:
            count = compile_po(po_path)
        except (OSError, ValueError) as exc:
            print(f"error: {po_path}: {exc}", file=sys.stderr)
            failed = True
        else:
            print(f"{po_path.relative_to(LOCALE_DIR)}: {count} messages")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
