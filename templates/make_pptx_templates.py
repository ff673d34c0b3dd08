#!/usr/bin/env python3
"""Regenerate templates/deck-light.pptx and templates/deck-dark.pptx, the 16:9 looks of
`docskill pptx build` (light is the default, embedded in the binary).

Made by the project (public domain). Run: python3 templates/make_pptx_templates.py
Standard library only; fixed timestamps, so the output is byte-stable.
Fonts: Calibri (light) and Arial (dark), which LibreOffice maps to the metric-compatible
Carlito and Liberation Sans.

Layouts (name, type): Title Slide (title), Section Header (secHead), Title and Content (obj),
Two Content (twoObj), Picture with Caption (picTx), Title Only (titleOnly), Quote (cust),
Closing (cust), Blank (blank).
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:a="{A}" xmlns:r="{R}" xmlns:p="{P}"'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.presentationml."
EMU = 914400
W, H = 12192000, 6858000


def emu(inches):
    return int(round(inches * EMU))


LIGHT = {
    "name": "docskill Light",
    "font": "Calibri",
    "dk1": "1B2433", "lt1": "FFFFFF", "dk2": "24406B", "lt2": "EEF2F7",
    "accents": ["1F5AA6", "0F9D8F", "E8A33D", "7A4EAB", "D9534F", "5B8C5A"],
    "hlink": "1F5AA6", "folHlink": "7A4EAB",
    "clrmap": 'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"',
    "muted": "6B7785",
    "hero_bg": "accent1", "hero_fg": "bg1", "hero_bar": "bg1", "hero_band": "tx1",
}
DARK = {
    "name": "docskill Dark",
    "font": "Arial",
    "dk1": "0F172A", "lt1": "F1F5F9", "dk2": "1E293B", "lt2": "CBD5E1",
    "accents": ["38BDF8", "A78BFA", "F472B6", "34D399", "FBBF24", "F87171"],
    "hlink": "38BDF8", "folHlink": "A78BFA",
    "clrmap": 'bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"',
    "muted": "94A3B8",
    "hero_bg": "bg2", "hero_fg": "tx1", "hero_bar": "accent1", "hero_band": "accent1",
}


def theme(t):
    clr = lambda n, v: f'<a:{n}><a:srgbClr val="{v}"/></a:{n}>'
    scheme = (
        f'<a:clrScheme name="{t["name"]}">' + clr("dk1", t["dk1"]) + clr("lt1", t["lt1"])
        + clr("dk2", t["dk2"]) + clr("lt2", t["lt2"])
        + "".join(clr(f"accent{i + 1}", v) for i, v in enumerate(t["accents"]))
        + clr("hlink", t["hlink"]) + clr("folHlink", t["folHlink"]) + "</a:clrScheme>"
    )
    f = t["font"]
    fonts = (
        f'<a:fontScheme name="{t["name"]}">'
        f'<a:majorFont><a:latin typeface="{f}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
        f'<a:minorFont><a:latin typeface="{f}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
        "</a:fontScheme>"
    )
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    tint = '<a:solidFill><a:schemeClr val="phClr"><a:tint val="50000"/></a:schemeClr></a:solidFill>'
    line = lambda w: f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
    fmt = (
        f'<a:fmtScheme name="{t["name"]}">'
        f"<a:fillStyleLst>{solid}{tint}{solid}</a:fillStyleLst>"
        f"<a:lnStyleLst>{line(6350)}{line(12700)}{line(19050)}</a:lnStyleLst>"
        "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid}{tint}{solid}</a:bgFillStyleLst>"
        "</a:fmtScheme>"
    )
    return (f'{DECL}<a:theme xmlns:a="{A}" name="{t["name"]}"><a:themeElements>{scheme}{fonts}{fmt}'
            "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


def xfrm(x, y, w, h):
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def ph(sid, name, kind, idx=None, rect=None, body="", lst="", text="", sz=None):
    """A placeholder shape; `rect` (inches) when it moves from the master's position."""
    t = f' type="{kind}"' if kind else ""
    i = f' idx="{idx}"' if idx is not None else ""
    if sz:
        t += f' sz="{sz}"'
    sppr = f"<p:spPr>{xfrm(*rect)}</p:spPr>" if rect else "<p:spPr/>"
    para = f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{text}</a:t></a:r></a:p>' if text else '<a:p><a:endParaRPr lang="en-US"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{t}{i}/></p:nvPr></p:nvSpPr>{sppr}"
        f"<p:txBody><a:bodyPr{body}/><a:lstStyle>{lst}</a:lstStyle>{para}</p:txBody></p:sp>"
    )


def rect_shape(sid, name, x, y, w, h, fill, geom="rect"):
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(x, y, w, h)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
    )


def text_shape(sid, name, x, y, w, h, text, sz, color):
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(x, y, w, h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"/><a:lstStyle/>'
        f'<a:p><a:r><a:rPr lang="en-US" sz="{sz}" b="1"><a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
        f'<a:latin typeface="Georgia"/></a:rPr><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def fill(scheme, mods=""):
    return f'<a:solidFill><a:schemeClr val="{scheme}">{mods}</a:schemeClr></a:solidFill>'


def lvl(n, sz=None, color=None, bold=False, italic=False, algn=None, bullet=None, marl=None, indent=None,
        before=None, font=None, body_font=False):
    attrs = ""
    if marl is not None:
        attrs += f' marL="{marl}"'
    if indent is not None:
        attrs += f' indent="{indent}"'
    if algn:
        attrs += f' algn="{algn}"'
    inner = ""
    if before is not None:
        inner += f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef>'
    if bullet == "none":
        inner += "<a:buNone/>"
    elif bullet:
        inner += f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
    r = ""
    if sz:
        r += f' sz="{sz}"'
    if bold:
        r += ' b="1"'
    if italic:
        r += ' i="1"'
    rin = fill(color) if color else ""
    if font:
        rin += f'<a:latin typeface="{font}"/>'
    elif body_font:
        rin += '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
    return f"<a:lvl{n}pPr{attrs}>{inner}<a:defRPr{r}>{rin}</a:defRPr></a:lvl{n}pPr>"


SLIDE_NUMBER = lambda sid: (
    f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="Slide Number Placeholder {sid - 1}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
    f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr><p:spPr/>'
    '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
    '<a:rPr lang="en-US"/><a:t>&lt;#&gt;</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
)
FOOTER = lambda sid: ph(sid, f"Footer Placeholder {sid - 1}", "ftr", 11, sz="quarter")


MUTE = '<a:lumMod val="65000"/><a:lumOff val="35000"/>'


def master(t):
    m = 0.6  # side margin, inches
    shapes = (
        ph(2, "Title Placeholder 1", "title", rect=(m, 0.4, 13.333 - 2 * m, 1.0),
           body=' vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0" anchor="b"><a:normAutofit/></a:bodyPr',
           text="Click to edit Master title style")
        + ph(3, "Text Placeholder 2", "body", 1, rect=(m, 1.75, 13.333 - 2 * m, 4.95),
             body=' vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0"><a:normAutofit/></a:bodyPr',
             text="Click to edit Master text styles")
        + ph(4, "Footer Placeholder 3", "ftr", 3, rect=(m, 6.95, 8.0, 0.35), sz="quarter",
             body=' vert="horz" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"',
             lst=f'<a:lvl1pPr algn="l"><a:defRPr sz="1000">{fill("tx1", MUTE)}</a:defRPr></a:lvl1pPr>')
        + ph(5, "Slide Number Placeholder 4", "sldNum", 4, rect=(13.333 - m - 1.5, 6.95, 1.5, 0.35), sz="quarter",
             body=' vert="horz" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"',
             lst=f'<a:lvl1pPr algn="r"><a:defRPr sz="1000">{fill("accent1")}</a:defRPr></a:lvl1pPr>')
        + rect_shape(6, "Title Accent", m, 1.47, 0.9, 0.06, fill("accent1"))
    )
    # body fix: the ph() helper closes bodyPr itself; these bodies carry children, so rebuild them.
    shapes = shapes.replace("><a:normAutofit/></a:bodyPr/>", "><a:normAutofit/></a:bodyPr>")
    bullets = ["\u25aa", "\u2013", "\u2022", "\u2013", "\u2022"]
    body_lvls = "".join(
        lvl(i + 1, sz=[2000, 1800, 1600, 1400, 1400][i], color="tx1", bullet=bullets[i],
            marl=228600 + i * 342900, indent=-228600, before=[1000, 500, 500, 400, 400][i],
            body_font=True)
        for i in range(5)
    )
    other = '<a:defPPr><a:defRPr lang="en-US"/></a:defPPr>' + lvl(1, sz=1800, color="tx1", body_font=True)
    tx_styles = (
        "<p:txStyles>"
        f'<p:titleStyle><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="3200" b="1" kern="1200">{fill("tx1")}<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>'
        f"<p:bodyStyle>{body_lvls}</p:bodyStyle>"
        f"<p:otherStyle>{other}</p:otherStyle>"
        "</p:txStyles>"
    )
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="rId{i + 1}"/>' for i in range(len(LAYOUTS)))
    return (
        f'{DECL}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        f"{shapes}</p:spTree></p:cSld>"
        f'<p:clrMap {t["clrmap"]} accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
        'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f'<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
        '<p:hf hdr="0" dt="0"/>'
        f"{tx_styles}</p:sldMaster>"
    )


def bg(scheme, mods=""):
    return f'<p:bg><p:bgPr>{fill(scheme, mods)}<a:effectLst/></p:bgPr></p:bg>'


def layout_title(t):
    white = t["hero_fg"]
    return "title", "Title Slide", bg(t["hero_bg"]), (
        rect_shape(2, "Band", 0, 5.9, 13.333, 1.6, fill(t["hero_band"], '<a:alpha val="18000"/>'))
        + rect_shape(3, "Accent Bar", 0.8, 3.95, 1.4, 0.08, fill(t["hero_bar"]))
        + ph(4, "Title 1", "ctrTitle", rect=(0.8, 1.6, 11.7, 2.2), body=' anchor="b"',
             lst=lvl(1, sz=4800, color=white, bold=True, algn="l"), text="Click to edit title")
        + ph(5, "Subtitle 2", "subTitle", 1, rect=(0.8, 4.2, 11.7, 1.2), body=' anchor="t"',
             lst=lvl(1, sz=2200, color=white, algn="l", bullet="none", marl=0, indent=0), text="Click to edit subtitle")
    )


def layout_section(t):
    return "secHead", "Section Header", bg("bg2"), (
        rect_shape(2, "Section Bar", 0.6, 2.5, 0.1, 2.4, fill("accent1"))
        + ph(3, "Title 1", "title", rect=(1.0, 2.4, 11.3, 1.5), body=' anchor="b"',
             lst=lvl(1, sz=4000, color="accent1", bold=True), text="Click to edit section title")
        + ph(4, "Text Placeholder 2", "body", 1, rect=(1.0, 4.0, 11.3, 1.0), body=' anchor="t"',
             lst=lvl(1, sz=2000, color="tx1", bullet="none", marl=0, indent=0), text="Click to edit text")
        + FOOTER(5) + SLIDE_NUMBER(6)
    )


def layout_content(t):
    return "obj", "Title and Content", "", (
        ph(2, "Title 1", "title", text="Click to edit title")
        + ph(3, "Content Placeholder 2", None, 1, text="Click to edit text")
        + FOOTER(4) + SLIDE_NUMBER(5)
    )


def layout_two(t):
    half = (13.333 - 1.2 - 0.5) / 2
    return "twoObj", "Two Content", "", (
        ph(2, "Title 1", "title", text="Click to edit title")
        + ph(3, "Content Placeholder 2", None, 1, sz="half", rect=(0.6, 1.75, half, 4.95), text="Left column")
        + ph(4, "Content Placeholder 3", None, 2, sz="half", rect=(0.6 + half + 0.5, 1.75, half, 4.95), text="Right column")
        + FOOTER(5) + SLIDE_NUMBER(6)
    )


def layout_picture(t):
    return "picTx", "Picture with Caption", "", (
        ph(2, "Title 1", "title", text="Click to edit title")
        + ph(3, "Picture Placeholder 2", "pic", 1, rect=(0.6, 1.75, 12.133, 4.35),
             body=' anchor="ctr"', lst=lvl(1, sz=1600, color="tx1", bullet="none", marl=0, indent=0, algn="ctr"))
        + ph(4, "Text Placeholder 3", "body", 2, sz="half", rect=(0.6, 6.2, 12.133, 0.55), body=' anchor="t"',
             lst=lvl(1, sz=1400, color="tx1", italic=True, bullet="none", marl=0, indent=0, algn="ctr", before=0),
             text="Click to edit caption")
        + FOOTER(5) + SLIDE_NUMBER(6)
    )


def layout_title_only(t):
    return "titleOnly", "Title Only", "", (
        ph(2, "Title 1", "title", text="Click to edit title") + FOOTER(3) + SLIDE_NUMBER(4)
    )


def layout_quote(t):
    return "cust", "Quote", bg("bg2"), (
        text_shape(2, "Quote Mark", 0.9, 0.7, 1.5, 1.5, "\u201c", 13800, "accent1")
        + ph(3, "Quote Text 1", "body", 1, rect=(1.6, 1.9, 10.1, 2.9), body=' anchor="ctr"',
             lst=lvl(1, sz=3200, color="tx1", italic=True, bullet="none", marl=0, indent=0, algn="l", before=0),
             text="Click to edit quote")
        + rect_shape(4, "Quote Rule", 1.6, 5.0, 0.9, 0.05, fill("accent1"))
        + ph(5, "Attribution 2", "body", 2, sz="quarter", rect=(1.6, 5.15, 10.1, 0.6), body=' anchor="t"',
             lst=lvl(1, sz=1800, color="accent1", bold=True, bullet="none", marl=0, indent=0, algn="l", before=0),
             text="Name, role")
        + SLIDE_NUMBER(6)
    )


def layout_closing(t):
    white = t["hero_fg"]
    return "cust", "Closing", bg(t["hero_bg"]), (
        ph(2, "Title 1", "title", rect=(0.8, 2.2, 11.733, 1.6), body=' anchor="b"',
           lst=lvl(1, sz=5400, color=white, bold=True, algn="ctr"), text="Thank you")
        + rect_shape(3, "Accent Bar", 13.333 / 2 - 0.7, 4.0, 1.4, 0.08, fill(t["hero_bar"]))
        + ph(4, "Subtitle 2", "subTitle", 1, rect=(0.8, 4.3, 11.733, 1.2), body=' anchor="t"',
             lst=lvl(1, sz=2000, color=white, algn="ctr", bullet="none", marl=0, indent=0), text="Contact details")
    )


def layout_blank(t):
    return "blank", "Blank", "", SLIDE_NUMBER(2)


LAYOUTS = [layout_title, layout_section, layout_content, layout_two, layout_picture,
           layout_title_only, layout_quote, layout_closing, layout_blank]


def layout(t, fn):
    kind, name, background, shapes = fn(t)
    # Layouts with their own decoration hide the master's title rule.
    own = ' showMasterSp="0"' if name in ("Title Slide", "Section Header", "Quote", "Closing", "Blank") else ""
    return (
        f'{DECL}<p:sldLayout {NS} type="{kind}" preserve="1"{own}><p:cSld name="{name}">{background}'
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        f"{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def notes_master(t):
    return (
        f'{DECL}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
        '<p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{xfrm(0.75, 0.75, 6.0, 3.375)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill></a:ln></p:spPr></p:sp>'
        + ph(3, "Notes Placeholder 2", "body", 3, rect=(0.75, 4.4, 6.0, 5.3), text="Click to edit notes")
        + "</p:spTree></p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
        'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        "<p:notesStyle>"
        + "".join(f'<a:lvl{i}pPr marL="{(i - 1) * 457200}" algn="l"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
                  '<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl' + f"{i}pPr>" for i in range(1, 4))
        + "</p:notesStyle></p:notesMaster>"
    )


def presentation(t):
    return (
        f'{DECL}<p:presentation {NS} saveSubsetFonts="1">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        '<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>'
        f'<p:sldSz cx="{W}" cy="{H}"/><p:notesSz cx="{H}" cy="{9144000}"/>'
        '<p:defaultTextStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>'
        + "".join(f'<a:lvl{i}pPr marL="{(i - 1) * 457200}" algn="l"><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
                  '<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl' + f"{i}pPr>" for i in range(1, 6))
        + "</p:defaultTextStyle></p:presentation>"
    )


def rels(items):
    body = "".join(f'<Relationship Id="rId{i + 1}" Type="{RT}{k}" Target="{tgt}"/>' for i, (k, tgt) in enumerate(items))
    return f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def build(t, out):
    n = len(LAYOUTS)
    ov = [("/ppt/presentation.xml", CT + "presentation.main+xml"),
          ("/ppt/slideMasters/slideMaster1.xml", CT + "slideMaster+xml"),
          ("/ppt/notesMasters/notesMaster1.xml", CT + "notesMaster+xml"),
          ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
          ("/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
          ("/ppt/presProps.xml", CT + "presProps+xml"),
          ("/ppt/viewProps.xml", CT + "viewProps+xml"),
          ("/ppt/tableStyles.xml", CT + "tableStyles+xml"),
          ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
          ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    ov += [(f"/ppt/slideLayouts/slideLayout{i + 1}.xml", CT + "slideLayout+xml") for i in range(n)]
    ct = (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
          + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in ov) + "</Types>")
    names = "".join(f"<vt:lpstr>{fn(t)[1]}</vt:lpstr>" for fn in LAYOUTS)
    files = [
        ("[Content_Types].xml", ct),
        ("_rels/.rels", rels([("officeDocument", "ppt/presentation.xml"),
                              ("../package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                              ("extended-properties", "docProps/app.xml")]).replace(
            RT + "../package/2006/relationships/metadata/core-properties",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties")),
        ("docProps/app.xml", f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                             'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                             f'<Application>docskill</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>0</Slides>'
                             f'<Notes>0</Notes><HiddenSlides>0</HiddenSlides></Properties>'),
        ("docProps/core.xml", f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                              f'<dc:title>{t["name"]}</dc:title><dc:creator>docskill</dc:creator></cp:coreProperties>'),
        ("ppt/presentation.xml", presentation(t)),
        ("ppt/_rels/presentation.xml.rels", rels([("slideMaster", "slideMasters/slideMaster1.xml"),
                                                  ("notesMaster", "notesMasters/notesMaster1.xml"),
                                                  ("theme", "theme/theme1.xml"), ("presProps", "presProps.xml"),
                                                  ("viewProps", "viewProps.xml"), ("tableStyles", "tableStyles.xml")])),
        ("ppt/presProps.xml", f"{DECL}<p:presentationPr {NS}/>"),
        ("ppt/viewProps.xml", f'{DECL}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
                              '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'),
        ("ppt/tableStyles.xml", f'{DECL}<a:tblStyleLst xmlns:a="{A}" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>'),
        ("ppt/theme/theme1.xml", theme(t)),
        ("ppt/theme/theme2.xml", theme(LIGHT)),
        ("ppt/slideMasters/slideMaster1.xml", master(t)),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels",
         rels([("slideLayout", f"../slideLayouts/slideLayout{i + 1}.xml") for i in range(n)] + [("theme", "../theme/theme1.xml")])),
        ("ppt/notesMasters/notesMaster1.xml", notes_master(t)),
        ("ppt/notesMasters/_rels/notesMaster1.xml.rels", rels([("theme", "../theme/theme2.xml")])),
    ]
    for i, fn in enumerate(LAYOUTS):
        files.append((f"ppt/slideLayouts/slideLayout{i + 1}.xml", layout(t, fn)))
        files.append((f"ppt/slideLayouts/_rels/slideLayout{i + 1}.xml.rels",
                      rels([("slideMaster", "../slideMasters/slideMaster1.xml")])))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    build(LIGHT, os.path.join(HERE, "deck-light.pptx"))
    build(DARK, os.path.join(HERE, "deck-dark.pptx"))
    print("deck-light.pptx deck-dark.pptx")
