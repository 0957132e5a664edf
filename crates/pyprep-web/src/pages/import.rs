//! `/import`: upload a guide, see what would be imported (the layout found, new questions,
//! duplicates merged into existing ones, warnings), then confirm. Nothing is written until
//! the confirmation, and then all or nothing, through the same importer as `pyprep import`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pyprep_import::{MergeOutcome, ParsedDocument, Target};
use pyprep_store::Filter;
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::Form;
use crate::markdown;
use crate::state::AppState;
use crate::view::Layout;

/// Uploads waiting for confirmation, by a random id, for a while.
#[derive(Default)]
pub struct Pending(Mutex<HashMap<String, Upload>>);

/// When it was uploaded, its file name and its bytes.
type Upload = (Instant, String, Vec<u8>);

const PENDING_FOR: Duration = Duration::from_secs(30 * 60);
const PENDING_MAX: usize = 16;

impl Pending {
    fn put(&self, name: String, bytes: Vec<u8>) -> String {
        let mut id = [0u8; 16];
        getrandom::fill(&mut id).expect("the operating system's random source is unavailable");
        let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (at, _, _)| at.elapsed() < PENDING_FOR);
        if map.len() >= PENDING_MAX
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, (at, _, _))| *at)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(id.clone(), (Instant::now(), name, bytes));
        id
    }

    fn take(&self, id: &str) -> Option<(String, Vec<u8>)> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(id)
            .filter(|(at, _, _)| at.elapsed() < PENDING_FOR)
            .map(|(_, name, bytes)| (name, bytes))
    }
}

#[derive(askama::Template)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
}

pub async fn page(Extension(csrf): Extension<CsrfToken>) -> Result<Html<String>, WebError> {
    super::html(&ImportPage {
        layout: Layout::new("Import · pyprep", "import", &csrf.0),
    })
}

pub struct PreviewRow {
    pub title_html: String,
    /// `new`, `merged` or `unchanged`.
    pub fate: &'static str,
}

#[derive(askama::Template)]
#[template(path = "import_preview.html")]
struct PreviewPage {
    layout: Layout,
    pending: String,
    document: String,
    format: String,
    questions: usize,
    new: usize,
    merged: usize,
    unchanged: usize,
    rows: Vec<PreviewRow>,
    more: usize,
    warnings: Vec<String>,
}

fn parse(name: &str, bytes: &[u8]) -> Result<ParsedDocument, WebError> {
    pyprep_import::parse(name, bytes).map_err(|e| WebError::BadRequest(e.to_string()))
}

async fn merge(state: &AppState, document: &ParsedDocument) -> Result<MergeOutcome, WebError> {
    let existing = state.store.questions(&Filter::default()).await?;
    Ok(pyprep_import::merge(&existing, &document.questions))
}

/// What importing `bytes` as `name` would do: the parsed document, its merge with the store
/// as it is now, and each incoming question's fate (`new`, `merged` or `unchanged`).
pub async fn plan(
    state: &AppState,
    name: &str,
    bytes: &[u8],
) -> Result<(ParsedDocument, MergeOutcome, Vec<&'static str>), WebError> {
    let document = parse(name, bytes)?;
    let outcome = merge(state, &document).await?;
    let mut fate = vec!["new"; document.questions.len()];
    for group in &outcome.groups {
        for &member in &group.members {
            if group.target != Target::Incoming(member) {
                fate[member] = "merged";
            }
        }
    }
    for &i in &outcome.unchanged {
        fate[i] = "unchanged";
    }
    Ok((document, outcome, fate))
}

/// Stores what a merge produced, all or nothing, and refreshes what derives from the store.
pub async fn write(
    state: &AppState,
    name: &str,
    outcome: &MergeOutcome,
) -> Result<pyprep_store::ImportWritten, WebError> {
    let writes: Vec<_> = outcome
        .added
        .iter()
        .cloned()
        .chain(outcome.updated.iter().map(|(_, q)| q.clone()))
        .collect();
    let written = state.store.import_questions(&writes).await?;
    tracing::info!(document = %name, written = written.written, enriched = written.enriched, "imported");
    state.changed().await;
    Ok(written)
}

/// A file name safe to show and to record as the questions' source.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() {
        "upload.md".to_string()
    } else {
        cleaned
    }
}

pub async fn preview(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    mut multipart: Multipart,
) -> Result<Html<String>, WebError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        WebError::BadRequest(format!("the upload could not be read: {}", e.body_text()))
    };
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some("file") {
            let name = clean_name(field.file_name().unwrap_or("upload.md"));
            let bytes = field.bytes().await.map_err(unreadable)?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(WebError::BadRequest(
            "choose a file to import (markdown, MDX or plain text)".to_string(),
        ));
    };
    let (document, _, fate) = plan(&state, &name, &bytes).await?;
    let incoming = document.questions.len();
    let count = |f: &str| fate.iter().filter(|x| **x == f).count();
    let (new, merged, unchanged) = (count("new"), count("merged"), count("unchanged"));
    const SHOWN: usize = 100;
    let rows = document
        .questions
        .iter()
        .zip(&fate)
        .take(SHOWN)
        .map(|(q, fate)| PreviewRow {
            title_html: markdown::inline(&q.title),
            fate,
        })
        .collect();
    let warnings = document.warnings.iter().map(|w| w.to_string()).collect();
    let format = document.format.as_str().to_string();
    let pending = state.pending.put(name.clone(), bytes);
    super::html(&PreviewPage {
        layout: Layout::new("Import preview · pyprep", "import", &csrf.0),
        pending,
        document: name,
        format,
        questions: incoming,
        new,
        merged,
        unchanged,
        rows,
        more: incoming.saturating_sub(SHOWN),
        warnings,
    })
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    pending: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    let (name, bytes) = state.pending.take(form.pending.trim()).ok_or_else(|| {
        WebError::NotFound(
            "this upload is no longer waiting for confirmation (it was imported already, or it is older than 30 minutes); upload the file again".to_string(),
        )
    })?;
    // Merged against the store as it is now, which may have changed since the preview.
    let (_, outcome, _) = plan(&state, &name, &bytes).await?;
    write(&state, &name, &outcome).await?;
    let query = serde_urlencoded::to_string([("source", name.as_str())]).unwrap_or_default();
    Ok(Redirect::to(&format!("/questions?{query}")).into_response())
}
