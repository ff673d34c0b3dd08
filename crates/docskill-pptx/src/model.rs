//! What `inventory` reports, as plain serialisable data.

use serde::Serialize;

/// Inches from EMU, to two decimals.
#[expect(
    clippy::cast_precision_loss,
    reason = "EMU values are far inside f64's exact range"
)]
pub(crate) fn inches(emu: i64) -> f64 {
    (emu as f64 / 914_400.0 * 100.0).round() / 100.0
}

/// The deck: slide size, layouts, slides.
#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    /// Slide size.
    pub slide_size: Size,
    /// Layouts, numbered as `assemble --add-layout` takes them.
    pub layouts: Vec<LayoutInfo>,
    /// Slides in show order.
    pub slides: Vec<SlideInfo>,
    /// How many warnings there are in all.
    pub warning_count: usize,
}

/// A size in EMU and inches.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Size {
    /// Width, EMU.
    pub cx: i64,
    /// Height, EMU.
    pub cy: i64,
    /// Width, inches.
    pub width_in: f64,
    /// Height, inches.
    pub height_in: f64,
}

impl Size {
    pub(crate) fn new(cx: i64, cy: i64) -> Self {
        Self {
            cx,
            cy,
            width_in: inches(cx),
            height_in: inches(cy),
        }
    }
}

/// A layout.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutInfo {
    /// Index across all masters.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Part name.
    pub part: String,
    /// The placeholders it offers: `type` or `type idx`.
    pub placeholders: Vec<String>,
}

/// One slide.
#[derive(Debug, Clone, Serialize)]
pub struct SlideInfo {
    /// Position in the show, from 0.
    pub index: usize,
    /// Part name.
    pub part: String,
    /// Layout name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// Hidden in the show.
    pub hidden: bool,
    /// Speaker notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Shapes in z-order (back to front); groups hold their children.
    pub shapes: Vec<ShapeInfo>,
}

/// Placeholder type and index.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Placeholder {
    /// `title`, `body`, `ctrTitle`, `subTitle`, `obj`, `pic`, `dt`...
    #[serde(rename = "type")]
    pub kind: String,
    /// `idx`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idx: Option<u32>,
}

/// Position and size, EMU and inches.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Rect {
    /// Left, EMU.
    pub x: i64,
    /// Top, EMU.
    pub y: i64,
    /// Width, EMU.
    pub cx: i64,
    /// Height, EMU.
    pub cy: i64,
    /// Left, inches.
    pub x_in: f64,
    /// Top, inches.
    pub y_in: f64,
    /// Width, inches.
    pub width_in: f64,
    /// Height, inches.
    pub height_in: f64,
    /// Taken from the layout or master placeholder (the slide shape has none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

impl Rect {
    pub(crate) fn new(r: (i64, i64, i64, i64), inherited: bool) -> Self {
        Self {
            x: r.0,
            y: r.1,
            cx: r.2,
            cy: r.3,
            x_in: inches(r.0),
            y_in: inches(r.1),
            width_in: inches(r.2),
            height_in: inches(r.3),
            inherited,
        }
    }
}

/// One shape.
#[derive(Debug, Clone, Serialize)]
pub struct ShapeInfo {
    /// `cNvPr@id`.
    pub id: u32,
    /// `cNvPr@name`.
    pub name: String,
    /// text, shape, picture, table, chart, diagram, group, connector, `graphic_frame`.
    pub kind: &'static str,
    /// Placeholder type and index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<Placeholder>,
    /// Position and size on the slide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Rect>,
    /// Rotation in degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<f64>,
    /// Z-order on the slide, 0 at the back.
    pub z: usize,
    /// Text, paragraph by paragraph.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphInfo>,
    /// Table cell texts, row by row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Vec<Vec<String>>>,
    /// Shapes in a group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ShapeInfo>,
    /// Problems a careful reader would see.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One paragraph with its effective formatting (inherited values resolved).
#[derive(Debug, Clone, Serialize, Default)]
pub struct ParagraphInfo {
    /// The text (`a:br` as a newline).
    pub text: String,
    /// Outline level, from 0.
    pub level: u32,
    /// The bullet: a character, `autonum:TYPE`, `picture`, or absent for none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bullet: Option<String>,
    /// l, ctr, r, just, dist...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<String>,
    /// Latin typeface (theme fonts resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// Size in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// Bold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Underline style (`sng`, `dbl`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub underline: Option<String>,
    /// `#RRGGBB` or `theme:accent1`...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Space before, points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space_before: Option<f64>,
    /// Space after, points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space_after: Option<f64>,
    /// Line spacing: `120%` or `18pt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_spacing: Option<String>,
}

/// A problem with a shape.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    /// `overflow`, `off_slide`, `overlap`, `placeholder_text`, `empty_placeholder`.
    pub code: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

/// One warning with where it is, as `inventory --issues-only` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    /// Slide index.
    pub slide: usize,
    /// Shape id.
    pub shape_id: u32,
    /// Shape name.
    pub shape: String,
    /// The warning.
    #[serde(flatten)]
    pub warning: Warning,
}

impl Inventory {
    /// Every warning, slide by slide, with its shape.
    pub fn issues(&self) -> Vec<Issue> {
        fn walk(slide: usize, shapes: &[ShapeInfo], out: &mut Vec<Issue>) {
            for s in shapes {
                for w in &s.warnings {
                    out.push(Issue {
                        slide,
                        shape_id: s.id,
                        shape: s.name.clone(),
                        warning: w.clone(),
                    });
                }
                walk(slide, &s.children, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.slides {
            walk(s.index, &s.shapes, &mut out);
        }
        out
    }
}
