//! What `fields` reports.

use serde::Serialize;

/// The kind of a terminal field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A text box.
    Text,
    /// A check box.
    Checkbox,
    /// A group of radio buttons sharing one value.
    RadioGroup,
    /// A combo box or list box.
    Choice,
    /// A signature field.
    Signature,
    /// A push button (no value).
    Button,
}

/// One button of a radio group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadioOption {
    /// The value that selects it.
    pub value: String,
    /// Page, 1-based.
    pub page: Option<u32>,
    /// `[left, bottom, right, top]` in PDF points.
    pub rect: Option<[f64; 4]>,
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceOption {
    /// The value stored when chosen (and accepted by `fill`).
    pub value: String,
    /// The text shown.
    pub text: String,
}

/// A terminal form field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Fully qualified name (`parent.child`), the key `fill` takes.
    pub field_id: String,
    /// Kind of field.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// Page of its first widget, 1-based.
    pub page: Option<u32>,
    /// Rectangle of its first widget, `[left, bottom, right, top]`.
    pub rect: Option<[f64; 4]>,
    /// Current value: text, `true`/`false` for a checkbox, the chosen option,
    /// or a list for a multi-select list.
    pub value: Option<serde_json::Value>,
    /// Default value (`/DV`), same shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Tooltip (`/TU`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Set flags: `required`, `read_only`, `multiline`, `password`, `comb`,
    /// `combo`, `editable`, `multi_select`, `no_toggle_to_off`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<&'static str>,
    /// `/MaxLen` of a text field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
    /// On-state of a checkbox (from its appearance dictionary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_value: Option<String>,
    /// Off-state of a checkbox (always `Off`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchecked_value: Option<String>,
    /// The buttons of a radio group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub radio_options: Vec<RadioOption>,
    /// The options of a choice field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choice_options: Vec<ChoiceOption>,
}

/// The form of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// Whether the document has an XFA form (`/XFA` in the `AcroForm`).
    pub xfa: bool,
    /// An XFA form with no `AcroForm` fields: nothing `fill` can set.
    pub xfa_only: bool,
    /// Whether the file asks viewers to make appearances (`/NeedAppearances`).
    pub need_appearances: bool,
    /// Terminal fields by page, then top to bottom, then left to right.
    pub fields: Vec<Field>,
}
