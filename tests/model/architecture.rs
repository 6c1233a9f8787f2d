//! The layers, checked from the source: each top-level module of `src/` may name only the
//! modules its row of [`RULES`] allows (through `crate::…` paths, grouped or not), the data
//! modules never name egui or eframe, and `report` runs no SQL of its own. ARCHITECTURE.md shows
//! the same table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A module and the modules it may name. `*` : any module (the edges: the app and the CLI).
const RULES: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("assets", &[]),
    ("config", &["model"]),
    ("text", &["model", "config", "store"]),
    ("desktop", &["model", "config"]),
    ("alert", &["model", "config", "assets"]),
    ("capture", &["model", "config"]),
    ("scan", &["model", "config", "capture"]),
    ("plate", &["model", "config", "assets", "capture", "text"]),
    ("codes", &["model", "config", "assets", "scan"]),
    ("store", &["model", "config"]),
    ("report", &["model", "config", "store", "text"]),
    ("district", &["model", "config", "store", "report", "text"]),
    ("sync", &["model", "config", "store", "district", "report"]),
    ("gate", &["model", "config", "text"]),
    ("ui", &["model", "config", "assets", "text", "gate"]),
    ("office", &["model", "config", "text", "district"]),
    ("app", &["*"]),
    ("cli", &["*"]),
];

/// Modules that may draw: the screens and the app that owns the window.
const MAY_NAME_EGUI: &[&str] = &["ui", "app", "cli"];

pub(crate) fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

pub(crate) fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/ui/app.rs` and `src/ui.rs` are both `ui`).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// Source without comments (line comments and doc comments), so that prose naming a module is
/// not an import.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module named through `crate::name` or `crate::{name, other::…}`.
fn modules_named(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut start_of_item = true;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        start_of_item = true;
                        continue;
                    }
                    _ => {}
                }
                if start_of_item && depth == 0 {
                    if c.is_alphanumeric() || c == '_' {
                        item.push(c);
                        continue;
                    }
                    if !item.is_empty() {
                        named.insert(std::mem::take(&mut item));
                        start_of_item = false;
                    }
                }
            }
            if !item.is_empty() {
                named.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.insert(name);
            }
        }
    }
    named
}

fn names_egui(code: &str) -> bool {
    ["egui::", "eframe::", "egui_plot", "egui_kittest"]
        .iter()
        .any(|needle| code.contains(needle))
}

fn allowed(module: &str) -> Option<&'static [&'static str]> {
    RULES
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, allowed)| *allowed)
}

/// Every (file, module named) that breaks a rule.
fn leaks() -> (BTreeSet<(String, String)>, Vec<String>) {
    let root = source_root();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut found = BTreeSet::new();
    let mut egui_outside = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).expect("under src");
        let Some(module) = module_of(relative) else {
            continue;
        };
        let Some(allowed) = allowed(&module) else {
            continue; // lib.rs, main.rs
        };
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        let shown = relative.to_string_lossy().into_owned();
        if names_egui(&code) && !MAY_NAME_EGUI.contains(&module.as_str()) {
            egui_outside.push(shown.clone());
        }
        for named in forbidden_names(&module, allowed, &code) {
            found.insert((shown.clone(), named));
        }
    }
    (found, egui_outside)
}

/// The modules `code`, in `module`, names although its row of [`RULES`] does not allow them.
fn forbidden_names(module: &str, allowed: &[&str], code: &str) -> BTreeSet<String> {
    if allowed.contains(&"*") {
        return BTreeSet::new();
    }
    modules_named(code)
        .into_iter()
        .filter(|named| named != module && !allowed.contains(&named.as_str()))
        .collect()
}

#[test]
fn every_module_names_only_the_layers_below_it() {
    let (found, _) = leaks();
    assert!(
        found.is_empty(),
        "modules naming what their layer may not (see RULES and ARCHITECTURE.md): {found:?}"
    );
}

/// The leaks issue 11 found on main, each as the line that made it: every one breaks a rule.
#[test]
fn the_rules_reject_the_leaks_the_layers_were_untangled_from() {
    let leaks = [
        (
            "store",
            "use crate::report::{ShiftReport, export, import_file};",
        ),
        ("ui", "use crate::store::{LogRow, EntryKind, Role};"),
        ("ui", "use crate::capture::{Frame, CaptureStatus};"),
        (
            "ui",
            "pub fn scan_screen_ui(ui: &mut egui::Ui, app: &mut crate::app::KioskApp) {}",
        ),
        (
            "ui",
            "let verdict = crate::codes::Verifier::verify(&v, text, now);",
        ),
        ("ui", "let mut store = crate::store::Store::open(&path)?;"),
        ("ui", "crate::alert::Cue::Alarm"),
        ("ui", "use crate::sync::SyncStatus;"),
        ("model", "use crate::config::Language;"),
        ("codes", "use crate::ui::theme;"),
    ];
    for (module, line) in leaks {
        let allowed = allowed(module).expect("a module of the table");
        let named = forbidden_names(module, allowed, &code_only(line));
        assert!(!named.is_empty(), "{module}: `{line}` passed the rules");
    }
}

/// The gate's state machine and its types live in `gate`; the screens only draw a view of it.
#[test]
fn the_gate_types_live_in_the_gate_and_not_in_the_screens() {
    let gate_types = [
        "struct PersonForm",
        "struct ScannedCode",
        "enum GateStatus",
        "enum GateState",
        "struct Checking",
        "struct Saved",
        "enum ConfirmBlock",
        "enum FormMessage",
        "enum HeldSave",
        "struct RegisterForm",
        "struct VehicleForm",
        "struct Gate",
    ];
    let mut files = Vec::new();
    rust_files(&source_root().join("ui"), &mut files);
    rust_files(&source_root().join("app"), &mut files);
    let mut misplaced = Vec::new();
    for file in files {
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        for gate_type in gate_types {
            let declared = ["pub", "pub(crate)"].iter().any(|visibility| {
                code.contains(&format!("{visibility} {gate_type} "))
                    || code.contains(&format!("{visibility} {gate_type}<"))
            });
            if declared {
                misplaced.push(format!("{}: {gate_type}", file.display()));
            }
        }
    }
    assert!(
        misplaced.is_empty(),
        "gate types outside src/gate: {misplaced:#?}"
    );
    let gate = std::fs::read_to_string(source_root().join("gate/mod.rs")).expect("src/gate");
    assert!(
        gate.contains("pub struct Gate "),
        "the checker looks for the right words"
    );
}

#[test]
fn only_the_screens_and_the_app_name_egui() {
    let (_, egui_outside) = leaks();
    assert!(egui_outside.is_empty(), "{egui_outside:?}");
}

#[test]
fn report_runs_no_sql_of_its_own() {
    let mut files = Vec::new();
    rust_files(&source_root().join("report"), &mut files);
    for file in files {
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        for needle in [
            "rusqlite",
            "connection()",
            "prepare_cached",
            "SELECT ",
            "INSERT ",
        ] {
            assert!(!code.contains(needle), "{} names {needle}", file.display());
        }
    }
}

#[test]
fn the_checker_sees_grouped_and_plain_paths_and_ignores_comments() {
    let code = code_only(
        "use crate::{model::Plate, store::{Store, Shift}};\n\
         // crate::report is only mentioned here\n\
         let x = crate::scan::scan_still(&rgb);",
    );
    let named: Vec<String> = modules_named(&code).into_iter().collect();
    assert_eq!(named, ["model", "scan", "store"]);
    assert!(names_egui("fn f(ui: &mut egui::Ui) {}"));
}

/// Where the window may open the database itself, each with the passphrase it was unlocked
/// with: trying the typed passphrase (`unlock`), and a large import on a thread of its own with
/// the store's own passphrase (`store_requests`). Everything else in the window goes through the
/// one store thread the window unlocked.
const WINDOW_OPENS_DATABASE: &[&str] = &["app/unlock.rs", "app/store_requests.rs"];

/// Issue 15: the setup and the kiosk lock each opened the database without the passphrase, so
/// on every encrypted (new) install the setup could never be saved and the lock never opened.
#[test]
fn the_window_opens_the_database_only_through_the_store_it_unlocked() {
    let root = source_root();
    let mut files = Vec::new();
    rust_files(&root.join("app"), &mut files);
    rust_files(&root.join("ui"), &mut files);
    let mut opened_elsewhere = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).expect("under src");
        let shown = relative.to_string_lossy().replace('\\', "/");
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        for needle in [
            "Store::open(",
            "Store::open_keyed(",
            "inspect_database(",
            "Connection::open",
        ] {
            let allowed =
                needle == "Store::open_keyed(" && WINDOW_OPENS_DATABASE.contains(&shown.as_str());
            if code.contains(needle) && !allowed {
                opened_elsewhere.push(format!("{shown}: {needle}"));
            }
        }
    }
    assert!(
        opened_elsewhere.is_empty(),
        "the window opens the database outside its store thread: {opened_elsewhere:?}"
    );
}

/// Files outside `src/text` that may hold a Chinese literal or a `.pick(` call for good: data
/// and tests, not phrases a person reads. Each with its reason.
const WORDS_THAT_ARE_DATA: &[(&str, &str)] = &[
    (
        "model/plate.rs",
        "province abbreviations and plate letters: what a plate is made of",
    ),
    (
        "model/origin.rs",
        "place names and their suffixes (市, 区, 特别行政区) parsed from input",
    ),
    (
        "model/pii.rs",
        "compound surnames, so a name is masked after its surname",
    ),
    (
        "model/risk_import.rs",
        "the risk level spellings an imported list may use (高, 中风险)",
    ),
    (
        "plate/rec.rs",
        "the plate recogniser's alphabet (the model's output characters)",
    ),
    ("plate/synth.rs", "plates drawn for tests and benches"),
    ("plate/tests.rs", "a test module (plates as test data)"),
    (
        "gate/tests.rs",
        "a test module (gates and names as test data)",
    ),
    (
        "store/synthetic.rs",
        "cities and names of synthetic load-test entries",
    ),
    (
        "model/stored_words.rs",
        "values kept in stores and exports as earlier versions wrote them (a pass's label, the unnamed operator), worded for the reader by text",
    ),
    (
        "model/roster.rs",
        "the default roster's shift names, written into a new kiosk.toml as the leader's own labels",
    ),
    (
        "config/mod.rs",
        "the default checkpoint name and gate of a new kiosk.toml, the leader's own labels",
    ),
    (
        "report/json.rs",
        "the JSON's machine statement on personal data, showing the masked form 张*",
    ),
];

/// Files that still word phrases themselves (issue 21). This list only shrinks: move a file's phrases into
/// `src/text`, then take its line out (the test fails while a listed file is clean).
const WORDS_NOT_YET_MOVED: &[(&str, &str)] = &[];

/// Code without `#[cfg(test)] mod … { … }` blocks (test data is not a phrase).
fn without_test_modules(code: &str) -> String {
    let mut rest = code.to_owned();
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = &rest[at + "#[cfg(test)]".len()..];
        let trimmed = after.trim_start();
        let is_module = ["mod ", "pub mod ", "pub(crate) mod "]
            .iter()
            .any(|start| trimmed.starts_with(start));
        let Some(open) = after.find(['{', ';']).filter(|_| is_module) else {
            // An attribute on something else: keep it, look further on.
            rest.replace_range(at..at + "#[cfg(test)]".len(), "");
            continue;
        };
        let body_start = at + "#[cfg(test)]".len() + open;
        let mut depth = 0usize;
        let mut end = rest.len();
        for (offset, c) in rest[body_start..].char_indices() {
            match c {
                ';' if depth == 0 => {
                    end = body_start + offset + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = body_start + offset + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest.replace_range(at..end, "");
    }
    rest
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// The lines of `code` (comments and test modules aside) holding a Chinese character or a
/// `.pick(` call: phrases worded outside the catalogue.
fn phrases_outside_the_catalogue(code: &str) -> Vec<String> {
    code_only(&without_test_modules(code))
        .lines()
        .filter(|line| line.contains(".pick(") || line.chars().any(is_cjk))
        .map(|line| line.trim().to_owned())
        .collect()
}

/// Issue 21: every word a person reads comes from `src/text`. A new `lang.pick("中文", "…")`
/// or Chinese literal anywhere else (in a screen, say) fails here: name a phrase of the
/// catalogue instead.
#[test]
fn every_phrase_a_person_reads_is_worded_in_the_catalogue() {
    let root = source_root();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut worded_outside = Vec::new();
    let mut clean_but_listed = Vec::new();
    for file in files {
        let shown = file
            .strip_prefix(&root)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        if shown.starts_with("text/") {
            continue;
        }
        let code = std::fs::read_to_string(&file).expect("readable source");
        let found = phrases_outside_the_catalogue(&code);
        let listed = WORDS_THAT_ARE_DATA
            .iter()
            .chain(WORDS_NOT_YET_MOVED)
            .any(|(path, _)| *path == shown);
        match (found.is_empty(), listed) {
            (false, false) => worded_outside.push(format!("{shown}: {}", found.join(" | "))),
            (true, true) => clean_but_listed.push(shown),
            _ => {}
        }
    }
    assert!(
        worded_outside.is_empty(),
        "phrases worded outside src/text (put them in the catalogue): {worded_outside:#?}"
    );
    assert!(
        clean_but_listed.is_empty(),
        "listed as holding phrases but clean now: take them out of the list: {clean_but_listed:?}"
    );
}

#[test]
fn the_phrase_checker_sees_literals_and_picks_but_not_comments_or_tests() {
    for line in [
        "ui.label(lang.pick(\"保存\", \"Save\"));",
        "let text = lang\n    .pick(WORDS.zh, WORDS.en);",
        "Said::new(\"请输入车牌\", \"Type the plate\")",
        "format!(\"已保存 {n} 条\")",
    ] {
        assert!(
            !phrases_outside_the_catalogue(line).is_empty(),
            "`{line}` passed"
        );
    }
    let clean = "// 扫码登记: a comment\n\
                 /// \"班次\" in a doc comment\n\
                 ui.label(words::SAVE.say(lang));\n\
                 #[cfg(test)]\n\
                 mod tests {\n    fn t() { assert_eq!(f(\"张三\"), \"张*\"); }\n}\n";
    assert_eq!(phrases_outside_the_catalogue(clean), Vec::<String>::new());
    let after_tests = "#[cfg(test)]\nmod tests;\nconst X: &str = \"中文\";";
    assert_eq!(phrases_outside_the_catalogue(after_tests).len(), 1);
}
