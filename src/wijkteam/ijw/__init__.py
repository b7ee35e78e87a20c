"""The iJw 3.2 standard as the product needs it at run time: the national code lists
(`codes.py`, from `data/codelists.csv`, the project's own copy of the lists it uses).
The schemas themselves are not copied: the product finds them through the setting
`IJW_XSD_DIR` (see docs/operations.md)."""
