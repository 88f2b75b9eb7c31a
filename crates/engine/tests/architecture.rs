//! The engine knows nothing about the browser: it depends on no web crate,
//! so it builds, tests and benchmarks natively and runs unchanged in a Web
//! Worker. This test keeps that invariant from eroding.

use std::process::Command;

const WEB_CRATES: [&str; 6] = ["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo", "plotters"];

#[test]
fn the_engine_depends_on_no_web_crate_on_any_target() {
    for target in ["wasm32-unknown-unknown", "x86_64-unknown-linux-gnu"] {
        let out = Command::new(env!("CARGO"))
            .args(["tree", "-p", "journey-engine", "-e", "normal", "--prefix", "none", "--offline", "--target", target])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.contains("libm"), "unexpected cargo tree output:\n{tree}");
        for line in tree.lines() {
            let name = line.split_whitespace().next().unwrap_or_default();
            assert!(!WEB_CRATES.iter().any(|w| name.starts_with(w)), "the engine reaches {name} on {target}");
        }
    }
}
