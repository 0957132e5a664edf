//! Runs one snippet (argument 1) a few times and prints the report and timings.
//! `cargo run -p pyprep-sandbox --example try -- 'print(1)' [runs] [--no-namespaces]`
use pyprep_sandbox::{Sandbox, SandboxConfig};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let namespaces = !args.iter().any(|a| a == "--no-namespaces");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let code = args.first().map_or("print('hi')", |s| s.as_str());
    let runs: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let start = std::time::Instant::now();
    let sandbox = Sandbox::new(SandboxConfig {
        namespaces,
        ..SandboxConfig::default()
    })
    .expect("sandbox");
    eprintln!("started in {:?}\n{}", start.elapsed(), sandbox.isolation());
    let report = sandbox.run(code);
    println!("{report:#?}");
    if runs > 1 {
        let start = std::time::Instant::now();
        for _ in 0..runs {
            sandbox.run(code);
        }
        eprintln!("sequential: {:?} per run", start.elapsed() / runs);
        let codes = vec![code; runs as usize];
        let start = std::time::Instant::now();
        sandbox.run_many(&codes, 0);
        eprintln!("parallel:   {:?} per run", start.elapsed() / runs);
    }
}
