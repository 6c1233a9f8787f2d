//! Issue 21: no circle between files. A file names another through `crate::…`, `super::…` or
//! `self::…` paths (grouped or not, in `use` lines or in code, and through a parent's
//! `pub use` to the file that defines the item); those namings must not go round: not `a → b →
//! a`, nor longer. A parent and its own children are not counted (a `mod.rs` declares and
//! re-exports its children, and they use what it defines). Methods of a type whose `impl` is split
//! over files are not namings: calling `self.handle(…)` names no file. ARCHITECTURE.md states
//! the rule and why.

use std::collections::{BTreeMap, BTreeSet};

use super::architecture::{rust_files, source_root};

/// Circles still left, each as its files sorted (`app/state`, `gate/mod` as `gate`). The list
/// only shrinks: the test fails on a new circle and on a listed one that is gone.
const CIRCLES_LEFT: &[&[&str]] = &[];

/// A module's path from the crate root: `app/state.rs` is `["app", "state"]`, `gate/mod.rs` is
/// `["gate"]`, `lib.rs` is `[]`.
type ModulePath = Vec<String>;

fn module_of(relative: &str) -> ModulePath {
    let mut parts: ModulePath = relative
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if parts
        .last()
        .is_some_and(|last| last == "mod" || last == "lib")
    {
        parts.pop();
    }
    parts
}

/// The source without comments, string literals and character literals: the text of what is
/// left is code, so a path in a doc comment or a message is not a naming.
fn code_only(source: &str) -> Vec<char> {
    let chars: Vec<char> = source.chars().collect();
    let mut code = Vec::with_capacity(chars.len());
    let mut at = 0;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        if c == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while at < chars.len() {
                if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
                    depth += 1;
                    at += 2;
                } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
                    depth -= 1;
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    at += 1;
                }
            }
        } else if c == 'r'
            && (at == 0 || !is_ident(chars[at - 1]) || chars[at - 1] == 'b')
            && matches!(next, Some('"' | '#'))
        {
            // A raw string: r"…", r#"…"#, …
            let mut hashes = 0;
            let mut look = at + 1;
            while chars.get(look) == Some(&'#') {
                hashes += 1;
                look += 1;
            }
            if chars.get(look) != Some(&'"') {
                code.push(c);
                at += 1;
                continue;
            }
            look += 1;
            while look < chars.len() {
                if chars[look] == '"' && (1..=hashes).all(|k| chars.get(look + k) == Some(&'#')) {
                    look += 1 + hashes;
                    break;
                }
                look += 1;
            }
            code.extend(['"', '"']);
            at = look;
        } else if c == '"' {
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                at += if chars[at] == '\\' { 2 } else { 1 };
            }
            at += 1;
            code.extend(['"', '"']);
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{7b}'), or else a lifetime.
            let end = if next == Some('\\') {
                (at + 2..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(at + 2) == Some(&'\'') {
                Some(at + 2)
            } else {
                None
            };
            if let Some(end) = end {
                code.extend(['\'', ' ', '\'']);
                at = end + 1;
            } else {
                code.push(c);
                at += 1;
            }
        } else {
            code.push(c);
            at += 1;
        }
    }
    code
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A reader of paths in code that is already [`code_only`].
struct Paths<'a> {
    code: &'a [char],
    at: usize,
}

impl Paths<'_> {
    fn skip_space(&mut self) {
        while self.code.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn ident(&mut self) -> String {
        let start = self.at;
        while self.code.get(self.at).is_some_and(|&c| is_ident_char(c)) {
            self.at += 1;
        }
        self.code[start..self.at].iter().collect()
    }

    fn double_colon(&mut self) -> bool {
        self.skip_space();
        let found =
            self.code.get(self.at) == Some(&':') && self.code.get(self.at + 1) == Some(&':');
        if found {
            self.at += 2;
        }
        found
    }

    /// The paths of a tree after `prefix::` (`a::B`, `{a::B, c::{self, D}}`, `*`), each with
    /// the name it is bound as (its last segment, its alias, or `*` for a glob).
    fn tree(&mut self, prefix: &[String], found: &mut Vec<(ModulePath, String)>) {
        self.skip_space();
        match self.code.get(self.at) {
            Some('{') => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.code.get(self.at) {
                        None => return,
                        Some('}') => {
                            self.at += 1;
                            return;
                        }
                        Some(',') => self.at += 1,
                        Some(_) => {
                            let before = self.at;
                            self.tree(prefix, found);
                            self.skip_space();
                            if self.at == before
                                || !matches!(self.code.get(self.at), Some(',' | '}'))
                            {
                                self.at += 1;
                            }
                        }
                    }
                }
            }
            Some('*') => {
                self.at += 1;
                found.push((prefix.to_vec(), "*".to_owned()));
            }
            _ => {
                let name = self.ident();
                if name.is_empty() {
                    if let Some(last) = prefix.last() {
                        found.push((prefix.to_vec(), last.clone()));
                    }
                    return;
                }
                let mut path = prefix.to_vec();
                path.push(name.clone());
                if self.double_colon() {
                    self.tree(&path, found);
                    return;
                }
                let mut bound = name;
                let after_name = self.at;
                self.skip_space();
                if self.ident() == "as" {
                    self.skip_space();
                    bound = self.ident();
                } else {
                    self.at = after_name;
                }
                if path.last().is_some_and(|last| last == "self") {
                    path.pop();
                    bound = path.last().cloned().unwrap_or_default();
                }
                found.push((path, bound));
            }
        }
    }
}

/// The inline modules of a file (`mod tests { … }`): where each starts and ends, and its name.
fn inline_modules(code: &[char]) -> Vec<(usize, usize, String)> {
    let mut modules = Vec::new();
    let mut at = 0;
    while at + 4 < code.len() {
        let starts_word = at == 0 || !is_ident_char(code[at - 1]);
        if !(starts_word && code[at..at + 4] == ['m', 'o', 'd', ' ']) {
            at += 1;
            continue;
        }
        let mut paths = Paths { code, at: at + 4 };
        paths.skip_space();
        let name = paths.ident();
        paths.skip_space();
        at += 4;
        if name.is_empty() || code.get(paths.at) != Some(&'{') {
            continue;
        }
        let start = paths.at;
        let mut depth = 0usize;
        let mut end = code.len();
        for (offset, &c) in code[start..].iter().enumerate() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = start + offset;
                        break;
                    }
                }
                _ => {}
            }
        }
        modules.push((start, end, name));
    }
    modules
}

/// Every path a file writes from `crate`, `super` or `self`, made absolute (from the crate
/// root), each with the name it binds; `exports_only`: only the paths of its `pub use` lines,
/// where a path may also start at a child module (`pub use state::KioskApp;`).
fn paths_of(module: &[String], code: &[char], exports_only: bool) -> Vec<(ModulePath, String)> {
    let inline = inline_modules(code);
    let mut absolute = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let starts_word = at == 0 || !(is_ident_char(code[at - 1]) || code[at - 1] == ':');
        if !starts_word || !is_ident_char(code[at]) {
            at += 1;
            continue;
        }
        let mut paths = Paths { code, at };
        let word = paths.ident();
        let mut found = Vec::new();
        let mut base: ModulePath = module.to_vec();
        for (start, end, name) in &inline {
            if (*start..*end).contains(&at) {
                base.push(name.clone());
            }
        }
        if exports_only {
            if word != "pub" {
                at = paths.at;
                continue;
            }
            paths.skip_space();
            if paths.code.get(paths.at) == Some(&'(') {
                while paths.code.get(paths.at).is_some_and(|&c| c != ')') {
                    paths.at += 1;
                }
                paths.at += 1;
                paths.skip_space();
            }
            if paths.ident() != "use" {
                at = paths.at;
                continue;
            }
            paths.skip_space();
            if paths.double_colon() {
                at = paths.at; // `pub use ::extern_crate::…`
                continue;
            }
            paths.tree(&[], &mut found);
        } else if matches!(word.as_str(), "crate" | "super" | "self") && paths.double_colon() {
            paths.tree(std::slice::from_ref(&word), &mut found);
        } else {
            at = paths.at;
            continue;
        }
        at = paths.at.max(at + 1);
        for (path, bound) in found {
            let mut resolved = match path.first().map(String::as_str) {
                Some("crate") => Vec::new(),
                _ => base.clone(),
            };
            for segment in path {
                match segment.as_str() {
                    "crate" | "self" => {}
                    "super" => {
                        resolved.pop();
                    }
                    _ => resolved.push(segment),
                }
            }
            absolute.push((resolved, bound));
        }
    }
    absolute
}

/// Whether `code` defines `name` itself (then a glob re-export beside it is not followed).
fn defines(code: &[char], name: &str) -> bool {
    let text: String = code.iter().collect();
    [
        "fn ", "struct ", "enum ", "const ", "static ", "type ", "trait ", "mod ", "union ",
    ]
    .iter()
    .any(|keyword| {
        text.match_indices(&format!("{keyword}{name}"))
            .any(|(at, matched)| {
                !text[at + matched.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_ident_char)
            })
    })
}

/// The sources as modules: each file's code, the names each re-exports (to an absolute path),
/// and its glob re-exports.
struct Tree {
    code: BTreeMap<ModulePath, Vec<char>>,
    exports: BTreeMap<(ModulePath, String), ModulePath>,
    globs: BTreeMap<ModulePath, Vec<ModulePath>>,
}

impl Tree {
    fn new(files: &[(String, String)]) -> Self {
        let mut tree = Self {
            code: BTreeMap::new(),
            exports: BTreeMap::new(),
            globs: BTreeMap::new(),
        };
        for (relative, source) in files {
            tree.code.insert(module_of(relative), code_only(source));
        }
        for (module, code) in &tree.code {
            for (path, bound) in paths_of(module, code, true) {
                if bound == "*" {
                    tree.globs.entry(module.clone()).or_default().push(path);
                } else {
                    tree.exports.insert((module.clone(), bound), path);
                }
            }
        }
        tree
    }

    /// The file that defines what the absolute `path` names: its longest prefix that is a file,
    /// followed through that file's re-exports.
    fn file_of(&self, path: &[String], hops: usize) -> ModulePath {
        for length in (0..=path.len()).rev() {
            let module = &path[..length];
            let Some(code) = self.code.get(module) else {
                continue;
            };
            if let Some(name) = path.get(length).filter(|_| hops < 8) {
                let exported = self.exports.get(&(module.to_vec(), name.clone()));
                let globbed = self
                    .globs
                    .get(module)
                    .filter(|_| !defines(code, name))
                    .and_then(|globs| globs.first())
                    .map(|glob| {
                        let mut target = glob.clone();
                        target.push(name.clone());
                        target
                    });
                if let Some(target) = exported.cloned().or(globbed) {
                    let mut followed = target;
                    followed.extend_from_slice(&path[length + 1..]);
                    if followed != path {
                        return self.file_of(&followed, hops + 1);
                    }
                }
            }
            return module.to_vec();
        }
        Vec::new()
    }

    /// Which files each file names (parents, children and itself left out).
    fn namings(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut namings = BTreeMap::new();
        for (module, code) in &self.code {
            let named: BTreeSet<String> = paths_of(module, code, false)
                .into_iter()
                .map(|(path, _)| self.file_of(&path, 0))
                .filter(|file| !related(module, file))
                .map(|file| file.join("/"))
                .collect();
            namings.insert(module.join("/"), named);
        }
        namings
    }
}

/// One is the other, or a parent (or the crate root) of the other.
fn related(one: &[String], other: &[String]) -> bool {
    one.starts_with(other) || other.starts_with(one)
}

/// The circles of `namings`: each set of files that name each other round, sorted (Tarjan's
/// strongly connected components of more than one file).
fn circles(namings: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<Vec<String>> {
    struct Walk<'a> {
        namings: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: BTreeSet<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, file: &'a str) {
            let index = self.index.len();
            self.index.insert(file, index);
            self.low.insert(file, index);
            self.stack.push(file);
            for named in self.namings.get(file).into_iter().flatten() {
                let named = named.as_str();
                if !self.namings.contains_key(named) {
                    continue;
                }
                if !self.index.contains_key(named) {
                    self.visit(named);
                    let low = self.low[file].min(self.low[named]);
                    self.low.insert(file, low);
                } else if self.stack.contains(&named) {
                    let low = self.low[file].min(self.index[named]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    component.push(top.to_owned());
                    if top == file {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.insert(component);
                }
            }
        }
    }
    let mut walk = Walk {
        namings,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: BTreeSet::new(),
    };
    for file in namings.keys() {
        if !walk.index.contains_key(file.as_str()) {
            walk.visit(file);
        }
    }
    walk.found
}

fn circles_in(files: &[(&str, &str)]) -> BTreeSet<Vec<String>> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(path, code)| ((*path).to_owned(), (*code).to_owned()))
        .collect();
    circles(&Tree::new(&files).namings())
}

/// The library's files (`main.rs` is the binary's own root: it names the library by its name).
fn library_files() -> Vec<(String, String)> {
    let root = source_root();
    let mut paths = Vec::new();
    rust_files(&root, &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let code = std::fs::read_to_string(&path).expect("readable source");
            (relative, code)
        })
        .filter(|(relative, _)| relative != "main.rs")
        .collect()
}

#[test]
fn no_files_name_each_other_round_in_a_circle() {
    let files = library_files();
    let tree = Tree::new(&files);
    let found = circles(&tree.namings());
    let left: BTreeSet<Vec<String>> = CIRCLES_LEFT
        .iter()
        .map(|circle| circle.iter().map(|file| (*file).to_owned()).collect())
        .collect();
    let new: Vec<_> = found.difference(&left).collect();
    let gone: Vec<_> = left.difference(&found).collect();
    assert!(
        new.is_empty(),
        "files naming each other round (move what both need to a third file, or the loop out \
         of the data; ARCHITECTURE.md): {new:?}"
    );
    assert!(
        gone.is_empty(),
        "listed in CIRCLES_LEFT but gone: take them out of the list: {gone:?}"
    );
    // The checker reads the real tree: the kiosk's state is named by its handlers and its loop,
    // and a name re-exported by a parent (`crate::gate::banner`) leads to the file defining it.
    let namings = tree.namings();
    assert!(namings["app/commands"].contains("app/state"));
    assert!(namings["app/frame_loop"].contains("app/kiosk_mode"));
    assert!(namings["ui/scan_screen"].contains("gate/view"));
}

#[test]
fn the_circle_checker_sees_each_way_of_naming_a_file() {
    // Plain paths, in code and in `use` lines.
    let plain = [
        ("x/mod.rs", "mod a;\nmod b;"),
        ("x/a.rs", "use super::b::B;"),
        ("x/b.rs", "fn f() { super::a::g(); }"),
    ];
    assert_eq!(circles_in(&plain).len(), 1);
    // Grouped, with `self` and an alias.
    let grouped = [
        ("x/a.rs", "use super::{b::{self, B as Bee}, c};"),
        ("x/b.rs", "use crate::{x::a::A};"),
    ];
    assert_eq!(
        circles_in(&grouped),
        BTreeSet::from([vec!["x/a".to_owned(), "x/b".to_owned()]])
    );
    // Through a parent's re-export, to the file that defines the item.
    let reexported = [
        ("x/mod.rs", "mod a;\npub use a::A;"),
        ("x/a.rs", "use crate::y::Y;\npub struct A;"),
        ("y.rs", "fn f(_: crate::x::A) {}"),
    ];
    assert_eq!(
        circles_in(&reexported),
        BTreeSet::from([vec!["x/a".to_owned(), "y".to_owned()]])
    );
    // Through a glob re-export.
    let globbed = [
        ("w/mod.rs", "pub use crate::z::*;"),
        ("z.rs", "pub fn zed() { crate::q::q(); }"),
        ("q.rs", "pub fn q() { crate::w::zed(); }"),
    ];
    assert_eq!(circles_in(&globbed).len(), 1);
    // Longer circles.
    let three = [
        ("a.rs", "use crate::b::B;"),
        ("b.rs", "use crate::c::C;"),
        ("c.rs", "use crate::a::A;"),
    ];
    assert_eq!(
        circles_in(&three),
        BTreeSet::from([vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]])
    );
    // A test module's `super::super` starts from the test module.
    let nested = [
        (
            "x/a.rs",
            "#[cfg(test)]\nmod tests {\n    use super::super::b::B;\n}",
        ),
        ("x/b.rs", "use super::a::A;"),
    ];
    assert_eq!(circles_in(&nested).len(), 1);
}

#[test]
fn the_circle_checker_ignores_words_parents_and_one_way_namings() {
    let quiet = [
        // Comments, doc comments and strings name nothing.
        (
            "p.rs",
            "// crate::q::Q\n/// [`crate::q::Q`]\n/* crate::q */\nconst S: &str = \"crate::q::Q\";\nconst R: &str = r#\"crate::q\"#;\nconst C: char = '{';",
        ),
        ("q.rs", "use crate::p::S;"),
        // A parent and its children name each other freely.
        (
            "m/mod.rs",
            "mod c;\npub use c::C;\nfn f() { self::c::g(); }",
        ),
        ("m/c.rs", "use super::M;\nuse crate::m::N;"),
        // One way only.
        ("u.rs", "use crate::v::V;"),
        ("v.rs", "use crate::m::C;"),
    ];
    assert_eq!(circles_in(&quiet), BTreeSet::new());
    let code = code_only("let s = \"a{b\"; // c\nlet t = 'x'; fn f<'a>() {}");
    let code: String = code.iter().collect();
    assert!(!code.contains("a{b") && !code.contains("// c"));
    assert!(code.contains("fn f<'a>"));
}
