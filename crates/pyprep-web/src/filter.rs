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

#[cfg(test)]
mod tests {
    use super::*;

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
