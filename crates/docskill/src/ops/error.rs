//! Errors as data: a stable `code`, a human `message`, an optional `hint`.

use serde::Serialize;

/// The error of a failed operation.
///
/// Codes are stable and documented in `docs/errors.md`; messages may improve.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OpError {
    /// Stable, machine-readable code, e.g. `package.encrypted`.
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
    /// What to do about it, when we can tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Structured details (the limit that was hit, the valid names...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for OpError {}

impl OpError {
    /// An error with a code and message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            hint: None,
            details: None,
        }
    }

    /// Add a hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Add details.
    #[must_use]
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    /// True for errors in how the tool was called (exit code 2), not in the work itself.
    pub fn is_usage(&self) -> bool {
        self.code == "usage"
    }

    /// Wrap a package error met while working on `what` (a path or part).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "call sites read `map_err(|e| from_opc(e, ..))`"
    )]
    pub fn from_opc(err: docskill_opc::Error, what: &str) -> Self {
        use docskill_opc::{Error as E, ForeignFormat as F};
        let msg = format!("{what}: {err}");
        match err {
            E::NotZip(F::EncryptedOffice) => Self::new("package.encrypted", msg)
                .hint("remove the password in Word, Excel or PowerPoint (or LibreOffice) and save a copy"),
            E::NotZip(f @ (F::LegacyDoc | F::LegacyXls | F::LegacyPpt)) => {
                Self::new("package.legacy_format", msg)
                    .hint("convert it first, e.g. `soffice --headless --convert-to docx|xlsx|pptx FILE`")
                    .details(serde_json::json!({ "format": format!("{f:?}") }))
            }
            E::NotZip(f) => Self::new("package.not_ooxml", msg)
                .details(serde_json::json!({ "format": format!("{f:?}") })),
            E::CorruptZip(_) | E::SizeMismatch { .. } | E::CrcMismatch(_) => {
                Self::new("package.corrupt", msg)
            }
            E::UnsafeName { .. } => Self::new("package.unsafe_name", msg),
            E::DuplicateName(_) => Self::new("package.duplicate_name", msg),
            E::MissingContentTypes => Self::new("package.missing_content_types", msg),
            E::LimitExceeded { what: limit, actual, limit: max } => Self::new("limit.exceeded", msg)
                .hint(format!(
                    "if the file is trusted, raise it in the request: \"limits\": {{\"{limit}\": {}}}",
                    actual.max(max.saturating_mul(2))
                ))
                .details(serde_json::json!({ "limit": limit, "actual": actual, "max": max })),
            E::Unsupported { .. } => Self::new("package.unsupported", msg),
            E::PartNotFound(_) => Self::new("part.not_found", msg),
            E::PartExists(_) => Self::new("part.exists", msg),
            E::InvalidPartName { .. } => Self::new("part.invalid_name", msg),
            E::Xml { .. } => Self::new("xml.malformed", msg),
            E::XmlEntities(_) => Self::new("xml.entities", msg),
            E::TooLargeToWrite(_) => Self::new("package.too_large", msg),
            E::Io(_) => Self::new("io.error", msg),
            _ => Self::new("package.error", msg),
        }
    }
}

/// Result of an operation.
pub type OpResult<T> = Result<T, OpError>;
