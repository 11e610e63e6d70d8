"""Real and forged files for upload tests: valid PDFs and images, disguised HTML, a PNG bomb."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Budi Pelapor"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
HTML = b"<html><body><script>fetch('/admin/').then(r=>r.text())</script></body></html>\n"
# An HTML page behind a PDF header (and the PDF end marker) and behind a JPEG header.
HTML_AS_PDF = b"%PDF-1.4\n" + HTML + b"%%EOF\n"
HTML_AS_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML


def pdf_bytes(*, author: str = "", producer: str = "", xmp: bytes = b"", pad: int = 0) -> bytes:
    """A one-page PDF, optionally with document information, XMP metadata and padding."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if author or producer:
        writer.add_metadata({"/Author": author, "/Producer": producer})
    if xmp:
        stream = DecodedStreamObject()
        stream.set_data(xmp)
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    # Bytes after %%EOF are ignored by readers: a way to reach an exact size.
    return data + b"\n" + b"0" * (pad - len(data) - 1) if pad else data


def jpeg_bytes(*, exif: bool = False, size: tuple[int, int] = (20, 10)) -> bytes:
    image = Image.new("RGB", size, "red")
    out = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "KameraRahasia"  # Make
        tags[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPS latitude
        image.save(out, format="JPEG", exif=tags.tobytes())
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "blue").save(out, format="PNG")
    return out.getvalue()


def png_bomb(side: int = 20_000) -> bytes:
    """A valid black-and-white PNG of side x side pixels that is only tens of kilobytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)
    idat = b"".join(compressor.compress(row) for _i in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
