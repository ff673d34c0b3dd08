#!/usr/bin/env python3
"""Regenerate templates/default.docx, the clean default look of `docskill docx create`.

Made by the project (public domain). Run: python3 templates/make_templates.py
Standard library only; fixed timestamps, so the output is byte-stable.
Fonts: Calibri/Cambria names, which Word has and LibreOffice maps to the metric-compatible
Carlito/Caladea.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def style(kind, sid, name, body="", based="Normal", nxt=None, extra=""):
    b = f'<w:basedOn w:val="{based}"/>' if based else ""
    n = f'<w:next w:val="{nxt}"/>' if nxt else ""
    return f'<w:style w:type="{kind}" w:styleId="{sid}"{extra}><w:name w:val="{name}"/>{b}{n}<w:qFormat/>{body}</w:style>'


HEAD_SIZES = [32, 26, 24, 22, 22, 22]
heads = "".join(
    style("paragraph", f"Heading{i}", f"heading {i}",
          f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{360 if i == 1 else 200}" w:after="80"/><w:outlineLvl w:val="{i - 1}"/></w:pPr>'
          f'<w:rPr><w:rFonts w:ascii="Cambria" w:hAnsi="Cambria"/><w:b/><w:color w:val="1F3864"/><w:sz w:val="{HEAD_SIZES[i - 1]}"/></w:rPr>',
          nxt="Normal")
    for i in range(1, 7)
)
STYLES = (
    f'{DECL}<w:styles xmlns:w="{W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + style("paragraph", "Title", "Title", '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:ascii="Cambria" w:hAnsi="Cambria"/><w:sz w:val="48"/></w:rPr>', nxt="Normal")
    + heads
    + style("paragraph", "ListParagraph", "List Paragraph", '<w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/><w:contextualSpacing/></w:pPr>')
    + style("paragraph", "Quote", "Quote", '<w:pPr><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:color w:val="404040"/></w:rPr>')
    + style("paragraph", "CodeBlock", "Code Block", '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/><w:sz w:val="20"/></w:rPr>')
    + style("paragraph", "FootnoteText", "footnote text", '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr>')
    + style("paragraph", "Header", "header", '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/></w:rPr>')
    + style("paragraph", "Footer", "footer", '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/></w:pPr>')
    + style("paragraph", "TOCHeading", "TOC Heading", '<w:pPr><w:outlineLvl w:val="9"/></w:pPr>', based="Heading1", nxt="Normal")
    + style("character", "Hyperlink", "Hyperlink", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>', based=None)
    + style("character", "FootnoteReference", "footnote reference", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>', based=None)
    + style("character", "CodeChar", "Code", '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/><w:sz w:val="20"/></w:rPr>', based=None)
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
    + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    + "</w:styles>"
)

BULLETS = ["\u2022", "\u25e6", "\u25aa"]
DECIMAL = [("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}.")]


def lvl(i, fmt, text, font=None):
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 + 360 * i}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>')


NUMBERING = (
    f'{DECL}<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(lvl(i, "bullet", BULLETS[i % 3], "Calibri") for i in range(9))
    + '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(lvl(i, DECIMAL[i % 3][0], DECIMAL[i % 3][1].format(n=i + 1)) for i in range(9))
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
)
FOOTNOTES = (
    f'{DECL}<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
FOOTER = (
    f'{DECL}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
)
SETTINGS = (
    f'{DECL}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)
DOCUMENT = (
    f'{DECL}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p/>'
    '<w:sectPr><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    "</w:body></w:document>"
)
CORE = (
    f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title></dc:title><dc:creator>docskill</dc:creator></cp:coreProperties>'
)
TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{CT}numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{CT}settings+xml"/>'
    f'<Override PartName="/word/footnotes.xml" ContentType="{CT}footnotes+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{CT}footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in items)
    return f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


PKG_RELS = rels([("rId1", RT + "officeDocument", "word/document.xml"),
                 ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml")])
DOC_RELS = rels([("rId1", RT + "styles", "styles.xml"), ("rId2", RT + "numbering", "numbering.xml"),
                 ("rId3", RT + "settings", "settings.xml"), ("rId4", RT + "footnotes", "footnotes.xml"),
                 ("rId5", RT + "footer", "footer1.xml")])

path = os.path.join(HERE, "default.docx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("[Content_Types].xml", TYPES), ("_rels/.rels", PKG_RELS), ("word/document.xml", DOCUMENT),
                       ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES),
                       ("word/numbering.xml", NUMBERING), ("word/settings.xml", SETTINGS),
                       ("word/footnotes.xml", FOOTNOTES), ("word/footer1.xml", FOOTER), ("docProps/core.xml", CORE)]:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print("wrote", path)
