//! One page-range syntax for every command: `1-3,7`, `5-`, `-2`, `all`.
//!
//! Pages are numbered from 1. A range is read once ([`PageRange::parse`]) and
//! checked against a document's page count ([`PageRange::resolve`]), which
//! gives the page numbers in the order written, without repeats.

use crate::error::{PdfError, Result};

/// One piece of a page range: `a-b`, `a-`, `-b` or `a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// First page, 1-based; `None` for "from the first page".
    start: Option<u32>,
    /// Last page, 1-based, inclusive; `None` for "to the last page".
    end: Option<u32>,
}

/// A parsed page range such as `1-3,7`.
///
/// ```
/// use docskill_pdf::PageRange;
/// let range = PageRange::parse("1-3,7").unwrap();
/// assert_eq!(range.resolve(10).unwrap(), vec![1, 2, 3, 7]);
/// assert_eq!(PageRange::parse("5-").unwrap().resolve(6).unwrap(), vec![5, 6]);
/// assert_eq!(PageRange::parse("-2").unwrap().resolve(6).unwrap(), vec![1, 2]);
/// assert!(PageRange::parse("9").unwrap().resolve(3).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRange {
    spec: String,
    spans: Vec<Span>,
}

impl Default for PageRange {
    fn default() -> Self {
        Self::all()
    }
}

impl PageRange {
    /// Every page.
    pub fn all() -> Self {
        Self {
            spec: "all".into(),
            spans: vec![Span {
                start: None,
                end: None,
            }],
        }
    }

    /// Reads a range: comma-separated `a-b`, `a-`, `-b` or `a` (1-based,
    /// inclusive), or `all`. Spaces are ignored.
    ///
    /// # Errors
    /// [`PdfError::PageRange`] when the text is empty, a number is not a
    /// positive integer, or a span runs backwards (`5-3`).
    pub fn parse(spec: &str) -> Result<Self> {
        let bad = |reason: String| PdfError::PageRange {
            spec: spec.to_string(),
            reason,
        };
        let compact: String = spec.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(bad("empty; write pages like 1-3,7 or 5- or all".into()));
        }
        if compact.eq_ignore_ascii_case("all") {
            return Ok(Self {
                spec: spec.to_string(),
                ..Self::all()
            });
        }
        let number = |s: &str| -> Result<u32> {
            match s.parse::<u32>() {
                Ok(0) => Err(bad("pages are numbered from 1".into())),
                Ok(n) => Ok(n),
                Err(_) => Err(bad(format!("{s:?} is not a page number"))),
            }
        };
        let mut spans = Vec::new();
        for part in compact.split(',') {
            if part.is_empty() {
                return Err(bad("empty item between commas".into()));
            }
            let span = if let Some((a, b)) = part.split_once('-') {
                let start = if a.is_empty() { None } else { Some(number(a)?) };
                let end = if b.is_empty() { None } else { Some(number(b)?) };
                if start.is_none() && end.is_none() {
                    return Err(bad("\"-\" needs a page on at least one side".into()));
                }
                if let (Some(s), Some(e)) = (start, end)
                    && s > e
                {
                    return Err(bad(format!("{part} runs backwards")));
                }
                Span { start, end }
            } else {
                let n = number(part)?;
                Span {
                    start: Some(n),
                    end: Some(n),
                }
            };
            spans.push(span);
        }
        Ok(Self {
            spec: spec.to_string(),
            spans,
        })
    }

    /// The range as written.
    pub fn spec(&self) -> &str {
        &self.spec
    }

    /// The 1-based page numbers this range names in a document of
    /// `page_count` pages, in the order written, each once.
    ///
    /// # Errors
    /// [`PdfError::PageRange`] when a page past `page_count` is named (an
    /// open span such as `5-` on a 3-page document is also an error).
    pub fn resolve(&self, page_count: usize) -> Result<Vec<u32>> {
        let count = u32::try_from(page_count).unwrap_or(u32::MAX);
        let bad = |reason: String| PdfError::PageRange {
            spec: self.spec.clone(),
            reason,
        };
        let mut seen = vec![false; page_count];
        let mut pages = Vec::new();
        for span in &self.spans {
            if span.start.is_none() && span.end.is_none() {
                for page in 1..=count {
                    let index = (page - 1) as usize;
                    if !seen[index] {
                        seen[index] = true;
                        pages.push(page);
                    }
                }
                continue;
            }
            let start = span.start.unwrap_or(1);
            let end = span.end.unwrap_or(count);
            if start > count || end > count {
                let plural = if count == 1 { "" } else { "s" };
                return Err(bad(format!("the document has {count} page{plural}")));
            }
            for page in start..=end {
                let index = (page - 1) as usize;
                if !seen[index] {
                    seen[index] = true;
                    pages.push(page);
                }
            }
        }
        Ok(pages)
    }
}

impl std::str::FromStr for PageRange {
    type Err = PdfError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::PageRange;

    fn pages(spec: &str, count: usize) -> Vec<u32> {
        PageRange::parse(spec).unwrap().resolve(count).unwrap()
    }

    fn err(spec: &str, count: usize) -> String {
        match PageRange::parse(spec) {
            Err(e) => e.to_string(),
            Ok(r) => r.resolve(count).unwrap_err().to_string(),
        }
    }

    #[test]
    fn forms() {
        assert_eq!(pages("1-3,7", 10), [1, 2, 3, 7]);
        assert_eq!(pages("5-", 7), [5, 6, 7]);
        assert_eq!(pages("-2", 7), [1, 2]);
        assert_eq!(pages("all", 3), [1, 2, 3]);
        assert_eq!(pages(" 3 , 1 ", 3), [3, 1]);
        assert_eq!(pages("1-3,2-4", 5), [1, 2, 3, 4]);
        assert_eq!(pages("all", 0), Vec::<u32>::new());
        assert_eq!(PageRange::default().resolve(2).unwrap(), [1, 2]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            err("", 3),
            "invalid page range \"\": empty; write pages like 1-3,7 or 5- or all"
        );
        assert_eq!(
            err("0", 3),
            "invalid page range \"0\": pages are numbered from 1"
        );
        assert_eq!(
            err("a", 3),
            "invalid page range \"a\": \"a\" is not a page number"
        );
        assert_eq!(
            err("5-3", 9),
            "invalid page range \"5-3\": 5-3 runs backwards"
        );
        assert_eq!(
            err("1,,2", 9),
            "invalid page range \"1,,2\": empty item between commas"
        );
        assert_eq!(
            err("-", 9),
            "invalid page range \"-\": \"-\" needs a page on at least one side"
        );
        assert_eq!(
            err("4", 3),
            "invalid page range \"4\": the document has 3 pages"
        );
        assert_eq!(
            err("5-", 3),
            "invalid page range \"5-\": the document has 3 pages"
        );
        assert_eq!(
            err("2", 1),
            "invalid page range \"2\": the document has 1 page"
        );
    }
}
