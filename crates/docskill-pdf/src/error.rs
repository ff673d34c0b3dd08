//! Errors of the PDF crate.

/// Everything that can go wrong reading a PDF.
///
/// The ops layer maps each variant to a stable code (`pdf.malformed`,
/// `pdf.encrypted`, ...); see `docs/errors.md`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The file is not a PDF or is damaged beyond repair.
    #[error("malformed PDF: {detail}")]
    Malformed {
        /// What is wrong, in words.
        detail: String,
    },
    /// The file is encrypted and the empty password does not open it.
    #[error("the PDF is encrypted ({method}) and needs a password: pass --password")]
    Encrypted {
        /// The encryption, for example `AES-256 (R6)` or `RC4 128-bit`.
        method: String,
    },
    /// A password was given and it opens neither as user nor as owner password.
    #[error("wrong password for this PDF (encrypted with {method})")]
    WrongPassword {
        /// The encryption, for example `AES-128`.
        method: String,
    },
    /// The file is bigger than a [`crate::Limits`] bound allows.
    #[error("limit exceeded: {what} ({found} > {limit}); raise the limit if the file is trusted")]
    LimitExceeded {
        /// Which bound (`pages`, `objects`, `input bytes`, ...).
        what: String,
        /// The bound.
        limit: u64,
        /// What the file has (or a lower bound of it).
        found: u64,
    },
    /// A PDF feature this crate does not handle.
    #[error("unsupported: {what}")]
    Unsupported {
        /// The feature.
        what: String,
    },
    /// A page-range string that cannot be read, or names pages the document lacks.
    #[error("invalid page range {spec:?}: {reason}")]
    PageRange {
        /// The range as given.
        spec: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Form values that do not fit their fields; nothing was changed.
    #[error("{} form value(s) rejected: {}", problems.len(), problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))]
    FormValues {
        /// One entry per rejected value.
        problems: Vec<crate::acroform::FieldProblem>,
    },
}

impl PdfError {
    /// A [`PdfError::Malformed`] with the given detail.
    pub fn malformed(detail: impl Into<String>) -> Self {
        Self::Malformed {
            detail: detail.into(),
        }
    }

    /// The stable code the ops layer reports for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed { .. } => "pdf.malformed",
            Self::Encrypted { .. } => "pdf.encrypted",
            Self::WrongPassword { .. } => "pdf.wrong_password",
            Self::LimitExceeded { .. } => "pdf.limit_exceeded",
            Self::Unsupported { .. } => "pdf.unsupported",
            Self::PageRange { .. } => "pdf.page_range",
            Self::FormValues { .. } => "pdf.form_values",
        }
    }
}

/// Result type of this crate.
pub type Result<T, E = PdfError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::PdfError;

    #[test]
    fn messages_are_pinned() {
        let cases = [
            (
                PdfError::malformed("no %PDF- header"),
                "malformed PDF: no %PDF- header",
            ),
            (
                PdfError::Encrypted {
                    method: "AES-256 (R6)".into(),
                },
                "the PDF is encrypted (AES-256 (R6)) and needs a password: pass --password",
            ),
            (
                PdfError::WrongPassword {
                    method: "RC4 128-bit".into(),
                },
                "wrong password for this PDF (encrypted with RC4 128-bit)",
            ),
            (
                PdfError::LimitExceeded {
                    what: "pages".into(),
                    limit: 10,
                    found: 12,
                },
                "limit exceeded: pages (12 > 10); raise the limit if the file is trusted",
            ),
            (
                PdfError::Unsupported {
                    what: "XFA-only form".into(),
                },
                "unsupported: XFA-only form",
            ),
            (
                PdfError::PageRange {
                    spec: "9".into(),
                    reason: "the document has 3 pages".into(),
                },
                "invalid page range \"9\": the document has 3 pages",
            ),
        ];
        for (err, msg) in cases {
            assert_eq!(err.to_string(), msg);
        }
    }
}
