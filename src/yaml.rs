//! Reading untrusted YAML (and JSON, which is YAML) into a plain value tree.
//!
//! Every file the tool reads goes through [`parse`]: a size limit, the parser's own alias
//! repetition and recursion limits, a depth and node-count limit of ours, Unicode NFC on
//! every string, and removal of `x-` keys (a province's own annotations). Typed loading
//! then works on the tree. Positions are not kept in the tree: when there are problems to
//! report, [`locate_all`] walks the source once more, for all of them at once, so the happy
//! path pays nothing for line numbers.

use serde_yaml::Value;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::LoadError;

pub use crate::diagnostic::{Path, Seg, index, key};

/// Limits applied to every document.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_nodes: usize,
}

impl Limits {
    /// Answer files arrive from many enterprises: 1 MiB (docs/reference/commands.md).
    pub const ANSWERS: Limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 16,
        max_nodes: 50_000,
    };
    /// Questionnaires and catalogs are written by consultants; generous but bounded.
    pub const DEFINITION: Limits = Limits {
        max_bytes: 8 << 20,
        max_depth: 48,
        max_nodes: 1_000_000,
    };
}

/// Why a YAML input file could not be turned into text.
#[derive(Debug)]
pub enum ReadFailure {
    /// The file could not be read, or was over the limit (the file's name with it).
    Read {
        file: String,
        error: crate::fsio::ReadError,
    },
    /// The bytes are not text dxready reads (encoding, size).
    Decode(LoadError),
}

impl ReadFailure {
    /// As a problem of the file itself (an enterprise's input: exit 1, an `errors.csv` row);
    /// `what` ends an over-limit message ("for an answers file").
    pub fn into_input_error(self, what: &str) -> LoadError {
        match self {
            ReadFailure::Read {
                file,
                error: e @ crate::fsio::ReadError::TooLarge { .. },
            } => LoadError::single(&file, None, format!("{e} {what}")),
            ReadFailure::Read { file, error } => LoadError::single(&file, None, error.to_string()),
            ReadFailure::Decode(e) => e,
        }
    }
}

impl From<ReadFailure> for crate::error::Error {
    /// As one of the tool's own inputs (questionnaire, catalog, mapping, template): too large
    /// is invalid (exit 1), unreadable is exit 3.
    fn from(f: ReadFailure) -> Self {
        match f {
            ReadFailure::Read {
                file,
                error: e @ crate::fsio::ReadError::TooLarge { .. },
            } => crate::error::Error::Invalid(vec![format!("{file}: {e}")]),
            ReadFailure::Read { file, error } => {
                crate::error::Error::Io(format!("{file}: {error}"))
            }
            ReadFailure::Decode(e) => e.into(),
        }
    }
}

/// The first step of every loader (questionnaire, catalog, mapping, answers): the file read
/// within `limits` ([`crate::fsio::read_bounded`]: a regular file, every byte counted) and
/// decoded ([`decode`]).
pub fn read(path: &std::path::Path, limits: Limits) -> Result<String, ReadFailure> {
    let file = path.display().to_string();
    let bytes = crate::fsio::read_bounded(path, limits.max_bytes as u64).map_err(|error| {
        ReadFailure::Read {
            file: file.clone(),
            error,
        }
    })?;
    decode(&file, &bytes, limits)
        .map(str::to_string)
        .map_err(ReadFailure::Decode)
}

/// Reads one of the tool's own inputs (questionnaire, catalog, mapping, template): failures
/// are exit 3, too large exit 1.
pub fn read_definition(path: &std::path::Path) -> Result<String, crate::error::Error> {
    read(path, Limits::DEFINITION).map_err(Into::into)
}

/// The skeleton every loader shares (questionnaire, catalog, `--map` mapping, answers): the
/// tree of `text` (parsed here, or `parsed` when the caller already has it, prepared like a
/// parsed one) is checked by `check`, which records every problem; positions are found in
/// `text` only when there is something to report. Any error fails the load with all of them.
pub fn load<T>(
    file: &str,
    text: &str,
    parsed: Option<Value>,
    limits: Limits,
    check: impl FnOnce(Value, &mut crate::diagnostic::Diagnostics) -> Option<T>,
) -> Result<(T, crate::diagnostic::Diagnostics), LoadError> {
    let value = match parsed {
        Some(v) => prepare(file, v, limits)?,
        None => parse(file, text, limits)?,
    };
    checked(file, text, value, check)
}

/// [`load`] for a tree already parsed from `text` and prepared.
pub fn checked<T>(
    file: &str,
    text: &str,
    value: Value,
    check: impl FnOnce(Value, &mut crate::diagnostic::Diagnostics) -> Option<T>,
) -> Result<(T, crate::diagnostic::Diagnostics), LoadError> {
    let mut diags = crate::diagnostic::Diagnostics::new(file);
    let result = check(value, &mut diags);
    diags.locate_if_needed(text);
    match result {
        Some(t) if !diags.has_errors() => Ok((t, diags)),
        _ => Err(LoadError::Invalid(Box::new(diags))),
    }
}

/// Checks size and encoding of raw bytes, returning the text (a byte-order mark is dropped).
pub fn decode<'a>(file: &str, bytes: &'a [u8], limits: Limits) -> Result<&'a str, LoadError> {
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::single(
            file,
            None,
            crate::words::msg().too_large(Some(bytes.len() as u64), limits.max_bytes as u64),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let upto = &bytes[..e.valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = upto.len() - upto.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        LoadError::single(file, Some((line, col)), crate::words::msg().not_utf8())
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Parses text into a normalised value tree.
pub fn parse(file: &str, text: &str, limits: Limits) -> Result<Value, LoadError> {
    if text.len() > limits.max_bytes {
        return Err(LoadError::single(
            file,
            None,
            crate::words::msg().too_large(Some(text.len() as u64), limits.max_bytes as u64),
        ));
    }
    if text.trim().is_empty() {
        return Err(LoadError::single(
            file,
            None,
            crate::words::msg().file_empty(),
        ));
    }
    if let Some((at, c)) = forbidden_char(text) {
        return Err(LoadError::single(
            file,
            Some(at),
            crate::words::msg().control_character(c as u32),
        ));
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| syntax_error(file, text, &e))?;
    prepare(file, value, limits).map_err(|e| match e {
        LoadError::Invalid(mut d) => {
            d.locate(text);
            LoadError::Invalid(d)
        }
        other => other,
    })
}

/// The largest number (in size) any dxready file may hold: no count, amount, weight or score
/// comes near it, and up to it every whole number is exact in a 64-bit float.
pub const MAX_NUMBER: f64 = 1e15;

/// Whether a number is one dxready can use: finite and at most [`MAX_NUMBER`] in size.
pub fn number_ok(n: f64) -> bool {
    n.is_finite() && n.abs() <= MAX_NUMBER
}

/// Why a number is refused (see [`number_ok`]).
pub fn number_problem(shown: &str, n: f64) -> String {
    if n.is_finite() {
        crate::words::msg().number_too_large(shown)
    } else {
        crate::words::msg().not_finite(shown)
    }
}

/// The first character YAML forbids in a stream (C0 controls but tab and line breaks, DEL,
/// C1 controls but U+0085, and the non-characters U+FFFE/U+FFFF), with its line and column.
/// The parser reports these with a byte offset only; this names the line.
fn forbidden_char(text: &str) -> Option<((usize, usize), char)> {
    let bad = |c: char| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
            || ('\u{80}'..='\u{9f}').contains(&c) && c != '\u{85}'
            || c == '\u{fffe}'
            || c == '\u{ffff}'
    };
    // Cheap on the happy path: most text has no byte below 0x20 but tab and line breaks.
    let suspicious = text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2 || b == 0xef
    });
    if !suspicious {
        return None;
    }
    let (mut line, mut col) = (1, 1);
    for c in text.chars() {
        if bad(c) {
            return Some(((line, col), c));
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    None
}

/// Applies the limits, NFC and `x-` key removal to an already parsed tree (the embedded
/// defaults arrive as JSON converted at build time, which parses several times faster).
pub fn prepare(file: &str, mut value: Value, limits: Limits) -> Result<Value, LoadError> {
    let mut nodes = 0usize;
    match normalise(&mut value, 0, &mut nodes, limits) {
        Ok(()) => Ok(value),
        Err(m) if m == BAD_NUMBER => {
            // Only now are paths built: every number out of range, each where it is.
            let mut d = crate::diagnostic::Diagnostics::new(file);
            bad_numbers(&value, &mut Vec::new(), &mut d);
            Err(LoadError::Invalid(Box::new(d)))
        }
        Err(m) => Err(LoadError::single(file, None, m)),
    }
}

const BAD_NUMBER: &str = "\u{0}bad number";

fn bad_numbers(v: &Value, here: &mut Path, d: &mut crate::diagnostic::Diagnostics) {
    match v {
        Value::Number(n) if !n.as_f64().is_some_and(number_ok) => {
            d.error(
                here,
                None,
                number_problem(&n.to_string(), n.as_f64().unwrap_or(f64::NAN)),
            );
        }
        Value::Sequence(seq) => {
            for (i, item) in seq.iter().enumerate() {
                here.push(Seg::Index(i));
                bad_numbers(item, here, d);
                here.pop();
            }
        }
        Value::Mapping(map) => {
            for (k, item) in map {
                here.push(Seg::Key(scalar_string(k).unwrap_or_default()));
                bad_numbers(item, here, d);
                here.pop();
            }
        }
        Value::Tagged(t) => bad_numbers(&t.value, here, d),
        _ => {}
    }
}

fn syntax_error(file: &str, text: &str, e: &serde_yaml::Error) -> LoadError {
    let mut location = e.location().map(|l| (l.line(), l.column()));
    let mut message = e.to_string();
    // The parser appends " at line N column M"; we print the position up front instead.
    if let Some(pos) = message.find(" at line ") {
        message.truncate(pos);
    }
    let big = ["invalid type: integer `", "` as u128", "` as i128"];
    if message.contains("duplicate entry")
        && let Some(d) = find_duplicate_key(text)
    {
        location = Some(d.at);
        message = crate::words::msg().duplicate_key(&d.key, d.first.0);
    } else if let Some(start) = message.find(big[0])
        && let Some(len) = message[start + big[0].len()..]
            .find(big[1])
            .or_else(|| message[start + big[0].len()..].find(big[2]))
    {
        let digits = &message[start + big[0].len()..start + big[0].len() + len];
        let path = message[..start].trim_end_matches(": ").to_string();
        message = number_problem(digits, f64::MAX);
        if !path.is_empty() {
            message = format!("{path}: {message}");
        }
    } else if message.contains("recursion limit") {
        message = crate::words::msg().nested_too_deeply().into();
    } else if message.contains("repetition limit") {
        message = crate::words::msg().alias_bomb().into();
    } else if !message.contains("appears twice") && !message.contains("too large") {
        message = crate::words::msg().yaml_syntax(&message);
    }
    LoadError::single(file, location, message)
}

/// The first key repeated within one map, in document order (the one the parser stops at).
struct Duplicate {
    key: String,
    first: (usize, usize),
    at: (usize, usize),
}

fn find_duplicate_key(text: &str) -> Option<Duplicate> {
    use saphyr_parser::Event as E;
    use std::collections::HashMap;
    // Per open container: for a map, the keys seen (with where) and whether a key is next.
    struct Map {
        keys: HashMap<String, (usize, usize)>,
        key_next: bool,
    }
    let mut stack: Vec<Option<Map>> = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let at = (span.start.line(), span.start.col() + 1);
        let is_node = matches!(
            event,
            E::Scalar(..) | E::SequenceStart(..) | E::MappingStart(..) | E::Alias(_)
        );
        if is_node && let Some(Some(map)) = stack.last_mut() {
            if map.key_next
                && let E::Scalar(k, ..) = &event
            {
                if let Some(&first) = map.keys.get(k.as_ref()) {
                    return Some(Duplicate {
                        key: k.to_string(),
                        first,
                        at,
                    });
                }
                map.keys.insert(k.to_string(), at);
            }
            map.key_next = !map.key_next;
        }
        match event {
            E::MappingStart(..) => stack.push(Some(Map {
                keys: HashMap::new(),
                key_next: true,
            })),
            E::SequenceStart(..) => stack.push(None),
            E::MappingEnd | E::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    None
}

fn normalise(v: &mut Value, depth: usize, nodes: &mut usize, limits: Limits) -> Result<(), String> {
    *nodes += 1;
    if *nodes > limits.max_nodes {
        return Err(crate::words::msg().too_many_values(limits.max_nodes));
    }
    if depth > limits.max_depth {
        return Err(crate::words::msg().nested_more_than(limits.max_depth));
    }
    match v {
        Value::String(s) => nfc_in_place(s),
        Value::Number(n) if !n.as_f64().is_some_and(number_ok) => {
            return Err(BAD_NUMBER.into());
        }
        Value::Sequence(seq) => {
            for item in seq {
                normalise(item, depth + 1, nodes, limits)?;
            }
        }
        Value::Mapping(map) => {
            let needs_rebuild = map.keys().any(|k| match k {
                Value::String(s) => s.starts_with("x-") || !is_nfc(s),
                _ => false,
            });
            if needs_rebuild {
                let old = std::mem::take(map);
                for (mut k, val) in old {
                    if let Value::String(s) = &mut k {
                        if s.starts_with("x-") {
                            continue;
                        }
                        nfc_in_place(s);
                    }
                    map.insert(k, val);
                }
            }
            for (_, val) in map.iter_mut() {
                normalise(val, depth + 1, nodes, limits)?;
            }
        }
        Value::Tagged(t) => normalise(&mut t.value, depth + 1, nodes, limits)?,
        _ => {}
    }
    Ok(())
}

/// Whether a string is certainly NFC (`is_nfc_quick` gives Yes), settled cheaply for typical
/// Vietnamese text. "Plain" characters (below U+0300, Latin Extended Additional U+1E00–U+1EFF
/// where precomposed Vietnamese lives, and general punctuation U+2002–U+206F) are starters
/// with NFC_Quick_Check = Yes: they neither fail the check nor constrain their neighbours'
/// order, so the quick check of the whole text is the combination of the quick checks of the
/// stretches between them, and only those stretches pay a table lookup per character.
pub fn is_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let plain = |c: char| {
        let c = c as u32;
        c < 0x300 || (0x1E00..=0x1EFF).contains(&c) || (0x2002..=0x206F).contains(&c)
    };
    let mut rest = s;
    while let Some(start) = rest.find(|c: char| !plain(c)) {
        let tail = &rest[start..];
        let end = tail.find(plain).unwrap_or(tail.len());
        if is_nfc_quick(tail[..end].chars()) != unicode_normalization::IsNormalized::Yes {
            return false;
        }
        rest = &tail[end..];
    }
    true
}

/// Normalises a string to NFC, allocating only when it is not already NFC.
pub fn nfc_in_place(s: &mut String) {
    if !is_nfc(s) {
        *s = s.nfc().collect();
    }
}

/// NFC copy of a string.
pub fn nfc(s: &str) -> String {
    let mut owned = s.to_string();
    nfc_in_place(&mut owned);
    owned
}

/// A short description of a value's kind, for "expected …, found …" messages.
pub fn kind(v: &Value) -> String {
    // Never a whole file quoted into a message (a link to /etc/passwd, a pasted page).
    crate::words::msg().value_kind(v)
}

// ---------------------------------------------------------------------------------------------
// Locating paths in the source.

impl crate::diagnostic::Diagnostics {
    /// Fills in positions only when there is something to report.
    pub fn locate_if_needed(&mut self, text: &str) {
        if !self.items.is_empty() {
            self.locate(text);
        }
    }

    /// Fills in line and column from the source text, for every problem in one pass over it
    /// (only called when there is something to report, so the happy path pays nothing).
    pub fn locate(&mut self, source: &str) {
        let wanted: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].location.is_none())
            .collect();
        if wanted.is_empty() {
            return;
        }
        let paths: Vec<&[Seg]> = wanted
            .iter()
            .map(|&i| self.items[i].segments.as_slice())
            .collect();
        let found = locate_all(source, &paths);
        for (i, at) in wanted.into_iter().zip(found) {
            self.items[i].location = at;
        }
    }
}

/// A scalar as a string (`"yes"`, `3`, `true`), for ids written without quotes.
pub fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Line and column (1-based) where the node at each of `paths` starts, found in one pass
/// over the source: an event parser with positions walks the document once, following only
/// the branches that lead to a wanted path, so a file with 40,000 problems costs one parse,
/// not 40,000. A path that cannot be followed to its end (past the end of a list, or past a
/// syntax error) gets the position of the furthest node on its way, or `None`.
pub fn locate_all(source: &str, paths: &[&[Seg]]) -> Vec<Option<(usize, usize)>> {
    if paths.is_empty() {
        return Vec::new();
    }
    let trie = Trie::new(paths);
    let mut at = vec![None; trie.nodes.len()];
    walk(source, &trie, &mut at);
    paths
        .iter()
        .map(|p| {
            // The position of the deepest node of the path that the walk reached.
            let mut n = 0;
            let mut best = at[0];
            for seg in p.iter() {
                match trie.child(n, seg) {
                    Some(c) => n = c,
                    None => break,
                }
                match at[n] {
                    Some(pos) => best = Some(pos),
                    None => break,
                }
            }
            best
        })
        .collect()
}

/// Line and column (1-based) where the node at `path` starts, if the parser can say.
pub fn locate(source: &str, path: &[Seg]) -> Option<(usize, usize)> {
    locate_all(source, &[path]).pop().flatten()
}

/// One event of the source, reduced to what locating needs.
enum Ev {
    /// A scalar (its text, its anchor id or 0).
    Scalar(String, usize),
    Alias(usize),
    SeqStart(usize),
    MapStart(usize),
    End,
}

/// Walks the first document, recording where each trie node starts. Aliases are followed
/// to their anchored node, as the parser does, so a problem inside an aliased list is
/// located where that list is written.
fn walk(source: &str, trie: &Trie, at: &mut [Option<(usize, usize)>]) {
    use saphyr_parser::Event as E;
    let mut events: Vec<(Ev, (usize, usize))> = Vec::new();
    let mut depth = 0usize;
    for event in saphyr_parser::Parser::new_from_str(source) {
        let Ok((event, span)) = event else { break };
        let pos = (span.start.line(), span.start.col() + 1);
        let ev = match event {
            E::Scalar(text, _, anchor, _) => Ev::Scalar(text.into_owned(), anchor),
            E::Alias(id) => Ev::Alias(id),
            E::SequenceStart(anchor, _) => Ev::SeqStart(anchor),
            E::MappingStart(anchor, _) => Ev::MapStart(anchor),
            E::SequenceEnd | E::MappingEnd => Ev::End,
            _ => continue,
        };
        match ev {
            Ev::SeqStart(_) | Ev::MapStart(_) => depth += 1,
            Ev::End => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push((ev, pos));
        if depth == 0 {
            break; // the first document's root is complete
        }
    }
    let mut anchors = std::collections::HashMap::new();
    for (i, (ev, _)) in events.iter().enumerate() {
        if let Ev::Scalar(_, a) | Ev::SeqStart(a) | Ev::MapStart(a) = ev
            && *a != 0
        {
            anchors.insert(*a, i);
        }
    }
    let w = Walk {
        events: &events,
        anchors: &anchors,
        trie,
    };
    w.node(0, Some(0), at, 0);
}

struct Walk<'a> {
    events: &'a [(Ev, (usize, usize))],
    anchors: &'a std::collections::HashMap<usize, usize>,
    trie: &'a Trie,
}

impl Walk<'_> {
    /// Visits the node starting at event `i` as trie node `node`; the index after it.
    fn node(
        &self,
        i: usize,
        node: Option<usize>,
        at: &mut [Option<(usize, usize)>],
        hops: usize,
    ) -> usize {
        let Some((ev, pos)) = self.events.get(i) else {
            return self.events.len();
        };
        if let (Ev::Alias(id), Some(_)) = (ev, node) {
            if let Some(&target) = self.anchors.get(id)
                && target < i
                && hops < 64
            {
                self.node(target, node, at, hops + 1);
            }
            return i + 1;
        }
        if let Some(n) = node {
            at[n].get_or_insert(*pos);
        }
        match ev {
            Ev::SeqStart(_) => {
                let mut j = i + 1;
                let mut k = 0;
                while j < self.events.len() && !matches!(self.events[j].0, Ev::End) {
                    let child = node.and_then(|n| self.trie.child(n, &Seg::Index(k)));
                    j = self.node(j, child, at, hops);
                    k += 1;
                }
                j + 1
            }
            Ev::MapStart(_) => {
                let mut j = i + 1;
                while j < self.events.len() && !matches!(self.events[j].0, Ev::End) {
                    let child = match (&self.events[j].0, node) {
                        (Ev::Scalar(text, _), Some(n)) => self.trie.key(n, text),
                        _ => None,
                    };
                    j = self.node(j, None, at, hops); // the key: walked over
                    j = self.node(j, child, at, hops);
                }
                j + 1
            }
            _ => i + 1,
        }
    }
}

/// The wanted paths as a tree, so the walk looks each key up once.
struct Trie {
    nodes: Vec<TrieNode>,
}

#[derive(Default)]
struct TrieNode {
    keys: std::collections::HashMap<String, usize>,
    indices: std::collections::HashMap<usize, usize>,
}

impl Trie {
    fn new(paths: &[&[Seg]]) -> Trie {
        let mut t = Trie {
            nodes: vec![TrieNode::default()],
        };
        for p in paths {
            let mut n = 0;
            for seg in p.iter() {
                let next = t.nodes.len();
                let child = match seg {
                    Seg::Key(k) => *t.nodes[n].keys.entry(k.clone()).or_insert(next),
                    Seg::Index(x) => *t.nodes[n].indices.entry(*x).or_insert(next),
                };
                if child == next {
                    t.nodes.push(TrieNode::default());
                }
                n = child;
            }
        }
        t
    }

    fn child(&self, n: usize, seg: &Seg) -> Option<usize> {
        match seg {
            Seg::Key(k) => self.nodes[n].keys.get(k).copied(),
            Seg::Index(i) => self.nodes[n].indices.get(i).copied(),
        }
    }

    /// A key as written (paths hold keys in NFC, as the loaded tree does).
    fn key(&self, n: usize, text: &str) -> Option<usize> {
        let keys = &self.nodes[n].keys;
        match keys.get(text) {
            Some(&c) => Some(c),
            None if !is_nfc(text) => keys.get(&nfc(text)).copied(),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_nodes() {
        let src = "a: 1\nlist:\n  - id: x\n    v: [1, 2]\n  - id: y\n    v: 3\n";
        assert_eq!(locate(src, &[Seg::Key("a".into())]), Some((1, 4)));
        let p = vec![Seg::Key("list".into()), Seg::Index(1), Seg::Key("v".into())];
        assert_eq!(locate(src, &p), Some((6, 8)));
        let p = vec![Seg::Key("list".into()), Seg::Index(1)];
        assert_eq!(locate(src, &p).map(|l| l.0), Some(5));
    }

    /// The positions libyaml gives (through serde_yaml's error locations), one parse per
    /// path: what dxready used before [`locate_all`], kept as the reference it must agree with.
    fn locate_by_reparse(source: &str, path: &[Seg]) -> Option<(usize, usize)> {
        use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
        const HERE: &str = "\u{0}here";
        struct L<'a>(&'a [Seg]);
        impl<'de> DeserializeSeed<'de> for L<'_> {
            type Value = ();
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_any(self)
            }
        }
        impl<'de> Visitor<'de> for L<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                let Some((Seg::Key(want), rest)) = self.0.split_first() else {
                    return Err(de::Error::custom(HERE));
                };
                while let Some(k) = map.next_key::<Value>()? {
                    if k.as_str().map(nfc).as_deref() == Some(want.as_str()) {
                        return map.next_value_seed(L(rest));
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
                let Some((Seg::Index(want), rest)) = self.0.split_first() else {
                    return Err(de::Error::custom(HERE));
                };
                for _ in 0..*want {
                    if seq.next_element::<IgnoredAny>()?.is_none() {
                        return Ok(());
                    }
                }
                seq.next_element_seed(L(rest)).map(|_| ())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
                Err(E::custom(HERE))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
                Err(E::custom(HERE))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
                Err(E::custom(HERE))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
                Err(E::custom(HERE))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
                Err(E::custom(HERE))
            }
            fn visit_unit<E: de::Error>(self) -> Result<(), E> {
                Err(E::custom(HERE))
            }
        }
        match L(path).deserialize(serde_yaml::Deserializer::from_str(source)) {
            Err(e) if e.to_string().contains(HERE) => e.location().map(|l| (l.line(), l.column())),
            _ => None,
        }
    }

    fn every_path(v: &Value, here: &mut Path, out: &mut Vec<Path>) {
        out.push(here.clone());
        match v {
            Value::Mapping(m) => {
                for (k, val) in m {
                    if let Some(k) = k.as_str() {
                        here.push(Seg::Key(k.to_string()));
                        every_path(val, here, out);
                        here.pop();
                    }
                }
            }
            Value::Sequence(s) => {
                for (i, val) in s.iter().enumerate() {
                    here.push(Seg::Index(i));
                    every_path(val, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }

    #[test]
    fn one_pass_positions_agree_with_the_parser_s_own() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("questionnaires/sme-dx-readiness.yaml")];
        for dir in ["examples", "tests/fixtures/mini"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "yaml") {
                    files.push(p);
                }
            }
        }
        files.push(root.join("questionnaires/sme-dx-readiness.programs.yaml"));
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            let tree: Value = serde_yaml::from_str(&src).unwrap();
            let mut paths = Vec::new();
            every_path(&tree, &mut Vec::new(), &mut paths);
            let refs: Vec<&[Seg]> = paths.iter().map(|p| p.as_slice()).collect();
            let got = locate_all(&src, &refs);
            // The reference parses once per path: a sample of about 60 per file.
            let stride = paths.len() / 60 + 1;
            for (p, g) in paths.iter().zip(got).skip(1).step_by(stride) {
                assert_eq!(g, locate_by_reparse(&src, p), "{}: {p:?}", f.display());
            }
        }
    }

    #[test]
    fn paths_through_aliases_follow_them_and_past_the_end_stop_at_the_nearest_node() {
        let src = "base: &b {x: 1}\nuse: *b\nlist: [1]\n";
        let p = vec![Seg::Key("use".into()), Seg::Key("x".into())];
        assert_eq!(locate(src, &p), Some((1, 14)));
        assert_eq!(locate(src, &p), locate_by_reparse(src, &p));
        let p = vec![Seg::Key("list".into()), Seg::Index(5)];
        assert_eq!(locate(src, &p), Some((3, 7)));
        assert_eq!(locate_all(src, &[]), Vec::new());
    }

    proptest::proptest! {
        /// The NFC shortcut answers exactly as the full quick check on any mix of plain letters,
        /// precomposed and decomposed Vietnamese, combining marks in any order and other scripts.
        #[test]
        fn nfc_shortcut_agrees_with_the_quick_check(
            text in "[a-zA-Z ếđơưạỹ\u{300}-\u{36f}\u{1dc0}-\u{1dc3}\u{1e00}-\u{1eff}\u{2000}-\u{2030}\u{212b}\u{ac00}\u{1100}\u{1161}\u{f900}]{0,10}"
        ) {
            use unicode_normalization::{IsNormalized, is_nfc_quick};
            proptest::prop_assert_eq!(
                is_nfc(&text),
                is_nfc_quick(text.chars()) == IsNormalized::Yes
            );
        }
    }

    #[test]
    fn nfc_check_agrees_with_the_full_algorithm() {
        for s in [
            "Công ty TNHH Thực phẩm An Phát — “Đặng” Ứng Ỷ",
            "Co\u{0302}ng",
            "\u{2000}",
            "Å",
            "A\u{030A}",
            "ﬁ",
            "가",
        ] {
            let full = is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
                || s.nfc().collect::<String>() == s;
            assert_eq!(is_nfc(s) || s.nfc().collect::<String>() == s, full, "{s:?}");
            assert_eq!(nfc(s), s.nfc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn strips_x_keys_and_normalises() {
        let v = parse(
            "t",
            "x-note: hi\nname: \"Co\u{0302}ng\"\nm: {x-a: 1, b: 2}\n",
            Limits::ANSWERS,
        )
        .unwrap();
        let m = v.as_mapping().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(v["name"].as_str(), Some("Công"));
        assert_eq!(v["m"].as_mapping().unwrap().len(), 1);
    }

    #[test]
    fn refuses_alias_bombs_and_depth() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='j' {
            bomb.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let err = parse("bomb.yaml", &bomb, Limits::ANSWERS).unwrap_err();
        assert!(err.to_string().contains("bomb.yaml"), "{err}");
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let err = parse("deep.yaml", &deep, Limits::ANSWERS).unwrap_err();
        assert!(err.to_string().contains("nested"), "{err}");
    }
}
