//! Lists every file under the repository's `bank/` folder as `include_str!` entries, so the
//! bank is compiled in and any edit to it rebuilds this crate.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let bank = manifest
        .join("../../bank")
        .canonicalize()
        .expect("bank/ folder");
    // A directory here makes cargo rerun on any change beneath it, new files included.
    println!("cargo:rerun-if-changed={}", bank.display());
    let mut files = Vec::new();
    collect(&bank, &mut files);
    files.sort();
    let mut out = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file
            .strip_prefix(&bank)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("bank/{relative}"),
            file.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("files.rs");
    fs::write(dest, out).unwrap();
}
