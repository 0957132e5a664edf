//! What every handler shares: the store, the CSRF key and the cache of rendered questions.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use pyprep_store::{PracticeStore, Store};

use crate::csrf::CsrfKey;
use crate::error::WebError;
use crate::search::Search;

/// How the app is exposed; the binary builds it from `--addr`.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Listening on an address other machines may reach. When false, only requests naming a
    /// loopback host (`localhost`, `127.0.0.1`, `[::1]`) are served, which stops a web page
    /// from reaching the app through a DNS name it rebinds to 127.0.0.1.
    pub public: bool,
    /// How long a rendered question is reused before it is read from the store again, so
    /// changes made by another pyprep process (an import, `pyprep verify`) show up.
    pub render_ttl: Option<Duration>,
}

impl WebConfig {
    pub fn for_addr(addr: &SocketAddr) -> Self {
        WebConfig {
            public: !addr.ip().is_loopback(),
            render_ttl: None,
        }
    }
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) practice: Arc<dyn PracticeStore>,
    pub(crate) cards: Arc<crate::practice::CardsEnsured>,
    pub(crate) csrf: CsrfKey,
    pub(crate) config: Arc<WebConfig>,
    pub(crate) rendered: Arc<RenderCache>,
    pub(crate) search: Arc<Search>,
    pub(crate) pending: Arc<crate::pages::import::Pending>,
    pub(crate) mocks: Arc<crate::pages::mock::Mocks>,
    pub(crate) quizzes: Arc<crate::pages::quiz::Quizzes>,
}

impl AppState {
    /// A fresh state with a new random CSRF key: forms rendered by an earlier run are refused
    /// with a message asking to reload.
    pub fn new<S: Store + PracticeStore + 'static>(
        store: Arc<S>,
        config: WebConfig,
    ) -> Result<Self, WebError> {
        let ttl = config.render_ttl.unwrap_or(Duration::from_secs(5));
        crate::highlight::warm_up();
        Ok(AppState {
            practice: store.clone(),
            store,
            cards: Arc::default(),
            csrf: CsrfKey::random(),
            config: Arc::new(config),
            rendered: Arc::new(RenderCache::new(ttl)),
            search: Arc::new(Search::new()?),
            pending: Arc::default(),
            mocks: Arc::default(),
            quizzes: Arc::default(),
        })
    }

    /// Forgets everything derived from the store after this app changed it (an import), so
    /// the next request sees the change.
    pub(crate) async fn changed(&self) {
        self.rendered.clear();
        self.cards.reset();
        if let Err(e) = self.search.ready(&*self.store).await {
            tracing::warn!(error = %e, "re-indexing after a change failed; the next search tries again");
        }
    }

    /// Does the slow first-time work (filling the search index) before the first request
    /// would have to wait for it.
    pub async fn warm_up(&self) -> Result<(), WebError> {
        self.search.ready(&*self.store).await
    }
}

/// Rendered question pages (markdown, highlighting and sanitising are the costly part), kept
/// for a short time. An expired page is still served while exactly one request renders it
/// again, so a busy server never renders the same page many times at once.
pub(crate) struct RenderCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, Entry>>,
}

struct Entry {
    at: Instant,
    page: Arc<RenderedPage>,
    refreshing: Arc<AtomicBool>,
}

/// A whole page rendered once, split where the per-browser CSRF token goes.
pub(crate) struct RenderedPage {
    parts: Vec<String>,
}

/// Stands in for the CSRF token while a cached page is rendered.
pub(crate) const TOKEN_SLOT: &str = "\u{1}csrf\u{1}";

impl RenderedPage {
    pub(crate) fn new(html: &str) -> Self {
        RenderedPage {
            parts: html.split(TOKEN_SLOT).map(str::to_string).collect(),
        }
    }

    pub(crate) fn with_token(&self, token: &str) -> String {
        self.parts.join(token)
    }
}

/// What the cache has for an id.
pub(crate) enum Cached {
    Fresh(Arc<RenderedPage>),
    /// Expired, and this caller is the one to render it again (the others get `Fresh`).
    Refresh(Arc<RenderedPage>),
    Missing,
}

impl RenderCache {
    fn new(ttl: Duration) -> Self {
        RenderCache {
            ttl,
            entries: RwLock::default(),
        }
    }

    pub(crate) fn get(&self, id: &str) -> Cached {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = entries.get(id) else {
            return Cached::Missing;
        };
        if entry.at.elapsed() < self.ttl || entry.refreshing.swap(true, Ordering::AcqRel) {
            Cached::Fresh(Arc::clone(&entry.page))
        } else {
            Cached::Refresh(Arc::clone(&entry.page))
        }
    }

    pub(crate) fn put(&self, id: &str, page: Arc<RenderedPage>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        // Ids come from the store, so the map is bounded by the bank and imports; dropping
        // expired entries now and then keeps retired questions from piling up.
        if entries.len() > 4096 {
            entries.retain(|_, e| e.at.elapsed() < self.ttl);
        }
        entries.insert(
            id.to_string(),
            Entry {
                at: Instant::now(),
                page,
                refreshing: Arc::default(),
            },
        );
    }

    /// Forgets `id` (it is gone from the store).
    pub(crate) fn remove(&self, id: &str) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    /// Lets the next request retry a refresh that failed.
    pub(crate) fn refresh_failed(&self, id: &str) {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = entries.get(id) {
            entry.refreshing.store(false, Ordering::Release);
        }
    }

    pub(crate) fn clear(&self) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_caller_refreshes_an_expired_page_while_others_get_it_stale() {
        let cache = RenderCache::new(Duration::ZERO);
        assert!(matches!(cache.get("a"), Cached::Missing));
        cache.put("a", Arc::new(RenderedPage::new("x")));
        assert!(matches!(cache.get("a"), Cached::Refresh(_)));
        assert!(matches!(cache.get("a"), Cached::Fresh(_)));
        cache.refresh_failed("a");
        assert!(matches!(cache.get("a"), Cached::Refresh(_)));
        cache.remove("a");
        assert!(matches!(cache.get("a"), Cached::Missing));
    }

    #[test]
    fn the_token_goes_into_every_slot() {
        let page = RenderedPage::new(&format!(
            "<meta content=\"{TOKEN_SLOT}\"><input value=\"{TOKEN_SLOT}\">"
        ));
        assert_eq!(
            page.with_token("t"),
            "<meta content=\"t\"><input value=\"t\">"
        );
    }
}
