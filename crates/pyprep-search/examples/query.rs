//! Searches the built-in bank from the command line, to see what the engine ranks and why:
//! `cargo run -p pyprep-search --example query -- 'corutine'`.

use pyprep_search::{Doc, Request, SearchIndex, Verification};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bank = pyprep_bank::questions()?;
    let docs: Vec<Doc> = bank
        .iter()
        .map(|q| Doc {
            question: q,
            in_bank: true,
            verification: Verification::not_run(q),
        })
        .collect();
    let index = SearchIndex::in_memory()?;
    index.rebuild(&docs)?;
    for query in std::env::args().skip(1) {
        let results = index.search(&Request::new(query.as_str()))?;
        println!(
            "{query:?}: {} matches{}",
            results.total,
            if results.relaxed { " (relaxed)" } else { "" }
        );
        for hit in &results.hits {
            println!("  {:6.2}  {:<45} {}", hit.score, hit.id, hit.title_html);
            println!("          {}", hit.snippet_html);
        }
    }
    Ok(())
}
