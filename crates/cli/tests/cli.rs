//! The built `journey-sim` binary, driven as a person or a script would:
//! every command, every output format, and the ways input goes wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use journey_engine::{Study, presets};
use serde_json::{Value, json};

/// MODEL.md's KPI keys ("What a run reports") with intervals, and repeat
/// contacts (docs/cli.md) after the contacts, written out here rather than
/// taken from the engine so that a drift from the model fails a test.
const INTERVAL_KPIS: [&str; 18] = [
    "resolution_rate",
    "first_contact_resolution",
    "containment",
    "self_service_abandonment",
    "abandonment",
    "escalation_rate",
    "gave_up_rate",
    "contacts_per_journey",
    "repeat_contacts",
    "agent_contacts_per_journey",
    "switches_per_journey",
    "customer_minutes",
    "agent_minutes",
    "hours_to_resolution",
    "cost_per_journey",
    "cost_per_resolution",
    "satisfaction",
    "satisfied_rate",
];
/// MODEL.md: "their median and 90th percentile (no interval needed)".
const QUANTILE_KPIS: [&str; 2] = ["hours_to_resolution_p50", "hours_to_resolution_p90"];

/// Few journeys keep the tests quick; 20,000 spans five chunks of 4,096,
/// enough for three threads to share the work differently than one.
const FEW: &str = "2000";
const SEVERAL_CHUNKS: &str = "20000";

fn journey_sim(args: &[&str]) -> Output {
    journey_sim_with_stdin(args, None)
}

fn journey_sim_with_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey-sim"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the journey-sim binary starts");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(text.as_bytes())
            .expect("stdin accepts the study");
    }
    child.wait_with_output().expect("journey-sim finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a command that must succeed and returns its stdout.
fn ok(args: &[&str]) -> String {
    let output = journey_sim(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "journey-sim {args:?} failed:\n{}",
        stderr(&output)
    );
    stdout(&output)
}

fn run_json(args: &[&str]) -> Value {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let text = ok(&all);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("run {args:?} printed no JSON ({e}):\n{text}"))
}

/// A fresh file under Cargo's per-test-target temporary directory.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("journey-sim-cli");
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temporary file");
    path
}

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// The command must fail as bad input: exit 2, nothing on stdout, a
/// message on stderr containing every `expected` text, and no panic.
fn fails_as_bad_input(args: &[&str], stdin: Option<&str>, expected: &[&str]) -> String {
    let output = journey_sim_with_stdin(args, stdin);
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "journey-sim {args:?} should exit 2; stderr:\n{err}"
    );
    assert!(
        output.stdout.is_empty(),
        "journey-sim {args:?} printed to stdout:\n{}",
        stdout(&output)
    );
    assert!(
        !err.trim().is_empty(),
        "journey-sim {args:?} failed without a message"
    );
    for text in expected {
        assert!(
            err.contains(text),
            "journey-sim {args:?}: stderr lacks {text:?}:\n{err}"
        );
    }
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE"] {
        assert!(!err.contains(bad), "journey-sim {args:?} panicked:\n{err}");
    }
    err
}

/// A schema 1 study (independent journeys): one of the studies that were
/// the presets before the capacity model, kept as the engine's fixtures.
fn fixture(id: &str) -> PathBuf {
    PathBuf::from(format!("{}/../engine/tests/fixtures/schema1/{id}.json", env!("CARGO_MANIFEST_DIR")))
}

// ------------------------------------------------------------------ presets

#[test]
fn presets_lists_every_preset_with_its_id_name_and_summary() {
    let text = ok(&["presets"]);
    for preset in presets::all() {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(preset.id))
            .unwrap_or_else(|| panic!("no line starts with {}:\n{text}", preset.id));
        assert!(line.contains(preset.name), "{line}");
        assert!(
            text.contains(preset.summary),
            "summary of {} missing",
            preset.id
        );
    }
}

#[test]
fn every_preset_round_trips_through_preset_and_validate() {
    for preset in presets::all() {
        let json = ok(&["preset", preset.id]);
        let study = Study::from_json(&json)
            .unwrap_or_else(|e| panic!("preset {} printed an invalid study: {e}", preset.id));
        assert_eq!(
            json,
            format!("{}\n", study.to_json_pretty()),
            "preset {} is not printed as the engine writes it",
            preset.id
        );

        let file = temp_file(&format!("round-trip-{}.json", preset.id), &json);
        let verdict = ok(&["validate", path_str(&file)]);
        assert!(
            verdict.starts_with(&format!("ok: {}, 2 designs", preset.name)),
            "{verdict}"
        );

        // The same through standard input, and by name.
        let output = journey_sim_with_stdin(&["validate", "-"], Some(&json));
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(stdout(&output), verdict);
        assert!(
            ok(&["preset", preset.name]) == json,
            "preset by name differs from preset by id"
        );
    }
}

#[test]
fn unknown_preset_names_the_presets_there_are() {
    fails_as_bad_input(
        &["preset", "no-such-preset"],
        None,
        &["no-such-preset", "password-reset"],
    );
}

// ---------------------------------------------------------------------- run

#[test]
fn json_has_every_model_kpi_with_an_interval_per_design_and_comparison() {
    for preset in presets::all() {
        let file = fixture(preset.id);
        let report = run_json(&[path_str(&file), "--journeys", FEW]);
        assert_eq!(report["title"], preset.name);
        assert_eq!(report["journeys"], 2000);
        assert!(
            report["fingerprint"]
                .as_str()
                .is_some_and(|f| f.len() == 16),
            "{}",
            report["fingerprint"]
        );

        let designs = report["designs"].as_array().expect("designs array");
        assert_eq!(designs.len(), 2, "preset {}", preset.id);
        for design in designs {
            let kpis = &design["kpis"];
            for key in INTERVAL_KPIS {
                let kpi = &kpis[key];
                assert!(
                    kpi.get("estimate").is_some() && kpi.get("ci95").is_some(),
                    "{} {}: {key} = {kpi}",
                    preset.id,
                    design["name"]
                );
                // Where the figure is defined, so is its interval, around it.
                if let Some(x) = kpi["estimate"].as_f64() {
                    let [lo, hi] = [0, 1].map(|i| kpi["ci95"][i].as_f64().unwrap_or(f64::NAN));
                    assert!(
                        lo <= x && x <= hi,
                        "{} {}: {key} = {kpi}",
                        preset.id,
                        design["name"]
                    );
                }
            }
            for key in QUANTILE_KPIS {
                assert!(
                    kpis[key]["estimate"].as_f64().is_some(),
                    "{}: {key} = {}",
                    preset.id,
                    kpis[key]
                );
            }
            assert_eq!(
                kpis.as_object().map(serde_json::Map::len),
                Some(INTERVAL_KPIS.len() + QUANTILE_KPIS.len())
            );
            assert!(
                design["by_persona"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
            );
            assert!(
                design["by_channel"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
            );
        }

        let comparisons = report["comparisons"].as_array().expect("comparisons array");
        assert_eq!(comparisons.len(), 1);
        assert_eq!(comparisons[0]["design"], "Improved");
        assert_eq!(comparisons[0]["baseline"], "Current");
        for key in INTERVAL_KPIS {
            let kpi = &comparisons[0]["kpis"][key];
            for field in ["estimate", "ci95", "unpaired_ci95", "verdict"] {
                assert!(
                    kpi.get(field).is_some(),
                    "{}: comparison {key} lacks {field}: {kpi}",
                    preset.id
                );
            }
            let verdict = kpi["verdict"].as_str().unwrap_or("");
            assert!(
                [
                    "better",
                    "worse",
                    "no_detectable_difference",
                    "negligible",
                    "not_applicable",
                    "no_interval"
                ]
                .contains(&verdict),
                "{verdict}"
            );
        }
    }
}

#[test]
fn full_json_is_the_whole_report_with_plots_and_stories() {
    let trimmed = run_json(&[path_str(&fixture("password-reset")), "--journeys", FEW]);
    let text = ok(&["run", path_str(&fixture("password-reset")), "--journeys", FEW, "--full"]);
    let full: Value = serde_json::from_str(&text).expect("--full prints JSON");
    for field in ["histograms", "flow", "stages", "stories"] {
        assert!(
            full["designs"][0].get(field).is_some(),
            "--full lacks {field}"
        );
        assert!(
            trimmed["designs"][0].get(field).is_none(),
            "the default JSON has {field}"
        );
    }
    assert_eq!(full["fingerprint"], trimmed["fingerprint"]);
    assert_eq!(full["designs"][0]["kpis"], trimmed["designs"][0]["kpis"]);
}

#[test]
fn thread_count_does_not_change_the_figures() {
    let file = fixture("pro-photographer");
    let one = ok(&[
        "run",
        path_str(&file),
        "--journeys",
        SEVERAL_CHUNKS,
        "--threads",
        "1",
        "--format",
        "json",
    ]);
    let three = ok(&[
        "run",
        path_str(&file),
        "--journeys",
        SEVERAL_CHUNKS,
        "--threads",
        "3",
        "--format",
        "json",
    ]);
    let fingerprint =
        |text: &str| serde_json::from_str::<Value>(text).expect("JSON")["fingerprint"].clone();
    assert_eq!(fingerprint(&one), fingerprint(&three));
    assert_eq!(one, three, "the whole output should be identical");
}

#[test]
fn seed_and_journeys_options_override_the_study() {
    let study = run_json(&[path_str(&fixture("password-reset")), "--journeys", FEW]);
    let reseeded = run_json(&[path_str(&fixture("password-reset")), "--journeys", FEW, "--seed", "7"]);
    assert_eq!(reseeded["seed"], 7);
    assert_eq!(reseeded["journeys"], 2000);
    assert_ne!(
        reseeded["fingerprint"], study["fingerprint"],
        "a new seed gives new figures"
    );
    let grouped = run_json(&[path_str(&fixture("password-reset")), "--journeys", "2,000", "--seed", "7"]);
    assert_eq!(grouped["fingerprint"], reseeded["fingerprint"]);
}

#[test]
fn a_study_on_standard_input_runs_like_the_file() {
    let json = std::fs::read_to_string(fixture("omnichannel-continuity")).expect("fixture");
    let file = temp_file("stdin.json", &json);
    let from_file = run_json(&[path_str(&file), "--journeys", FEW]);
    let output = journey_sim_with_stdin(
        &["run", "-", "--journeys", FEW, "--format", "json"],
        Some(&json),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let from_stdin: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(from_stdin["fingerprint"], from_file["fingerprint"]);
}

#[test]
fn a_share_link_runs_like_the_file() {
    let file = fixture("help-centre-still-calls");
    let fragment = ok(&["link", path_str(&file)]).trim().to_owned();
    assert!(fragment.starts_with("s1."), "{fragment}");

    let from_file = run_json(&[path_str(&file), "--journeys", FEW]);
    let url = format!("https://example.org/journey-simulator/#{fragment}");
    for link in [fragment.as_str(), url.as_str()] {
        let from_link = run_json(&[link, "--journeys", FEW]);
        assert_eq!(
            from_link["fingerprint"], from_file["fingerprint"],
            "link {link}"
        );
    }
    // A link of a link is the same link.
    assert_eq!(ok(&["link", &url]).trim(), fragment);
}

/// A link too long for the shell's argument limit travels in a file or on
/// standard input, and runs like the study it holds.
#[test]
fn a_share_link_in_a_file_or_on_standard_input_runs_like_the_file() {
    let file = fixture("pro-photographer");
    let fragment = ok(&["link", path_str(&file)]).trim().to_owned();
    let from_file = run_json(&[path_str(&file), "--journeys", FEW]);
    let link_file = temp_file("link.txt", &format!("https://example.org/#{fragment}\n"));
    assert_eq!(run_json(&[path_str(&link_file), "--journeys", FEW])["fingerprint"], from_file["fingerprint"]);
    let output = journey_sim_with_stdin(&["run", "-", "--journeys", FEW, "--format", "json"], Some(&fragment));
    let from_stdin: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(from_stdin["fingerprint"], from_file["fingerprint"]);
    assert!(ok(&["validate", path_str(&link_file)]).starts_with("ok: "));
    let broken = temp_file("broken-link.txt", &fragment[..fragment.len() / 2]);
    fails_as_bad_input(&["run", path_str(&broken)], None, &["holds a share link that cannot be opened"]);
}

/// Names are anyone's text: escape sequences never reach the terminal from
/// a table or a message, and no CSV cell starts a spreadsheet formula.
#[test]
fn names_cannot_drive_the_terminal_or_a_spreadsheet() {
    let mut study: Value = serde_json::from_str(&std::fs::read_to_string(fixture("password-reset")).expect("fixture")).expect("JSON");
    study["title"] = json!("\u{1b}]0;owned\u{7}Title");
    study["designs"][1]["name"] = json!("=HYPERLINK(\"http://evil\",\"x\")");
    let file = temp_file("hostile.json", &study.to_string());
    let table = ok(&["run", path_str(&file), "--journeys", FEW]);
    assert!(!table.contains('\u{1b}') && table.contains("\\u{1b}]0;owned"), "{table}");
    let csv = ok(&["run", path_str(&file), "--journeys", FEW, "--format", "csv"]);
    assert!(csv.contains("\"'=HYPERLINK(") && !csv.contains(",=HYPERLINK") && !csv.contains("\"=HYPERLINK"), "{csv}");
}

#[test]
fn table_shows_every_kpi_the_verdicts_fingerprint_and_two_stories() {
    let text = ok(&["run", path_str(&fixture("password-reset")), "--journeys", FEW, "--seed", "11"]);
    let json = run_json(&[path_str(&fixture("password-reset")), "--journeys", FEW, "--seed", "11"]);
    for label in [
        "Resolution",
        "Self-service containment",
        "Cost per journey",
        "Satisfied customers",
        "Hours to resolution, median",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(label)),
            "no row {label}:\n{text}"
        );
    }
    assert!(text.contains("Improved vs Current"), "{text}");
    assert!(
        text.contains("USD "),
        "money should carry the currency:\n{text}"
    );
    assert!(text.contains('%'), "{text}");
    // The fix in this preset is large: some KPIs must come out better.
    assert!(text.contains("better"), "{text}");
    let fingerprint = json["fingerprint"].as_str().expect("fingerprint");
    assert!(
        text.contains(&format!("Fingerprint {fingerprint}")),
        "{text}"
    );
    assert_eq!(
        text.matches(" of the run (").count(),
        2,
        "two stories:\n{text}"
    );
    assert!(
        text.contains("  Current: ") && text.contains("  Improved: "),
        "{text}"
    );
}

#[test]
fn csv_has_a_header_and_a_row_per_design_kpi_then_per_comparison_kpi() {
    let text = ok(&[
        "run",
        path_str(&fixture("password-reset")),
        "--journeys",
        FEW,
        "--format",
        "csv",
    ]);
    let (designs, comparisons) = text
        .split_once("\n\n")
        .expect("two tables separated by a blank line");

    let mut reader = csv::Reader::from_reader(designs.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        ["design", "kpi", "estimate", "ci95_low", "ci95_high"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 2 * (INTERVAL_KPIS.len() + QUANTILE_KPIS.len()));
    for key in INTERVAL_KPIS.iter().chain(&QUANTILE_KPIS) {
        for design in ["Current", "Improved"] {
            let row = rows
                .iter()
                .find(|r| &r[0] == design && &r[1] == *key)
                .unwrap_or_else(|| panic!("no row {design},{key}"));
            assert!(row[2].parse::<f64>().is_ok(), "{row:?}");
        }
    }

    let mut reader = csv::Reader::from_reader(comparisons.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "design",
            "kpi",
            "difference",
            "ci95_low",
            "ci95_high",
            "verdict"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), INTERVAL_KPIS.len() + QUANTILE_KPIS.len());
    for (row, key) in rows.iter().zip(INTERVAL_KPIS) {
        assert_eq!((&row[0], &row[1]), ("Improved", key));
        let [x, lo, hi] = [2, 3, 4].map(|i| row[i].parse::<f64>().unwrap_or(f64::NAN));
        assert!(lo <= x && x <= hi, "{row:?}");
    }
    // The percentiles' differences come last, without an interval.
    for (row, key) in rows[INTERVAL_KPIS.len()..].iter().zip(QUANTILE_KPIS) {
        assert_eq!((&row[0], &row[1]), ("Improved", key));
        assert!(row[2].parse::<f64>().is_ok() && row[3].is_empty() && row[4].is_empty(), "{row:?}");
    }
}

#[test]
fn csv_quotes_names_with_commas() {
    let mut study: Value = serde_json::from_str(&std::fs::read_to_string(fixture("password-reset")).expect("fixture")).expect("JSON");
    study["designs"][1]["name"] = Value::from("Improved, \"v2\"");
    let file = temp_file("quoted-names.json", &study.to_string());
    let text = ok(&["run", path_str(&file), "--journeys", FEW, "--format", "csv"]);
    let (_, comparisons) = text.split_once("\n\n").expect("two tables");
    let mut reader = csv::Reader::from_reader(comparisons.as_bytes());
    let first = reader.records().next().expect("a row").expect("valid CSV");
    assert_eq!(&first[0], "Improved, \"v2\"");
}

// -------------------------------------------------------------- bad input

#[test]
fn a_missing_file_is_named() {
    fails_as_bad_input(
        &["run", "no/such/study.json"],
        None,
        &["no/such/study.json", "does not exist"],
    );
    fails_as_bad_input(
        &["validate", "no/such/study.json"],
        None,
        &["no/such/study.json"],
    );
}

#[test]
fn a_directory_is_not_a_study() {
    let dir = env!("CARGO_TARGET_TMPDIR");
    fails_as_bad_input(&["run", dir], None, &["directory"]);
}

#[test]
fn text_that_is_not_json_is_named_with_its_position() {
    let file = temp_file("not-json.txt", "designs: none\n");
    fails_as_bad_input(
        &["run", path_str(&file)],
        None,
        &[path_str(&file), "not valid JSON", "line 1"],
    );
    fails_as_bad_input(
        &["run", "-"],
        Some("{\"schema\": 1,"),
        &["standard input", "not valid JSON"],
    );
}

#[test]
fn an_invalid_value_is_named_by_its_field_path() {
    let mut study: Value =
        serde_json::from_str(ok(&["preset", "pro-photographer"]).as_str()).expect("preset JSON");
    study["designs"][0]["channels"][0]["agent"]["resolution"] = Value::from(1.5);
    study["designs"][1]["personas"][0]["share"] = Value::from(-1);
    let file = temp_file("invalid-values.json", &study.to_string());

    fails_as_bad_input(
        &["run", path_str(&file)],
        None,
        &[
            path_str(&file),
            "designs[0].channels[0].agent.resolution",
            "designs[1].personas[0].share",
        ],
    );

    // validate prints the problems alone, one `path: message` per line.
    let err = fails_as_bad_input(&["validate", path_str(&file)], None, &[]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("designs[0].channels[0].agent.resolution: "),
        "{err}"
    );
    assert!(
        lines[1].starts_with("designs[1].personas[0].share: "),
        "{err}"
    );
}

#[test]
fn out_of_range_options_are_refused() {
    fails_as_bad_input(
        &["run", "password-reset", "--journeys", "0"],
        None,
        &["--journeys", "1 to 10,000,000"],
    );
    fails_as_bad_input(
        &["run", "password-reset", "--journeys", "10000001"],
        None,
        &["--journeys"],
    );
    fails_as_bad_input(
        &["run", "password-reset", "--journeys", "lots"],
        None,
        &["--journeys"],
    );
    fails_as_bad_input(
        &["run", "password-reset", "--threads", "0"],
        None,
        &["--threads"],
    );
    fails_as_bad_input(&["run", "password-reset", "--seed=-1"], None, &["--seed"]);
    fails_as_bad_input(
        &["run", "password-reset", "--seed", "18446744073709551616"],
        None,
        &["--seed"],
    );
    fails_as_bad_input(
        &["run", "password-reset", "--format", "xml"],
        None,
        &["xml"],
    );
    fails_as_bad_input(
        &["run", "password-reset", "--full", "--format", "csv"],
        None,
        &["--full"],
    );
    fails_as_bad_input(&["bench", "--journeys", "0"], None, &["--journeys"]);
    fails_as_bad_input(&["bench", "--preset", "nope"], None, &["nope"]);
    fails_as_bad_input(&["bench", "--runs", "0"], None, &["--runs", "1 to 1000"]);
    fails_as_bad_input(&["fly"], None, &["fly"]);
    fails_as_bad_input(&[], None, &["Usage"]);
}

#[test]
fn a_corrupted_link_is_refused_with_a_reason() {
    let fragment = ok(&["link", "password-reset"]).trim().to_owned();
    let cut = &fragment[..fragment.len() / 2];
    fails_as_bad_input(&["run", cut], None, &["link"]);
    fails_as_bad_input(
        &["run", &format!("https://example.org/#{cut}")],
        None,
        &["link"],
    );
    fails_as_bad_input(
        &[
            "validate",
            &format!("{}!!{}", &fragment[..20], &fragment[22..]),
        ],
        None,
        &["link"],
    );
    fails_as_bad_input(&["run", "s9.abcdef"], None, &["s9"]);
    fails_as_bad_input(&["run", "https://example.org/#"], None, &["link"]);
}

#[test]
fn help_and_version_succeed() {
    assert!(ok(&["--help"]).contains("run"));
    assert!(ok(&["run", "--help"]).contains("--journeys"));
    assert!(ok(&["--version"]).starts_with("journey-sim "));
}

// -------------------------------------------------------------------- bench

#[test]
fn bench_reports_speed_on_one_and_several_threads_and_peak_memory() {
    let text = ok(&["bench", "--journeys", "5000", "--threads", "2", "--runs", "3", "--replications", "2"]);
    assert!(
        text.contains("1 thread:") && text.contains("2 threads:"),
        "{text}"
    );
    assert!(text.contains("3 runs each"), "{text}");
    // Independent journeys, then the same preset as a simulated centre.
    assert!(text.contains("independent journeys") && text.contains("simulated centre"), "{text}");
    assert_eq!(text.matches("journeys/s median (best ").count(), 4, "{text}");
    assert_eq!(text.matches("events/s, ").count(), 2, "{text}");
    assert!(text.contains("replications/s") && text.contains("customers/s"), "{text}");
    assert!(text.contains("fingerprint") && text.contains("on every run"), "{text}");
    let memory = text
        .lines()
        .find(|l| l.contains("peak memory"))
        .expect("a peak memory line");
    if cfg!(target_os = "linux") {
        assert!(memory.contains("MiB") || memory.contains("KiB"), "{memory}");
    }
}

// ------------------------------------------------------- simulated centre

/// A preset (a simulated centre) with two replications: the JSON has a
/// capacity section per design and per comparison, with the keys MODEL.md
/// and the capacity issue name, each figure with an interval.
#[test]
fn a_centres_json_has_its_pools_and_staffing_with_intervals() {
    let report = run_json(&["password-reset", "--replications", "2"]);
    assert_eq!(report["replications"], 2);
    let figures = [
        "offered_per_day", "answered_per_day", "abandoned_per_day", "closed_per_day", "abandonment",
        "service_level", "asa_minutes", "mean_wait_minutes", "occupancy", "agent_hours_per_day",
    ];
    for design in report["designs"].as_array().expect("designs") {
        let capacity = &design["capacity"];
        assert!(capacity["counted_journeys"].as_u64().is_some_and(|n| n > 0), "{capacity}");
        assert!(capacity["unfinished_journeys"].is_u64(), "{capacity}");
        for key in ["agent_hours_per_day", "staffing_cost_per_day", "staffing_cost_per_journey"] {
            assert!(capacity[key]["estimate"].is_f64() && capacity[key]["ci95"].is_array(), "{key}: {}", capacity[key]);
        }
        let pools = capacity["pools"].as_array().expect("pools");
        assert!(!pools.is_empty());
        for pool in pools {
            assert!(pool["channel"].is_string() && pool["tier"].is_u64() && pool["queue"].is_string(), "{pool}");
            for key in figures {
                assert!(pool[key].get("estimate").is_some() && pool[key].get("ci95").is_some(), "{key}: {}", pool[key]);
            }
            assert!(pool["p90_wait_minutes"].is_f64() || pool["p90_wait_minutes"].is_null());
            let hours = pool["by_hour"].as_array().expect("by_hour");
            assert_eq!(hours.len(), 24);
            assert!(hours.iter().all(|h| h["service_level"].get("estimate").is_some()));
        }
    }
    let comparison = &report["comparisons"][0]["capacity"];
    for key in ["agent_hours_per_day", "staffing_cost_per_day", "staffing_cost_per_journey"] {
        assert!(comparison[key].get("verdict").is_some(), "{key}: {}", comparison[key]);
    }
    for pool in comparison["pools"].as_array().expect("pools") {
        for key in figures {
            assert!(pool[key].get("ci95").is_some() && pool[key].get("verdict").is_some(), "{key}: {}", pool[key]);
        }
        assert_eq!(pool["by_hour"].as_array().map(Vec::len), Some(24));
    }
}

#[test]
fn a_centres_table_has_a_capacity_section() {
    let text = ok(&["run", "password-reset", "--replications", "2"]);
    assert!(text.contains("A simulated contact centre:"), "{text}");
    for words in ["Phone (tier 1, live): contacts offered a day", "answered within target", "Staffing cost a day", "Intervals of a simulated centre are over its replications"] {
        assert!(text.contains(words), "missing {words:?} in\n{text}");
    }
}

/// Each kind of study takes its own size option; the other is refused
/// with a message that says which to use.
#[test]
fn journeys_and_replications_each_go_with_their_kind_of_study() {
    fails_as_bad_input(&["run", path_str(&fixture("password-reset")), "--replications", "3"], None, &["--journeys"]);
    fails_as_bad_input(&["run", "password-reset", "--journeys", "5000"], None, &["--replications"]);
    fails_as_bad_input(&["run", "password-reset", "--replications", "1"], None, &["--replications"]);
}

/// Advice on a valid study is printed as warnings, and the run goes on.
#[test]
fn advice_on_a_valid_study_is_a_warning() {
    let mut study: Value = serde_json::from_str(&ok(&["preset", "password-reset"])).expect("JSON");
    study["designs"][0]["channels"][1]["agent"]["hold_minutes"] = json!({"kind": "exponential", "mean": 3});
    let file = temp_file("advice.json", &study.to_string());
    let output = journey_sim(&["validate", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("warning:") && stderr(&output).contains("hold_minutes: is kept but not used"), "{}", stderr(&output));
}

/// `staff` answers per pool, hour and design, in JSON too; the target is
/// read as PERCENT/SECONDS; a study without demand is refused.
#[test]
fn staff_finds_agents_per_hour_and_refuses_what_it_cannot_staff() {
    let hourly: Vec<u32> = (0..24).map(|h| u32::from((9..17).contains(&h))).collect();
    let roster: Vec<u32> = (0..24).map(|h| if (9..17).contains(&h) { 4 } else { 0 }).collect();
    let line = json!({
        "schema": 2, "title": "Line", "seed": 3,
        "demand": {"customers_per_day": 800, "hourly_profile": hourly, "days": 1, "warmup_days": 0, "replications": 4},
        "designs": [{"name": "Current", "context_carryover": true,
            "personas": [{"name": "Caller", "share": 1, "channel_mix": {"Phone": 1}, "patience": {"kind": "exponential", "mean": 4}, "max_contacts": 1}],
            "channels": [{"name": "Phone", "kind": "phone",
                "agent": {"handle_minutes": {"kind": "exponential", "mean": 4}, "resolution": 1, "staffing": {"agents": roster}}}]}]
    });
    let file = temp_file("line.json", &line.to_string());
    let answer: Value = serde_json::from_str(&ok(&["staff", path_str(&file), "--target", "80/20", "--format", "json"])).expect("JSON");
    assert_eq!(answer["target"], json!({"share": 0.8, "seconds": 20.0}));
    let pool = &answer["designs"][0]["pools"][0];
    assert_eq!(pool["channel"], "Phone");
    let needed: Vec<u64> = pool["needed"].as_array().expect("24 hours").iter().filter_map(Value::as_u64).collect();
    assert_eq!(needed.len(), 24);
    assert!(needed[12] > 4 && needed[3] == 0, "{needed:?}");
    assert_eq!(answer["designs"][0]["met"], true);
    let table = ok(&["staff", path_str(&file), "--target", "90/30"]);
    assert!(table.contains("Agents needed to answer 90% of contacts within 30 s") && table.contains("Current needs"), "{table}");
    fails_as_bad_input(&["staff", path_str(&file), "--target", "80"], None, &["PERCENT/SECONDS"]);
    fails_as_bad_input(&["staff", path_str(&fixture("password-reset"))], None, &["no demand"]);
}

/// `sensitivity` ranks a design's inputs with paired intervals, in JSON
/// too; `solve` finds where a KPI reaches a target, with its interval;
/// a wrong design, KPI or input says what is wrong.
#[test]
fn sensitivity_ranks_inputs_and_solve_finds_a_break_even() {
    let study = fixture("password-reset");
    let answer: Value = serde_json::from_str(&ok(&[
        "sensitivity", path_str(&study), "--design", "Improved", "--kpi", "resolution_rate", "--journeys", "2000", "--format", "json",
    ]))
    .expect("JSON");
    assert_eq!(answer["design"], "Improved");
    let inputs = answer["inputs"].as_array().expect("inputs");
    assert!(inputs.len() > 10, "{} inputs", inputs.len());
    let swings: Vec<f64> = inputs.iter().filter_map(|i| i["swing"].as_f64()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "largest swing first: {swings:?}");
    let first = &inputs[0];
    assert!(first["path"].as_str().is_some_and(|p| p.starts_with("designs[1].")), "{first}");
    assert!(first["high_effect"]["ci95"].as_array().is_some_and(|c| c.len() == 2), "{first}");
    let table = ok(&["sensitivity", path_str(&study), "--kpi", "cost_per_journey", "--journeys", "1000"]);
    assert!(table.contains("Cost per journey of Current") && table.contains("designs[0].channels[1].agent.cost_per_minute"), "{table}");

    let solved: Value = serde_json::from_str(&ok(&[
        "solve", path_str(&study), "--input", "designs[0].channels[1].agent.resolution", "--kpi", "resolution_rate", "--target", "0.8",
        "--journeys", "2000", "--format", "json",
    ]))
    .expect("JSON");
    let value = solved["value"].as_f64().expect("a value");
    let [lo, hi] = [solved["ci95"][0].as_f64().expect("an end"), solved["ci95"][1].as_f64().expect("an end")];
    // Below today's 81% the phone resolves less than its 85%.
    assert!(lo <= value && value <= hi && value < 0.85, "{solved}");
    fails_as_bad_input(&["sensitivity", path_str(&study), "--design", "Nope", "--kpi", "satisfaction"], None, &["no design is called"]);
    fails_as_bad_input(&["sensitivity", path_str(&study), "--kpi", "happiness"], None, &["unknown KPI"]);
    fails_as_bad_input(
        &["solve", path_str(&study), "--input", "designs[0].title", "--kpi", "satisfaction", "--target", "70"],
        None,
        &["not a number of the study"],
    );
}
