"""One validator for every uploaded file (seekers import, employers import, any later attachment).

Checked, in this order, each with a message the uploader can act on:
- the name: a plain file name (no folder, no NUL, not hidden) with an allowed extension; the name is never
  used as a path (imports read the content in memory; stored files get a generated name);
- the size: at most UPLOAD_MAX_BYTES (5 MB);
- the content matches the extension (magic bytes, not the browser's content type):
  xlsx is a zip archive holding `[Content_Types].xml` whose members unpack to at most
  UPLOAD_MAX_UNPACKED_BYTES with a sane compression ratio (a zip bomb is refused before anything unpacks it);
  csv is text in UTF-8 or CP949 (Korean Excel) without NUL bytes, and not an archive or executable.
"""

import io
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
UPLOAD_MAX_RATIO = 100  # unpacked size / packed size of one member; real spreadsheets stay far below
UPLOAD_MAX_MEMBERS = 1000
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"\x89PNG")


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def validate_upload(upload: UploadedFile, *, extensions: Iterable[str] = ("csv", "xlsx")) -> UploadedFile:
    """The upload, rewound, if its name, size and content are acceptable; ValidationError otherwise."""
    extensions = tuple(extension.lower().lstrip(".") for extension in extensions)
    name = upload.name or ""
    if not name or any(char in name for char in "/\\\x00") or ".." in name or name.startswith("."):
        raise ValidationError(_("The file name is not a plain file name. Rename the file and upload it again."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in extensions:
        raise ValidationError(
            _("Upload a file of one of these kinds: %(kinds)s.") % {"kinds": ", ".join(f".{e}" for e in extensions)}
        )
    max_bytes = _limit("UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES)
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(megabytes)d MB. Split it into smaller files.")
            % {"megabytes": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file is larger than %(megabytes)d MB. Split it into smaller files.")
            % {"megabytes": max_bytes // (1024 * 1024)}
        )
    if not content:
        raise ValidationError(_("The file is empty."))
    if extension == "xlsx":
        _check_xlsx(content)
    elif extension == "csv":
        _check_csv(content)
    return upload


def _check_xlsx(content: bytes) -> None:
    not_excel = _("The file is not an Excel workbook (.xlsx), whatever its name says. Save it from Excel as .xlsx.")
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError(not_excel)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise ValidationError(not_excel) from error
    with archive:
        members = archive.infolist()
        if "[Content_Types].xml" not in {member.filename for member in members}:
            raise ValidationError(not_excel)
        unpacked = sum(member.file_size for member in members)
        too_big = unpacked > _limit("UPLOAD_MAX_UNPACKED_BYTES", UPLOAD_MAX_UNPACKED_BYTES)
        too_packed = any(
            member.file_size > 1024 * 1024 and member.file_size > UPLOAD_MAX_RATIO * max(member.compress_size, 1)
            for member in members
        )
        if too_big or too_packed or len(members) > UPLOAD_MAX_MEMBERS:
            raise ValidationError(
                _("The workbook unpacks to far more data than a spreadsheet holds; it is refused. Save it again.")
            )
        if any(member.filename.startswith("/") or ".." in member.filename.split("/") for member in members):
            raise ValidationError(not_excel)


def _check_csv(content: bytes) -> None:
    if content.startswith(BINARY_MAGIC) or b"\x00" in content:
        raise ValidationError(_("The file is not a CSV text file, whatever its name says. Save it as CSV (UTF-8)."))
    for encoding in ("utf-8-sig", "cp949"):
        try:
            content.decode(encoding)
            return
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The CSV file is neither UTF-8 nor CP949 text. Save it as CSV (UTF-8)."))
