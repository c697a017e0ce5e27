"""Article bytes to text: the encoding found (UTF-8, UTF-16, cp1252 line by line), binary
refused, and a text cut at a size limit ended between words.

What comes in is the bytes of a file, a saved page or stdin; what goes out is the text and
the warnings a reader should see (another encoding, mixed encodings), or a ValueError saying
why the bytes are no text.
"""

from __future__ import annotations

from framing.read.formats import html

# Bytes that never occur in text: a file holding them is binary, whatever its name says.
_BINARY_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32)) - {27}


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    if sample and sum(byte in _BINARY_BYTES for byte in sample) / len(sample) > 0.01:
        raise ValueError("binary file, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``data`` reads as UTF-16 text with no byte-order mark.

    Text in a Latin or Cyrillic script is mostly code points under U+0100 or in one block, so
    one byte of each pair is nearly always the same (zero for ASCII) and the other varies;
    binary data has no such rhythm. Both halves are checked, so UTF-8 text never qualifies.
    """
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        encoding = "utf-16-le"
    elif even_zeros > 0.3 and odd_zeros < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Small 16-bit numbers (audio, tables) have the same rhythm: text is printable.
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return encoding if printable >= 0.95 * len(text) else None


def _decode_lines(data: bytes, utf8_error: str) -> tuple[str, list[str]]:
    """Bytes that are not UTF-8 as a whole, decoded line by line: UTF-8 where a line is,
    else cp1252 (what Windows editors and many CMS exports write; it decodes most of latin-1
    too, and its five undefined bytes make it fail on data that is neither).

    A file pasted together from two sources holds both; decoding each line on its own keeps
    the UTF-8 lines right instead of turning their accents into mojibake.
    """
    lines, cp1252_lines, utf8_lines = [], [], 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                raise ValueError(f"{utf8_error}, and not cp1252 either") from None
            cp1252_lines.append(number)
    text = "\n".join(lines).removeprefix("\ufeff")
    if not utf8_lines:
        return text, [f"{utf8_error}; decoded as cp1252"]
    shown = ", ".join(map(str, cp1252_lines[:5])) + (" …" if len(cp1252_lines) > 5 else "")
    return text, [
        f"{utf8_error}: mixed encodings, {len(cp1252_lines)} line(s) decoded as cp1252 "
        f"(line {shown}), the rest as UTF-8"
    ]


def decode_article_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else
    line by line as UTF-8 or cp1252, with a warning.

    Raises ValueError for binary data (control bytes that no text contains).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError:
            raise ValueError("has a UTF-16 byte-order mark but is not valid UTF-16") from None
    if utf16 := _utf16_without_bom(data):
        # The rhythm was seen in the first 8 kB; a bad pair further on is replaced (U+FFFD).
        text = data[: len(data) - len(data) % 2].decode(utf16, errors="replace")
        return text, [f"decoded as {utf16.upper()} (no byte-order mark)"]
    _refuse_binary(data)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return _decode_lines(data, utf8_error)


def decode_page(data: bytes) -> tuple[str, list[str]]:
    """A saved page decoded by the charset it declares, else like any article."""
    charset = html.declared_charset(data)
    if charset and charset not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        _refuse_binary(data)  # binary data that claims a charset is still binary
        try:
            return data.decode(charset), []
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall back to detection, which warns
    return decode_article_bytes(data)


def without_partial_character(data: bytes) -> bytes:
    """Bytes cut at a limit may end inside a UTF-8 character: drop that fragment."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            return data[: exc.start]
    return data


def end_between_words(cut: str) -> str:
    """A text cut at a size limit, backed up to its last gap between words.

    A cut mid-word would leave a fragment that reads as a word; the gap is not used when it
    would throw away much of the text (one enormous "word").
    """
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary > len(cut) * 0.9:
        cut = cut[:boundary]
    return cut.rstrip()


def truncate_text(text: str, max_bytes: int) -> str:
    """The longest start of ``text`` within ``max_bytes`` of UTF-8, ending between words."""
    return end_between_words(text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore"))
