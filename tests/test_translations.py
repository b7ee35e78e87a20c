"""The Dutch catalogue is complete, compiled and keeps every placeholder.

After `make messages`, translate the new entries in the .po; these tests say which are left.
"""

import re
from pathlib import Path

import polib

LC_MESSAGES = (
    Path(__file__).resolve().parent.parent / "src" / "wijkteam" / "locale" / "nl" / "LC_MESSAGES"
)
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# %(name)s, %(count)d, %s, %.1f …; "%%" is a literal percent sign, not a placeholder.
PYTHON_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
TEMPLATE_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(PO_PATH)) if not entry.obsolete]


def _translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs: form 0 translates msgid, the other forms msgid_plural."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [
        (entry.msgid if index == 0 else entry.msgid_plural, text)
        for index, text in sorted(entry.msgstr_plural.items())
    ]


def _placeholders(text: str, python_format: bool) -> set[str]:
    found = {f"{{{{ {name} }}}}" for name in TEMPLATE_PLACEHOLDER.findall(text)}
    if python_format:
        found |= set(PYTHON_PLACEHOLDER.findall(text)) - {"%%"}
    return found


def _pairs(catalogue) -> set[tuple]:
    """What gettext looks up: (context, msgid, msgid_plural) → translation(s)."""
    return {
        (
            entry.msgctxt,
            entry.msgid,
            entry.msgid_plural,
            tuple(text for _, text in sorted(entry.msgstr_plural.items())) or entry.msgstr,
        )
        for entry in catalogue
        if entry.msgid  # the header
    }


def _listed(msgids) -> str:
    return "".join(f"\n  {msgid!r}" for msgid in msgids)


def test_catalogue_header_is_dutch():
    metadata = polib.pofile(str(PO_PATH)).metadata
    assert metadata.get("Language") == "nl", f"Language header is {metadata.get('Language')!r}"
    assert metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);", (
        f"Plural-Forms header is {metadata.get('Plural-Forms')!r}"
    )


def test_every_entry_is_translated_and_not_fuzzy():
    entries = _entries()
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    untranslated = [
        entry.msgid
        for entry in entries
        if not all(text.strip() for _, text in _translations(entry))
        or (entry.msgid_plural and len(entry.msgstr_plural) != 2)
    ]
    assert not fuzzy, f"{PO_PATH.name} has fuzzy entries; check and unflag them:{_listed(fuzzy)}"
    assert not untranslated, (
        f"{PO_PATH.name} has untranslated entries (or plural forms):{_listed(untranslated)}"
    )


def test_compiled_catalogue_is_up_to_date(tmp_path):
    assert MO_PATH.exists(), f"{MO_PATH} is missing; run scripts/compile_messages.py"
    fresh_path = tmp_path / "django.mo"
    polib.pofile(str(PO_PATH)).save_as_mofile(str(fresh_path))
    expected = _pairs(polib.mofile(str(fresh_path)))
    committed = _pairs(polib.mofile(str(MO_PATH)))
    stale = sorted({pair[1] for pair in expected ^ committed})
    assert not stale, (
        f"{MO_PATH.name} does not match {PO_PATH.name}; run scripts/compile_messages.py. "
        f"Differing msgids:{_listed(stale)}"
    )


def test_translations_keep_placeholders():
    wrong = []
    for entry in _entries():
        python_format = "python-format" in entry.flags
        for source, text in _translations(entry):
            if text and _placeholders(source, python_format) != _placeholders(text, python_format):
                wrong.append(f"{entry.msgid} -> {text}")
    assert not wrong, f"Placeholders differ between msgid and msgstr:{_listed(wrong)}"


def test_catalogue_holds_every_marked_string(tmp_path):
    """No string marked for translation in code or templates is missing from the .po."""
    import shutil
    import subprocess
    import sys

    import pytest

    if not shutil.which("xgettext"):
        pytest.skip("needs GNU gettext (apt-get install gettext) to extract messages")
    source = Path(__file__).resolve().parent.parent / "src" / "wijkteam"
    work = tmp_path / "wijkteam"
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("static", "__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={
            **__import__("os").environ,
            "PYTHONPATH": str(source.parent),
            "DJANGO_SETTINGS_MODULE": "wijkteam.settings.base",
        },
    )
    extracted = polib.pofile(str(work / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    wanted = {(e.msgctxt, e.msgid) for e in extracted if e.msgid and not e.obsolete}
    have = {(e.msgctxt, e.msgid) for e in _entries() if e.msgid}
    missing = sorted(msgid for _, msgid in wanted - have)
    assert not missing, "Run `make messages` and translate:" + _listed(missing)
