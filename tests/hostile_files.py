"""Hostile files for the probe tests, built on the fly (nothing large is committed): zip/docx bombs, a huge workbook,
a PDF with too many pages. Each writer streams, so building one costs little memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

MB = 1024 * 1024
_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'wordprocessingml.document.main+xml"/></Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/></Relationships>')


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _stream(zf: zipfile.ZipFile, name: str, head: bytes, filler: bytes, size: int, tail: bytes) -> None:
    with zf.open(_info(name), "w", force_zip64=True) as fh:
        fh.write(head)
        chunk = filler * max(1, MB // len(filler))
        written = 0
        while written < size:
            fh.write(chunk)
            written += len(chunk)
        fh.write(tail)


def docx_bomb(path: Path, document_mb: int = 430) -> Path:
    """A .docx whose document.xml inflates to ``document_mb`` MB (about 1 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        _stream(zf, "word/document.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>', b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", document_mb * MB,
                b"</w:body></w:document>")
    return path


def zip_bomb(path: Path, members: int = 25, member_mb: int = 45) -> Path:
    """A .zip of ``members`` report-named text files of ``member_mb`` MB each."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for i in range(members):
            _stream(zf, f"report_{i:02d}.txt", b"", b"0" * 4096, member_mb * MB, b"")
    return path


def huge_workbook(path: Path, rows: int = 1_000_000) -> Path:
    """A valid .xlsx with one sheet of ``rows`` rows (not our template)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    '</Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml",
                    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with zf.open(_info("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main"><sheetData>')
            buf = []
            for r in range(1, rows + 1):
                buf.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>')
                if len(buf) >= 10000:
                    fh.write("".join(buf).encode())
                    buf = []
            fh.write("".join(buf).encode())
            fh.write(b"</sheetData></worksheet>")
    return path


def many_pages_pdf(path: Path, pages: int = 2000) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        w.write(fh)
    return path


def dense_docx(path: Path, document_mb: int = 35, seed: int = 15) -> Path:
    """A .docx within every declared limit (``document.xml`` under 40 MB, an ordinary compression ratio: the text
    is varied numbers) whose million short paragraphs still make python-docx build a huge tree."""
    import random

    rnd = random.Random(seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        with zf.open(_info("word/document.xml"), "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body>')
            written, target = 0, document_mb * MB - 64
            while written < target:
                chunk = "".join(f"<w:p><w:r><w:t>{rnd.randrange(10 ** 9)}</w:t></w:r></w:p>" for _ in range(2000))
                fh.write(chunk.encode())
                written += len(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def content_bomb_pdf(path: Path, stream_mb: int = 60) -> Path:
    """A one-page PDF (well under the page cap, a few hundred KB on disk) whose content stream inflates to
    ``stream_mb`` MB of text operators: one page that keeps a text extractor busy for minutes."""
    import zlib

    op = b"BT /F1 9 Tf 72 720 Td (0123456789) Tj ET\n"
    comp = zlib.compressobj(9)
    parts = []
    block = op * (MB // len(op))
    for _ in range(stream_mb):
        parts.append(comp.compress(block))
    parts.append(comp.flush())
    data = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(data)).encode() + b" /Filter /FlateDecode >>\nstream\n" + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
