use std::time::{Duration, Instant};
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn med(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}
fn main() {
    pyprep_import::work_on_this_thread_too();
    let dir = std::env::args().nth(1).unwrap();
    let rounds: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(100);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    if std::env::var_os("BIGFIRST").is_some() {
        files.sort_by_key(|f| std::cmp::Reverse(f.1.len()));
    }
    let (mut a, mut b, mut c, mut t) = (vec![], vec![], vec![], vec![]);
    let mut per: Vec<Vec<Duration>> = vec![vec![]; files.len()];
    for _ in 0..rounds {
        let s = Instant::now();
        let docs = pyprep_import::parse_all(&files);
        let s1 = Instant::now();
        let mut qs = Vec::new();
        for d in docs {
            qs.extend(d.unwrap().questions);
        }
        let m = pyprep_import::merge_owned(&[], qs);
        let s2 = Instant::now();
        drop(m);
        let s3 = Instant::now();
        a.push(s1 - s);
        b.push(s2 - s1);
        c.push(s3 - s2);
        t.push(s3 - s);
        for (i, f) in files.iter().enumerate() {
            let x = Instant::now();
            let d = pyprep_import::parse(&f.0, &f.1);
            per[i].push(x.elapsed());
            drop(d);
        }
    }
    println!(
        "total {:.2} parse_all {:.2} merge {:.2} drop {:.2}",
        med(t),
        med(a),
        med(b),
        med(c)
    );
    for (i, f) in files.iter().enumerate() {
        println!("  {} {:.2}", &f.0[..8], med(per[i].clone()));
    }
}
