"""Read iJw messages from files: `manage.py ijw_import FILE...`, or `--inbox` for every
file in IJW_INBOX_DIR (moved to `processed/` once read, so a second run skips them)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkteam.ijw.inbox import import_path
from wijkteam.ijw.outbox import write_pending


class Command(BaseCommand):
    help = "Import received iJw messages (JW302, JW305, JW307, JW315) and answer them."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="Message files or folders.")
        parser.add_argument(
            "--inbox", action="store_true", help="Read every file in IJW_INBOX_DIR."
        )

    def handle(self, *args, files: list[Path], inbox: bool, **options):
        if inbox:
            if not settings.IJW_INBOX_DIR:
                raise CommandError("IJW_INBOX_DIR is not set.")
            files = [*files, Path(settings.IJW_INBOX_DIR)]
        if not files:
            raise CommandError("Name one or more files or folders, or use --inbox.")
        counts = {"accepted": 0, "rejected": 0, "skipped": 0}
        for path, move in self._expanded(files):
            result = import_path(path)
            counts[result.status] += 1
            self.stdout.write(result.summary())
            # A file that could not even be read stays, to be tried again.
            if move and (result.status != "rejected" or result.message is not None):
                self._move(path)
        written = write_pending()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['accepted']} accepted, {counts['rejected']} rejected, "
                f"{counts['skipped']} already imported; {written.written} return messages "
                f"written, {written.waiting} waiting."
            )
        )

    def _expanded(self, paths: list[Path]):
        """Files as given; the files of a folder (sorted, hidden ones left out) are moved
        to its `processed/` folder after reading."""
        for path in paths:
            if path.is_dir():
                for item in sorted(path.iterdir()):
                    if item.is_file() and not item.name.startswith("."):
                        yield item, True
            elif path.is_file():
                yield path, False
            else:
                raise CommandError(f"No such file or folder: {path}")

    @staticmethod
    def _move(path: Path) -> None:
        done = path.parent / "processed"
        done.mkdir(exist_ok=True)
        target = done / path.name
        if target.exists():
            target = done / f"{path.stem}.{path.stat().st_mtime_ns}{path.suffix}"
        path.rename(target)
