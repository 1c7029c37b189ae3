"""Writers for the sample corpus: legacy CSV and XML bytes, and spreadsheets saved by LibreOffice.

Spreadsheets are described as flat ODF (.fods) documents — real date-valued cells with Chinese
date styles, merged title cells, formulas with their cached results, several sheets — and then
saved as .xlsx / .xls by LibreOffice itself (``soffice --headless --convert-to``), so that the
readers meet files written by a real spreadsheet program, not only by POI.
"""
import datetime
import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape, quoteattr

# ---------------------------------------------------------------- identifiers


def gtin(body):
    """Appends the GS1 mod-10 check digit to a GTIN body (7, 11, 12 or 13 digits)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return body + str((10 - total % 10) % 10)


def bad_gtin(body):
    """The same GTIN with a wrong check digit (a typo at the till)."""
    good = gtin(body)
    return good[:-1] + str((int(good[-1]) + 3) % 10)


def excel_serial(day):
    """Excel's 1900-system serial day number of a date."""
    return (day - datetime.date(1899, 12, 30)).days


# ---------------------------------------------------------------- CSV


def write_csv(path, rows, encoding, bom=False, delimiter=",", newline="\r\n", quote_all=False):
    """Writes rows of text cells as a legacy system would: the given encoding, CRLF, minimal quoting."""
    def cell(value):
        if value is None:
            return '""' if quote_all else ""
        text = str(value)
        if quote_all or any(c in text for c in (delimiter, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = []
    for row in rows:
        if isinstance(row, str):          # a free-text line: titles, footers
            lines.append(row)
        else:
            lines.append(delimiter.join(cell(v) for v in row))
    data = (newline.join(lines) + newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def write_bytes(path, text, encoding):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(text.encode(encoding))


# ---------------------------------------------------------------- flat ODF spreadsheets


class Date:
    """A date or date-time cell: an office:date-value with a number style (e.g. yyyy年m月d日)."""

    def __init__(self, value, style):
        self.value = value
        self.style = style


class Num:
    """A float cell, optionally with a number style (e.g. #,##0.00)."""

    def __init__(self, value, style=None):
        self.value = value
        self.style = style


class Formula:
    """A formula cell with its cached result (what Excel shows and what readers get)."""

    def __init__(self, formula, cached, style=None):
        self.formula = formula
        self.cached = cached
        self.style = style


class Merge:
    """A cell spanning several columns (a title row)."""

    def __init__(self, value, columns, style="title"):
        self.value = value
        self.columns = columns
        self.style = style


class Text:
    """A text cell whose content looks like a number or a date (typed by hand, or pasted as text)."""

    def __init__(self, value):
        self.value = value


# number styles: name -> ODF data style body
_NUMBER_STYLES = {
    "cn-date": ('date', '<number:year number:style="long"/><number:text>年</number:text><number:month/>'
                        '<number:text>月</number:text><number:day/><number:text>日</number:text>'),
    "cn-datetime": ('date', '<number:year number:style="long"/><number:text>年</number:text><number:month/>'
                            '<number:text>月</number:text><number:day/><number:text>日 </number:text>'
                            '<number:hours/><number:text>:</number:text><number:minutes number:style="long"/>'),
    "cn-monthday": ('date', '<number:month/><number:text>月</number:text><number:day/><number:text>日</number:text>'),
    "iso-date": ('date', '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>'
                         '<number:text>-</number:text><number:day number:style="long"/>'),
    "iso-datetime": ('date', '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>'
                             '<number:text>-</number:text><number:day number:style="long"/><number:text> </number:text>'
                             '<number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/>'),
    "grouped2": ('number', '<number:number number:decimal-places="2" number:min-decimal-places="2" '
                           'number:min-integer-digits="1" number:grouping="true"/>'),
    "grouped0": ('number', '<number:number number:decimal-places="0" number:min-decimal-places="0" '
                           'number:min-integer-digits="1" number:grouping="true"/>'),
    "fixed1": ('number', '<number:number number:decimal-places="1" number:min-decimal-places="1" '
                         'number:min-integer-digits="1"/>'),
    "fixed2": ('number', '<number:number number:decimal-places="2" number:min-decimal-places="2" '
                         'number:min-integer-digits="1"/>'),
}


def _display(value, style):
    """The text a spreadsheet shows for a value in a style (kept in <text:p> for readers of the .fods)."""
    if isinstance(value, datetime.datetime) or isinstance(value, datetime.date):
        d = value
        if style == "cn-date":
            return f"{d.year}年{d.month}月{d.day}日"
        if style == "cn-datetime":
            return f"{d.year}年{d.month}月{d.day}日 {d.hour}:{d.minute:02d}"
        if style == "cn-monthday":
            return f"{d.month}月{d.day}日"
        if style == "iso-date":
            return d.strftime("%Y-%m-%d")
        return d.strftime("%Y-%m-%d %H:%M")
    if style == "grouped2":
        return f"{float(value):,.2f}"
    if style == "grouped0":
        return f"{float(value):,.0f}"
    if style == "fixed1":
        return f"{float(value):.1f}"
    if style == "fixed2":
        return f"{float(value):.2f}"
    return str(value)


def _iso(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.strftime("%Y-%m-%d")


def _number(value):
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


class Sheet:
    def __init__(self, name, rows, widths=None, header_row=None):
        self.name = name
        self.rows = rows
        self.widths = widths or []
        self.header_row = header_row          # 1-based; shown bold


def _cell(value, bold=False):
    bold_style = ' table:style-name="ce-bold"' if bold else ""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Merge):
        style = ' table:style-name="ce-title"' if value.style == "title" else ' table:style-name="ce-group"'
        return (f'<table:table-cell{style} table:number-columns-spanned="{value.columns}" office:value-type="string">'
                f"<text:p>{escape(value.value)}</text:p></table:table-cell>"
                + "<table:covered-table-cell/>" * (value.columns - 1))
    if isinstance(value, Date):
        return (f'<table:table-cell table:style-name="ce-{value.style}" office:value-type="date" '
                f'office:date-value="{_iso(value.value)}"><text:p>{escape(_display(value.value, value.style))}</text:p>'
                "</table:table-cell>")
    if isinstance(value, Num):
        style = f' table:style-name="ce-{value.style}"' if value.style else bold_style
        return (f'<table:table-cell{style} office:value-type="float" office:value="{_number(value.value)}">'
                f"<text:p>{escape(_display(value.value, value.style))}</text:p></table:table-cell>")
    if isinstance(value, Formula):
        style = f' table:style-name="ce-{value.style}"' if value.style else bold_style
        return (f'<table:table-cell{style} table:formula={quoteattr(value.formula)} office:value-type="float" '
                f'office:value="{_number(value.cached)}"><text:p>{escape(_display(value.cached, value.style))}</text:p>'
                "</table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f'<table:table-cell{bold_style} office:value-type="float" office:value="{_number(value)}">'
                f"<text:p>{_number(value)}</text:p></table:table-cell>")
    text = value.value if isinstance(value, Text) else str(value)
    return (f'<table:table-cell{bold_style} office:value-type="string"><text:p>{escape(text)}</text:p>'
            "</table:table-cell>")


def fods(sheets):
    """A flat ODF spreadsheet document holding the sheets."""
    styles = []
    for name, (kind, body) in _NUMBER_STYLES.items():
        tag = "number:date-style" if kind == "date" else "number:number-style"
        styles.append(f'<{tag} style:name="N-{name}" number:language="zh" number:country="CN">{body}</{tag}>')
        styles.append(f'<style:style style:name="ce-{name}" style:family="table-cell" '
                      f'style:parent-style-name="Default" style:data-style-name="N-{name}"/>')
    styles.append('<style:style style:name="ce-title" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:table-cell-properties style:text-align-source="fix"/>'
                  '<style:paragraph-properties fo:text-align="center"/>'
                  '<style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-size-asian="14pt" '
                  'style:font-weight-asian="bold"/></style:style>')
    styles.append('<style:style style:name="ce-group" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:table-cell-properties style:text-align-source="fix"/>'
                  '<style:paragraph-properties fo:text-align="center"/>'
                  '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>')
    styles.append('<style:style style:name="ce-bold" style:family="table-cell" style:parent-style-name="Default">'
                  '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>')
    tables = []
    for sheet in sheets:
        columns = "".join(
            f'<style:style style:name="co-{sheet.name}-{i}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
            for i, w in enumerate(sheet.widths))
        styles.append(columns)
        cols = "".join(f'<table:table-column table:style-name="co-{sheet.name}-{i}"/>' for i in range(len(sheet.widths)))
        rows = []
        for r, row in enumerate(sheet.rows, start=1):
            bold = sheet.header_row == r
            rows.append("<table:table-row>" + "".join(_cell(v, bold) for v in row) + "</table:table-row>")
        tables.append(f'<table:table table:name={quoteattr(sheet.name)}>{cols}{"".join(rows)}</table:table>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles>
<office:automatic-styles>
{chr(10).join(styles)}
</office:automatic-styles>
<office:body><office:spreadsheet>
{chr(10).join(tables)}
</office:spreadsheet></office:body></office:document>
"""


FILTERS = {
    "xlsx": 'xlsx:Calc MS Excel 2007 XML',
    "xls": 'xls:MS Excel 97',
}


def save_with_libreoffice(fods_path, target_path):
    """Opens the .fods in LibreOffice (headless) and saves it as .xlsx or .xls at target_path."""
    ext = target_path.rsplit(".", 1)[1]
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", FILTERS[ext], "--outdir", out, fods_path],
                       check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        produced = os.path.join(out, os.path.splitext(os.path.basename(fods_path))[0] + "." + ext)
        shutil.copyfile(produced, target_path)


def libreoffice_version():
    return subprocess.run(["soffice", "--version"], check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
