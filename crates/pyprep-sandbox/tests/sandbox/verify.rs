//! `verify::classify` on real runs: the error lines CPython 3 really prints.

use pyprep_sandbox::verify::{self, DeclaredFlags, FragmentReason, Verdict};

use crate::run;

fn classify(code: &str, expected: Option<&str>) -> Verdict {
    verify::classify(
        code,
        &DeclaredFlags::default(),
        expected,
        &run(code).outcome,
    )
}

#[test]
fn passing_and_mismatching_examples() {
    assert_eq!(
        classify("print(sum(range(4)))", Some("6\n")),
        Verdict::Passed
    );
    assert!(matches!(
        classify("print(sum(range(5)))", Some("6\n")),
        Verdict::OutputMismatch { diff } if diff == "- 6\n+ 10\n"
    ));
}

#[test]
fn real_errors_are_classified() {
    assert_eq!(
        classify("await asyncio.sleep(1)", None),
        Verdict::Fragment {
            reason: FragmentReason::TopLevelAwait
        }
    );
    assert_eq!(
        classify("print(cache.get('k'))", None),
        Verdict::Fragment {
            reason: FragmentReason::UndefinedName("cache".into())
        }
    );
    assert!(matches!(
        classify("Then we call the function and check it", None),
        Verdict::Fragment {
            reason: FragmentReason::SyntaxError(_)
        }
    ));
    assert_eq!(
        classify("import numpy as np\nprint(np.zeros(2))", None),
        Verdict::NeedsPackage {
            module: "numpy".into(),
            package: "numpy".into()
        }
    );
    assert!(matches!(
        classify("name = input()\nprint(name)", None),
        Verdict::NeedsInputOrFiles { .. }
    ));
    assert!(matches!(
        classify("print(open('data.csv').read())", None),
        Verdict::NeedsInputOrFiles { .. }
    ));
    assert_eq!(
        classify("d = {}\nprint(d['missing'])", None),
        Verdict::RaisedError {
            error: "KeyError: 'missing'".into()
        }
    );
}

#[test]
fn a_real_run_can_be_a_drill_candidate() {
    let code = "from collections import Counter\nprint(Counter('hello').most_common(1))\n";
    let report = run(code);
    assert!(
        verify::is_drill_candidate(code, &DeclaredFlags::default(), &report),
        "{report:?}"
    );
    let code = "print(object())\n";
    assert!(!verify::is_drill_candidate(
        code,
        &DeclaredFlags::default(),
        &run(code)
    ));
}
