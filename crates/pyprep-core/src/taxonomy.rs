//! The fixed list of topics every question is filed under (documented in docs/bank-format.md).

/// Every topic in the taxonomy, in the order pages and reports list them.
pub const TOPICS: &[&str] = &[
    "basics",
    "oop",
    "data-structures",
    "functions",
    "decorators",
    "iterators-generators",
    "context-managers",
    "error-handling",
    "stdlib",
    "file-io",
    "typing",
    "metaprogramming",
    "memory-gc",
    "internals",
    "performance",
    "concurrency",
    "asyncio",
    "testing",
    "packaging",
    "design-patterns",
    "databases",
    "web-frameworks",
    "data-science",
    "security",
    "coding-problems",
];

pub fn is_topic(name: &str) -> bool {
    TOPICS.contains(&name)
}
