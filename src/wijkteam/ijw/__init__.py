"""The iJw 3.2 standard as the product uses it: the national code lists (`codes.py`),
building the messages the municipality sends (`build.py`) and reading the ones providers
send (`parse.py`), schema validation (`schema.py`) and the rules that concern the
municipality (`rules.py`), the outbox and the import (`outbox.py`, `inbox.py`) and the
message records (`models.py`). The schemas are not copied: the product finds them through
the setting `IJW_XSD_DIR` (docs/ijw.md, docs/operations.md)."""
