"""The log scan (tests/log_scan.py) finds a BSN or surname in any worker's log."""

from tests.log_scan import leaks


def test_a_bsn_or_surname_in_a_log_line_is_found(tmp_path):
    (tmp_path / "gw0.identities").write_text("123456782\nAchternaam7", "utf-8")
    (tmp_path / "gw1.identities").write_text("Bakkerveen", "utf-8")
    (tmp_path / "gw0.log").write_text(
        "WARNING django.request: Forbidden: /api/v1/cases/12/\n"
        "ERROR django.request: duplicate key (bsn)=(123456782)\n",
        "utf-8",
    )
    (tmp_path / "gw1.log").write_text("INFO wijkteam: zoekopdracht van Bakkerveen\n", "utf-8")
    found = leaks(tmp_path)
    assert len(found) == 2
    assert "123456782" in found[0] and "Bakkerveen" in found[1]


def test_clean_logs_pass(tmp_path):
    (tmp_path / "main.identities").write_text("123456782", "utf-8")
    (tmp_path / "main.log").write_text("WARNING django.request: Not Found: /gezin/9/\n", "utf-8")
    assert leaks(tmp_path) == []
