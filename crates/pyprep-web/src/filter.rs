//! The question filter as pages and the API take it from a query string, checked so that a
//! typo gets a 400 naming the allowed values instead of an empty list.

use pyprep_core::taxonomy::{TOPICS, is_topic};
use pyprep_core::{Difficulty, Kind};
use pyprep_store::Filter;
use serde::Deserialize;

use crate::error::WebError;

/// `?topic=&difficulty=&company=&kind=&source=`; empty values (a form's "any") do not filter.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// A taxonomy topic, e.g. `asyncio` (see `/api/topics`).
    pub topic: Option<String>,
    /// `easy`, `medium` or `hard`.
    pub difficulty: Option<String>,
    /// A company name, case-insensitive.
    pub company: Option<String>,
    /// `concept`, `output` or `coding`.
    pub kind: Option<String>,
    /// `bank` for the built-in bank, or an imported document's name.
    pub source: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl FilterQuery {
    pub fn to_filter(&self) -> Result<Filter, WebError> {
        let topic = match given(&self.topic) {
            Some(topic) if !is_topic(topic) => {
                return Err(WebError::BadRequest(format!(
                    "unknown topic {topic:?}; expected one of: {}",
                    TOPICS.join(", ")
                )));
            }
            other => other.map(str::to_string),
        };
        let difficulty = given(&self.difficulty)
            .map(|d| d.parse::<Difficulty>())
            .transpose()?;
        let kind = given(&self.kind).map(|k| k.parse::<Kind>()).transpose()?;
        Ok(Filter {
            topic,
            difficulty,
            company: given(&self.company).map(str::to_string),
            kind,
            source: given(&self.source).map(str::to_string),
        })
    }
}

/// The page a `?page=` parameter asks for: 1 when it is absent or blank, else a number from 1
/// up to `last` (no limit when `None`), with a message saying which numbers are pages.
pub fn page_number(text: Option<&str>, last: Option<usize>) -> Result<usize, WebError> {
    let Some(text) = text.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(1);
    };
    text.parse::<usize>()
        .ok()
        .filter(|&p| p >= 1 && last.is_none_or(|last| p <= last))
        .ok_or_else(|| {
            let pages = match last {
                Some(last) => format!("1 to {last}"),
                None => "1, 2, ...".to_string(),
            };
            WebError::BadRequest(format!("page {text:?} is not a page number ({pages})"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_default_to_one_and_stay_in_range() {
        assert_eq!(page_number(None, None).unwrap(), 1);
        assert_eq!(page_number(Some(" "), Some(5)).unwrap(), 1);
        assert_eq!(page_number(Some(" 3 "), Some(5)).unwrap(), 3);
        assert_eq!(page_number(Some("900"), None).unwrap(), 900);
        for bad in ["0", "6", "-1", "two"] {
            let message = page_number(Some(bad), Some(5)).unwrap_err().to_string();
            assert!(message.contains("(1 to 5)"), "{bad}: {message}");
        }
        let message = page_number(Some("x"), None).unwrap_err().to_string();
        assert_eq!(message, "page \"x\" is not a page number (1, 2, ...)");
    }

    #[test]
    fn empty_values_do_not_filter_and_typos_are_refused() {
        let query = FilterQuery {
            topic: Some(String::new()),
            difficulty: Some(" Medium ".into()),
            ..FilterQuery::default()
        };
        let filter = query.to_filter().unwrap();
        assert_eq!(filter.topic, None);
        assert_eq!(filter.difficulty, Some(Difficulty::Medium));

        let bad = FilterQuery {
            topic: Some("asyncioo".into()),
            ..FilterQuery::default()
        };
        let message = bad.to_filter().unwrap_err().to_string();
        assert!(message.contains("unknown topic \"asyncioo\""), "{message}");
    }
}
