//! The outline `pptx build` takes: slides by kind, as JSON (or parsed from Markdown).
//! Texts take inline `**bold**` and `*italic*`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A deck outline: its slides in order.
///
/// ```json
/// {"slides": [
///   {"kind": "title", "title": "Q3 review", "subtitle": "Analytics team"},
///   {"kind": "bullets", "title": "Highlights", "bullets": ["Revenue up 12%", {"text": "Europe", "items": ["+20%"]}],
///    "notes": "Say why."}
/// ]}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// The slides, in order.
    pub slides: Vec<SlideSpec>,
}

/// One slide, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SlideSpec {
    /// The opening slide: title and subtitle.
    Title(TitleSlide),
    /// A section header: title and an optional line under it.
    Section(TitleSlide),
    /// A title and bullets (nested).
    Bullets(BulletSlide),
    /// A title and two columns of bullets.
    TwoColumn(TwoColumnSlide),
    /// A picture (PNG or JPEG) with a caption.
    Image(ImageSlide),
    /// A title and a table.
    Table(TableSlide),
    /// A quotation with its attribution.
    Quote(QuoteSlide),
    /// The last slide: "Thank you", contact details.
    Closing(TitleSlide),
}

/// Title, section and closing slides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleSlide {
    /// The title.
    pub title: String,
    /// The line under it (`\n` for more lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A bullet: a string, or text with nested items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Item {
    /// A bullet.
    Text(String),
    /// A bullet with sub-bullets; `bullet: false` makes a plain paragraph.
    Nested(NestedItem),
}

/// A bullet with sub-bullets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    /// The bullet's text.
    pub text: String,
    /// Its sub-bullets (one level deeper; levels past 8 stay at 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// `false`: a paragraph without a bullet.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub bullet: bool,
}

fn yes() -> bool {
    true
}

impl Item {
    /// A bullet.
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }
}

/// A title and bullets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulletSlide {
    /// The title.
    pub title: String,
    /// The bullets.
    #[serde(default)]
    pub bullets: Vec<Item>,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A title and two columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoColumnSlide {
    /// The title.
    pub title: String,
    /// Left column bullets.
    #[serde(default)]
    pub left: Vec<Item>,
    /// Right column bullets.
    #[serde(default)]
    pub right: Vec<Item>,
    /// A bold first line over the left column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_heading: Option<String>,
    /// A bold first line over the right column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_heading: Option<String>,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// How a picture fills its box.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Cover a picture placeholder, cropping what sticks out; letterbox elsewhere.
    #[default]
    Auto,
    /// Fill the box, cropping the picture's overflow (centred).
    Cover,
    /// Show the whole picture, centred, with empty bands where the aspect differs.
    Contain,
}

/// A picture with a caption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageSlide {
    /// The title (none: the picture's slide has no title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A PNG or JPEG file, relative to the outline's folder.
    pub image: String,
    /// The caption (also the picture's alt text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// How the picture fills its box.
    #[serde(default, skip_serializing_if = "is_auto")]
    pub fit: Fit,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's signature")]
fn is_auto(f: &Fit) -> bool {
    *f == Fit::Auto
}

/// A title and a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSlide {
    /// The title.
    pub title: String,
    /// Rows of cell texts; the first is the header row unless `header` is false.
    pub rows: Vec<Vec<String>>,
    /// Style the first row as a header (default true).
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub header: bool,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A quotation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuoteSlide {
    /// The quotation.
    pub text: String,
    /// Who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Speaker notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl SlideSpec {
    /// The kind as written in JSON (`two-column`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Section(_) => "section",
            Self::Bullets(_) => "bullets",
            Self::TwoColumn(_) => "two-column",
            Self::Image(_) => "image",
            Self::Table(_) => "table",
            Self::Quote(_) => "quote",
            Self::Closing(_) => "closing",
        }
    }

    /// The speaker notes, if any.
    pub fn notes(&self) -> Option<&str> {
        match self {
            Self::Title(s) | Self::Section(s) | Self::Closing(s) => s.notes.as_deref(),
            Self::Bullets(s) => s.notes.as_deref(),
            Self::TwoColumn(s) => s.notes.as_deref(),
            Self::Image(s) => s.notes.as_deref(),
            Self::Table(s) => s.notes.as_deref(),
            Self::Quote(s) => s.notes.as_deref(),
        }
    }
}

impl Outline {
    /// Parse the JSON form.
    ///
    /// # Errors
    /// [`crate::Error::InvalidInput`] with serde's message (field and position).
    pub fn from_json(bytes: &[u8]) -> crate::Result<Self> {
        serde_json::from_slice(bytes)
            .map_err(|e| crate::Error::InvalidInput(format!("outline: {e}")))
    }

    /// Every image path the outline uses, in order, without repeats.
    pub fn image_paths(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &self.slides {
            if let SlideSpec::Image(i) = s
                && !out.contains(&i.image)
            {
                out.push(i.image.clone());
            }
        }
        out
    }
}
