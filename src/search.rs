//! Search: a per-language index written as small script files that the theme's search box
//! loads on demand, so search works from any static host and from `file://` (no fetch, no
//! server, no WebAssembly), and a reader downloads only the shards a query needs.
//!
//! Words are lower-cased, stop words dropped and the rest stemmed with the Snowball
//! stemmer of the page's language (en, nl, de, da, no, sv), so "licenties" finds
//! "licentie". The browser has no stemmer: every shard carries the words of the site that
//! start with its two letters, each with its stem, so the query is stemmed by lookup.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::output::Sink;
use crate::source::is_ascii_space;
use crate::theme::STATIC_DIR;

/// Characters of page text kept per document for result snippets.
const SNIPPET_TEXT: usize = 1000;
/// Documents per metadata shard.
const DOCS_PER_SHARD: usize = 50;
/// The size one-letter shards should stay under, on average, in bytes.
const SHARD_BYTES: usize = 96 * 1024;
/// Postings kept per term (the best-weighted).
const MAX_POSTINGS: usize = 300;

/// What a search result shows of one page.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    /// Page title.
    pub title: String,
    /// Site URL of the page.
    pub url: String,
    /// Breadcrumb titles joined with " › ".
    pub crumbs: String,
    /// The start of the page's text, for snippets.
    pub text: String,
}

/// Terms of one language, interned: pages render in parallel and each adds its terms
/// under a short lock, so memory holds one copy of every word, not one per page.
#[derive(Debug, Default)]
struct LangIndex {
    ids: FxHashMap<String, u32>,
    stems: Vec<String>,
    /// Surface word → stem id.
    vocab: FxHashMap<String, u32>,
    /// Each indexed page and its (stem id, weight) pairs: the list the page's tally made,
    /// kept as it is (no copy into one growing list).
    postings: Vec<(u32, Vec<(u32, u32)>)>,
}

/// Collects the terms of every indexed page while the site renders.
#[derive(Debug)]
pub struct Collector {
    langs: std::sync::Mutex<HashMap<String, LangIndex>>,
    /// Tells the per-thread stem caches of one collector from those of earlier ones
    /// (`serve` builds many times in one process).
    generation: u64,
}

impl Default for Collector {
    fn default() -> Collector {
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Collector {
            langs: std::sync::Mutex::default(),
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Word → stem id (or [`STOP`]), of the words one thread has met in one language.
///
/// Words of up to 16 bytes (nearly all) are keys of their own, packed into an integer:
/// a lookup hashes and compares two machine words and follows no pointer. Words never
/// hold a NUL byte, so the zero padding cannot make two words one.
#[derive(Default)]
struct Words {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
}

/// `LOW_BYTES[n]`: the low `n` bytes of a `u128` set (a shift of a `u128` by a variable
/// amount takes a dozen instructions; a load, one).
const LOW_BYTES: [u128; 17] = {
    let mut t = [0u128; 17];
    let mut n = 1;
    while n < 17 {
        t[n] = (t[n - 1] << 8) | 0xff;
        n += 1;
    }
    t
};

impl Words {
    /// The key of a word of at most 16 bytes: its bytes, zero-padded, as one integer.
    fn packed(word: &str) -> Option<u128> {
        Words::packed_bytes(word.as_bytes())
    }

    fn packed_bytes(bytes: &[u8]) -> Option<u128> {
        let mut key = [0u8; 16];
        key.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(u128::from_le_bytes(key))
    }

    /// [`Words::packed`] of `text[start..end]`, read as one 16-byte load from the word on,
    /// or, near the end of the text, from 16 bytes before its end: no copy of a variable
    /// length, unless the whole text is shorter than 16 bytes.
    fn packed_at(text: &[u8], start: usize, end: usize) -> Option<u128> {
        let len = end.checked_sub(start)?;
        if len > 16 || end > text.len() {
            return None;
        }
        let window = |from: usize| -> Option<u128> {
            let bytes: [u8; 16] = text.get(from..from + 16)?.try_into().ok()?;
            Some(u128::from_le_bytes(bytes))
        };
        if let Some(key) = window(start) {
            return Some(key & LOW_BYTES[len]);
        }
        match end.checked_sub(16).and_then(window) {
            // The word is the window's last `len` bytes.
            Some(_) if len == 0 => Some(0),
            Some(key) => Some(key >> (8 * (16 - len))),
            None => Words::packed_bytes(text.get(start..end)?),
        }
    }

    /// The word a key was packed from.
    fn unpacked(key: u128) -> String {
        let bytes = key.to_le_bytes();
        let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
        String::from_utf8_lossy(&bytes[..len]).into_owned()
    }

    /// [`Words::packed`] of the ASCII lower case of the word packed into `key`: every
    /// byte `A`–`Z` gets its `0x20` bit, eight bytes at a time; other bytes (the padding,
    /// the bytes of non-ASCII characters) are left as they are.
    fn ascii_lowercase(key: u128) -> u128 {
        let lower = |x: u64| x | (bytes_between(x, b'A' as u64 - 1, b'Z' as u64 + 1) >> 2);
        u128::from(lower(key as u64)) | (u128::from(lower((key >> 64) as u64)) << 64)
    }

    /// The id of `word`, whose packed key is `key` ([`Words::packed`]); `word` is read
    /// only when there is no key.
    fn get(&self, word: &str, key: Option<u128>) -> Option<u32> {
        match key {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, key: Option<u128>, id: u32) {
        match key {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.into(), id),
        };
    }
}

/// The uses per field of each stem one page uses, by stem id. Stem ids are small and
/// dense, so this is a table indexed by id (one array access per word, no hashing) and
/// the list of ids the page touched, which is all that is cleared for the next page.
#[derive(Default)]
struct Tally {
    uses: Vec<[u32; 4]>,
    touched: Vec<u32>,
}

impl Tally {
    fn add(&mut self, id: u32, field: usize) {
        let i = id as usize;
        if i >= self.uses.len() {
            self.uses.resize(i + 1, [0; 4]);
        }
        let uses = &mut self.uses[i];
        if *uses == [0; 4] {
            self.touched.push(id);
        }
        uses[field] += 1;
    }

    /// The uses of a stem in this page.
    #[cfg(test)]
    fn get(&self, id: u32) -> [u32; 4] {
        self.uses.get(id as usize).copied().unwrap_or_default()
    }

    /// The page's scores ([`score`]); leaves the tally empty for the next page.
    fn take_scores(&mut self) -> Vec<(u32, u32)> {
        let mut scores = Vec::with_capacity(self.touched.len());
        for id in self.touched.drain(..) {
            if let Some(uses) = self.uses.get_mut(id as usize) {
                scores.push((id, score(*uses)));
                *uses = [0; 4];
            }
        }
        scores
    }
}

/// The id a thread's word cache gives a stop word.
const STOP: u32 = u32::MAX;

/// What a thread keeps between pages: the collector it works for, its words per
/// language, and its tally (emptied after each page, kept for its memory).
#[derive(Default)]
struct ThreadWords {
    generation: u64,
    langs: FxHashMap<String, Words>,
    tally: Tally,
}

thread_local! {
    static WORDS: RefCell<ThreadWords> = RefCell::new(ThreadWords::default());
}

impl Collector {
    /// Indexes one page of `lang` from its title, keywords and description (`extra`) and
    /// body HTML; returns the start of its text, for snippets.
    ///
    /// Each thread stems a word once and learns its stem's id from the index the first
    /// time it meets it, so the vocabulary is the union of what the threads met, and a
    /// page's words are counted by stem id without a string allocated per word.
    pub fn page(
        &self,
        analyzer: &Analyzer,
        lang: &str,
        page: usize,
        title: &str,
        extra: &[&str],
        html: &str,
    ) -> String {
        WORDS.with(|words| {
            let mut words = words.borrow_mut();
            let ThreadWords {
                generation,
                langs,
                tally,
            } = &mut *words;
            if *generation != self.generation {
                *generation = self.generation;
                langs.clear();
            }
            if !langs.contains_key(lang) {
                langs.insert(lang.to_owned(), Words::default());
            }
            let Some(cache) = langs.get_mut(lang) else {
                return String::new();
            };
            let mut counter = Counter {
                tally: std::mem::take(tally),
                word: String::with_capacity(64),
                resolve: |word: &str, key: Option<u128>| -> u32 {
                    match cache.get(word, key) {
                        Some(id) => id,
                        None => self.first_use(analyzer, lang, cache, word, key),
                    }
                },
            };
            let text = count(&mut counter, title, extra, html);
            let terms = counter.tally.take_scores();
            *tally = counter.tally;
            self.add(lang, page, terms);
            text
        })
    }

    /// The id of a word this thread meets for the first time (stop word, or its stem's
    /// id from the index), remembered in its cache. Out of line: the word counter's loop
    /// keeps only the cache lookup.
    #[cold]
    #[inline(never)]
    fn first_use(
        &self,
        analyzer: &Analyzer,
        lang: &str,
        cache: &mut Words,
        word: &str,
        key: Option<u128>,
    ) -> u32 {
        // A key is the word: the counter does not spell out the words it keys.
        let unpacked;
        let word = match key {
            Some(key) => {
                unpacked = Words::unpacked(key);
                unpacked.as_str()
            }
            None => word,
        };
        let id = if analyzer.is_stop(word) {
            STOP
        } else {
            self.learn(lang, word, &analyzer.stem(word))
        };
        cache.insert(word, key, id);
        id
    }

    /// The index of `lang`, made on first use, under the lock.
    fn with_index<T>(&self, lang: &str, f: impl FnOnce(&mut LangIndex) -> T) -> T {
        let mut langs = self.langs.lock().unwrap_or_else(|p| p.into_inner());
        if !langs.contains_key(lang) {
            langs.insert(lang.to_owned(), LangIndex::default());
        }
        match langs.get_mut(lang) {
            Some(index) => f(index),
            None => f(&mut LangIndex::default()),
        }
    }

    /// Puts `word` (stemmed `stem`) into the vocabulary; returns the stem's id.
    fn learn(&self, lang: &str, word: &str, stem: &str) -> u32 {
        self.with_index(lang, |index| {
            if let Some(&id) = index.vocab.get(word) {
                return id;
            }
            let id = match index.ids.get(stem) {
                Some(&id) => id,
                None => {
                    let id = index.stems.len() as u32;
                    index.stems.push(stem.to_owned());
                    index.ids.insert(stem.to_owned(), id);
                    id
                }
            };
            index.vocab.insert(word.to_owned(), id);
            id
        })
    }

    /// Adds one page's terms (stem id → weight).
    fn add(&self, lang: &str, page: usize, terms: Vec<(u32, u32)>) {
        self.with_index(lang, |index| index.postings.push((page as u32, terms)));
    }
}

/// Stemming and stop words of one language.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
    stop_set: FxHashSet<&'static str>,
    dutch: bool,
}

impl Analyzer {
    /// The analyzer for a language code; languages without a stemmer only lower-case.
    pub fn new(lang: &str) -> Analyzer {
        let algorithm = match lang {
            "en" => Some(Algorithm::English),
            "nl" => Some(Algorithm::Dutch),
            "de" => Some(Algorithm::German),
            "da" => Some(Algorithm::Danish),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "sv" => Some(Algorithm::Swedish),
            "fr" => Some(Algorithm::French),
            "es" => Some(Algorithm::Spanish),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "fi" => Some(Algorithm::Finnish),
            _ => None,
        };
        let stop_lang = if lang == "nb" || lang == "nn" {
            "no"
        } else {
            lang
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
            stop: stop_words::lookup(stop_lang).unwrap_or(&[]),
            stop_set: stop_words::lookup(stop_lang)
                .unwrap_or(&[])
                .iter()
                .copied()
                .collect(),
            dutch: lang == "nl",
        }
    }

    /// Whether a lower-case word is a stop word.
    pub fn is_stop(&self, word: &str) -> bool {
        self.stop_set.contains(word)
    }

    /// The stem of a lower-case word.
    pub fn stem(&self, word: &str) -> String {
        let Some(s) = &self.stemmer else {
            return word.to_owned();
        };
        let mut stem = s.stem(word).into_owned();
        // Snowball's Dutch stemmer keeps the plural -s after a vowel ("licenties" stays
        // "licenties" while "licentie" is "licentie"): drop it, as for other plurals.
        if self.dutch && stem.len() > 4 && (stem.ends_with("ies") || stem.ends_with("ees")) {
            stem.pop();
        }
        stem
    }

    /// The stop words, for the browser.
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop
    }
}

/// Counts the words of a page per field (title, keywords and description, headings,
/// body) in one pass over the HTML, tags skipped; returns the start of the text for
/// snippets.
fn count<R: FnMut(&str, Option<u128>) -> u32>(
    counter: &mut Counter<R>,
    title: &str,
    extra: &[&str],
    html: &str,
) -> String {
    counter.feed(title, 0);
    for e in extra {
        counter.feed(e, 1);
    }
    let mut text = String::with_capacity(SNIPPET_TEXT + 64);
    walk_html(html, |segment, in_heading| {
        // Words have two characters or more: a one-byte segment (the space every tag
        // stands for) holds none.
        if segment.len() > 1 {
            counter.feed(segment, if in_heading { 2 } else { 3 });
        }
        if text.len() < SNIPPET_TEXT {
            snippet_words(&mut text, segment);
        }
    });
    let len = text.trim_end().len();
    text.truncate(len);
    text
}

/// Appends the words of `segment` (as `split_whitespace` gives them) to the snippet text,
/// one space between words and between segments, until it holds [`SNIPPET_TEXT`] bytes;
/// a segment that ends in whitespace leaves a space for the next one.
fn snippet_words(text: &mut String, segment: &str) {
    let bytes = segment.as_bytes();
    let mut i = 0;
    let mut ends_in_space = false;
    while i < bytes.len() {
        let (space, len) = char_at(segment, i);
        if space {
            i += len;
            ends_in_space = true;
            continue;
        }
        if text.len() >= SNIPPET_TEXT {
            // Only the end of the segment matters now.
            ends_in_space = segment.ends_with(char::is_whitespace);
            break;
        }
        let start = i;
        i += len;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if is_ascii_space(b) {
                    break;
                }
                i += 1;
            } else {
                let (space, len) = char_at(segment, i);
                if space {
                    break;
                }
                i += len;
            }
        }
        ends_in_space = false;
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&segment[start..i]);
    }
    if ends_in_space && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// Whether the character at byte `i` of `text` (a character boundary) is whitespace, and
/// its length.
#[inline]
fn char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (is_ascii_space(b), 1),
        _ => text
            .get(i..)
            .and_then(|t| t.chars().next())
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

/// A page's score (× 100) for a stem, from its uses per field.
///
/// A word in the title says most about a page, then its keywords and description (the
/// writer's own statement of the topic); uses in the text count, dampened, so a long page
/// that mentions a word often does not outrank the page about it.
fn score([title, extra, headings, body]: [u32; 4]) -> u32 {
    let score = ln_1p_uses(body + 2 * extra + 3 * headings)
        + 3.0 * f64::from(title.min(1))
        + 1.5 * f64::from(extra.min(1))
        + 0.8 * f64::from(headings.min(1));
    (score * 100.0).round() as u32
}

/// `ln(1 + uses)`, from a table for the small counts nearly every term has.
fn ln_1p_uses(uses: u32) -> f64 {
    const SMALL: usize = 256;
    static TABLE: std::sync::OnceLock<[f64; SMALL]> = std::sync::OnceLock::new();
    let ln = |uses: u32| (1.0 + f64::from(uses)).ln();
    match TABLE
        .get_or_init(|| std::array::from_fn(|u| ln(u as u32)))
        .get(uses as usize)
    {
        Some(&v) => v,
        None => ln(uses),
    }
}

/// Counts the uses of each stem per field: words are lower-cased, looked up (`resolve`:
/// word and its key ([`Words::packed`]) → stem id, or [`STOP`]) and counted, with no
/// allocation per word. A word with a key is not always spelled out: `resolve` gets an
/// empty word then, and the key is the word.
struct Counter<R> {
    /// Stem id → uses in title, keywords and description, headings, body.
    tally: Tally,
    /// The lower-cased word, when the text's own is not.
    word: String,
    resolve: R,
}

/// What a byte is to the word counter: [`SEP`] (ASCII, not in words), [`LOWER`] (ASCII
/// lower-case letter, digit or `_`), [`UPPER`] (ASCII capital) or [`WIDE`] (part of a
/// non-ASCII character). One table lookup per byte instead of a chain of range tests.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            LOWER
        } else {
            SEP
        };
        b += 1;
    }
    t
};
const SEP: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const WIDE: u8 = 3;

impl<R: FnMut(&str, Option<u128>) -> u32> Counter<R> {
    /// Counts the words of `text` (2 to 40 letters, digits or `_`) in `field`.
    fn feed(&mut self, text: &str, field: usize) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if BYTE_CLASS[usize::from(bytes[i])] == SEP {
                i += 1;
                continue;
            }
            // A word: letters, digits and `_`, of any script.
            let start = i;
            let mut chars = 0;
            // No capitals; no capitals outside ASCII.
            let mut plain = true;
            let mut ascii_capitals = true;
            while let Some(&b) = bytes.get(i) {
                match BYTE_CLASS[usize::from(b)] {
                    SEP => break,
                    LOWER => {
                        // Most of a word is a run of these: measured eight bytes at a time.
                        let end = lower_run_end(bytes, i);
                        chars += end - i - 1;
                        i = end;
                    }
                    UPPER => {
                        plain = false;
                        i += 1;
                    }
                    _ => {
                        let Some(c) = text[i..].chars().next() else {
                            break;
                        };
                        if !c.is_alphanumeric() {
                            break;
                        }
                        // Lower-case letters and characters without case (digits of other
                        // scripts, CJK) are their own lower case: no copy of the word.
                        let own = c.is_lowercase() || !c.is_alphabetic();
                        plain &= own;
                        ascii_capitals &= own;
                        i += c.len_utf8();
                    }
                }
                chars += 1;
            }
            if chars == 0 {
                // A character that is neither ASCII nor part of a word.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if (2..=40).contains(&chars) {
                let word = &text[start..i];
                let key = Words::packed_at(bytes, start, i);
                let id = if plain {
                    (self.resolve)(word, key)
                } else if ascii_capitals {
                    // Lower-casing the ASCII letters is all it takes: on the key, in
                    // place, when the word has one.
                    match key {
                        Some(key) => (self.resolve)("", Some(Words::ascii_lowercase(key))),
                        None => {
                            self.word.clear();
                            self.word.push_str(word);
                            self.word.make_ascii_lowercase();
                            (self.resolve)(&self.word, None)
                        }
                    }
                } else {
                    self.word.clear();
                    for c in word.chars() {
                        self.word.extend(c.to_lowercase());
                    }
                    (self.resolve)(&self.word, Words::packed(&self.word))
                };
                if id != STOP {
                    self.tally.add(id, field);
                }
            }
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies strictly between `low` and `high` (both at
/// most 127); bytes with the high bit set are never flagged. Each byte is computed on its
/// own: no carry or borrow crosses into the next.
const fn bytes_between(x: u64, low: u64, high: u64) -> u64 {
    let seven = x & (ONES * 127);
    (ONES * (127 + high)).wrapping_sub(seven) & !x & seven.wrapping_add(ONES * (127 - low)) & HIGH
}

/// The end of the run of [`LOWER`] bytes (`a`–`z`, `0`–`9`, `_`) that starts at `i`.
fn lower_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        let lower = bytes_between(x, b'0' as u64 - 1, b'9' as u64 + 1)
            | bytes_between(x, b'_' as u64 - 1, b'_' as u64 + 1)
            | bytes_between(x, b'a' as u64 - 1, b'z' as u64 + 1);
        let other = !lower & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes
        .get(i)
        .is_some_and(|&b| BYTE_CLASS[usize::from(b)] == LOWER)
    {
        i += 1;
    }
    i
}

/// Calls `f(text, in_heading)` for every run of visible text in an HTML fragment, with
/// entities decoded; the content of `script`, `style` and `svg` is not text.
pub fn walk_html(html: &str, mut f: impl FnMut(&str, bool)) {
    let mut rest = html;
    let mut in_heading = 0usize;
    let mut skip: Option<&[u8]> = None;
    loop {
        // The next tag, and whether the text before it holds an entity: one search.
        let mut lt = rest.len();
        let mut entity = false;
        for i in memchr::memchr2_iter(b'<', b'&', rest.as_bytes()) {
            if rest.as_bytes()[i] == b'<' {
                lt = i;
                break;
            }
            entity = true;
        }
        if skip.is_none() && lt > 0 {
            let text = &rest[..lt];
            if entity {
                f(&decode_entities(text), in_heading > 0);
            } else {
                f(text, in_heading > 0);
            }
        }
        if lt >= rest.len() {
            break;
        }
        let Some(gt) = memchr::memchr(b'>', &rest.as_bytes()[lt..]) else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let closing = tag.starts_with('/');
        let name_len = tag
            .trim_start_matches('/')
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &tag.trim_start_matches('/')[..name_len];
        // The names that matter are at most six letters: lower-case them on the stack.
        let mut buf = [0u8; 6];
        let lower: &[u8] = match buf.get_mut(..name.len()) {
            Some(b) => {
                b.copy_from_slice(name.as_bytes());
                b.make_ascii_lowercase();
                b
            }
            None => b"",
        };
        match (lower, closing) {
            (b"script", false) if skip.is_none() => skip = Some(b"script"),
            (b"style", false) if skip.is_none() => skip = Some(b"style"),
            (b"svg", false) if skip.is_none() => skip = Some(b"svg"),
            (n @ (b"script" | b"style" | b"svg"), true) if skip == Some(n) => skip = None,
            (b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6", false) => in_heading += 1,
            (b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6", true) => {
                in_heading = in_heading.saturating_sub(1)
            }
            _ => {}
        }
        // Tags separate words (`<td>a</td><td>b</td>` is two words).
        if skip.is_none() {
            f(" ", in_heading > 0);
        }
        rest = &rest[lt + gt + 1..];
    }
}

fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let replaced = end.and_then(|e| {
            let entity = &after[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, e + 1))
        });
        match replaced {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The shard a word or stem lives in: its first `len` characters, made file-name safe.
pub fn shard_key(word: &str, len: usize) -> String {
    let mut key = String::new();
    for c in word.chars().take(len) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else {
            let _ = write!(key, "_{:x}", c as u32);
        }
    }
    key
}

#[derive(Default)]
struct Shard<'a> {
    vocab: BTreeMap<&'a str, &'a str>,
    postings: BTreeMap<&'a str, Vec<(u32, u32)>>,
}

/// Writes the index of every language: `_helpgen/search/<lang>/meta.js`, `t-<key>.js`
/// (words, stems and postings) and `d-<n>.js` (titles, URLs, breadcrumbs, snippets).
/// `docs` holds `(page, language, document)` in page order.
pub fn write_index(
    languages: &[String],
    collector: Collector,
    docs: &[(usize, &str, &SearchDoc)],
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let mut langs = collector
        .langs
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    let work: Vec<(&String, LangIndex)> = languages
        .iter()
        .map(|l| (l, langs.remove(l.as_str()).unwrap_or_default()))
        .collect();
    // One language per thread.
    work.into_par_iter()
        .map(|(lang, index)| write_language(lang, index, docs, sink))
        .sum()
}

/// Writes the index files of one language; returns how many.
fn write_language(
    lang: &String,
    index: LangIndex,
    docs: &[(usize, &str, &SearchDoc)],
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let mut files = 0;
    {
        let analyzer = Analyzer::new(lang);
        let mine: Vec<(usize, &SearchDoc)> = docs
            .iter()
            .filter(|(_, l, _)| l == lang)
            .map(|(p, _, d)| (*p, *d))
            .collect();
        // Document ids are positions in `mine`, which is in page order.
        let doc_id: FxHashMap<u32, u32> = mine
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (*p as u32, i as u32))
            .collect();
        let n = mine.len() as f64;
        let mut df = vec![0u32; index.stems.len()];
        let postings = || {
            index
                .postings
                .iter()
                .flat_map(|(page, terms)| terms.iter().map(move |&(term, tf)| (*page, term, tf)))
        };
        for (_, term, _) in postings() {
            df[term as usize] += 1;
        }
        // Shards keyed by one letter while the index is small (fewer files to write and
        // fetch), by two when one-letter shards would grow past a comfortable download.
        let estimate =
            index.vocab.keys().map(|w| w.len() + 12).sum::<usize>() + postings().count() * 10;
        let prefix = if estimate / 30 > SHARD_BYTES { 2 } else { 1 };
        let mut shards: BTreeMap<String, Shard<'_>> = BTreeMap::new();
        for (word, &stem) in &index.vocab {
            shards
                .entry(shard_key(word, prefix))
                .or_default()
                .vocab
                .insert(word, &index.stems[stem as usize]);
        }
        // Postings grouped by stem first, so each stem finds its shard and its place in
        // it once, not once per page that uses it.
        let mut by_stem: Vec<Vec<(u32, u32)>> = vec![Vec::new(); index.stems.len()];
        for (page, term, tf) in postings() {
            let Some(&doc) = doc_id.get(&page) else {
                continue;
            };
            // The page's score for the term (× 100) times the term's rarity.
            let idf = (1.0 + n / f64::from(df[term as usize].max(1))).ln();
            let weight = (f64::from(tf) * idf).round() as u32;
            by_stem[term as usize].push((doc, weight.max(1)));
        }
        for (stem, list) in index.stems.iter().zip(by_stem) {
            if !list.is_empty() {
                shards
                    .entry(shard_key(stem, prefix))
                    .or_default()
                    .postings
                    .insert(stem, list);
            }
        }
        let dir = format!("{STATIC_DIR}/search/{lang}");
        // The shards and the document files are written in parallel: at the end of a
        // build this is most of what is left to do.
        let shard_files = shards.par_iter_mut().map(|(key, shard)| {
            for list in shard.postings.values_mut() {
                best_postings(list);
            }
            #[derive(Serialize)]
            struct Out<'a> {
                v: &'a BTreeMap<&'a str, &'a str>,
                p: BTreeMap<&'a str, Vec<u32>>,
            }
            let out = Out {
                v: &shard.vocab,
                p: shard
                    .postings
                    .iter()
                    .map(|(t, l)| (*t, l.iter().flat_map(|(d, w)| [*d, *w]).collect()))
                    .collect(),
            };
            let json = serde_json::to_string(&out).unwrap_or_default();
            let js = format!(
                "helpgenSearch.t({},{json});\n",
                serde_json::to_string(key).unwrap_or_default()
            );
            write(sink, &format!("{dir}/t-{key}.js"), js).map(|()| 1)
        });
        let doc_files = mine
            .par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .map(|(n, chunk)| {
                let rows: Vec<[&str; 4]> = chunk
                    .iter()
                    .map(|(_, d)| {
                        [
                            d.title.as_str(),
                            d.url.as_str(),
                            d.crumbs.as_str(),
                            d.text.as_str(),
                        ]
                    })
                    .collect();
                let json = serde_json::to_string(&rows).unwrap_or_default();
                write(
                    sink,
                    &format!("{dir}/d-{n}.js"),
                    format!("helpgenSearch.d({n},{json});\n"),
                )
                .map(|()| 1)
            });
        files += shard_files
            .chain(doc_files)
            .sum::<Result<usize, Diagnostic>>()?;
        #[derive(Serialize)]
        struct Meta<'a> {
            lang: &'a str,
            docs: usize,
            shard: usize,
            prefix: usize,
            stop: &'a [&'a str],
        }
        let meta = Meta {
            lang,
            docs: mine.len(),
            shard: DOCS_PER_SHARD,
            prefix,
            stop: analyzer.stop_words(),
        };
        let json = serde_json::to_string(&meta).unwrap_or_default();
        write(
            sink,
            &format!("{dir}/meta.js"),
            format!("helpgenSearch.m({json});\n"),
        )?;
        files += 1;
    }
    Ok(files)
}

/// Keeps the [`MAX_POSTINGS`] best-weighted postings of a term, best first (then by
/// document). The best are picked before they are sorted: a common word's list holds
/// every page of the language, and only its head is kept.
fn best_postings(list: &mut Vec<(u32, u32)>) {
    let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if list.len() > MAX_POSTINGS {
        list.select_nth_unstable_by(MAX_POSTINGS - 1, order);
        list.truncate(MAX_POSTINGS);
    }
    list.sort_by(order);
}

fn write(sink: &dyn Sink, rel: &str, text: String) -> Result<(), Diagnostic> {
    sink.write(rel, text.as_bytes()).map_err(|e| {
        Diagnostic::error(
            "render",
            "search",
            (0, 0),
            format!("cannot write {rel}: {e:#}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemorySink;

    #[test]
    fn stems_by_language() {
        let nl = Analyzer::new("nl");
        assert_eq!(nl.stem("licenties"), nl.stem("licentie"));
        let de = Analyzer::new("de");
        assert_eq!(de.stem("lizenzen"), de.stem("lizenz"));
        assert!(nl.is_stop("de") && nl.is_stop("een"));
        for lang in ["en", "nl", "de", "da", "no", "sv"] {
            assert!(!Analyzer::new(lang).stop_words().is_empty(), "{lang}");
        }
    }

    #[test]
    fn text_segments_are_decoded_where_they_hold_an_ampersand() {
        // The reference: every segment goes through the decoder.
        let pieces = [
            "a",
            "&amp;",
            "&",
            "<b>",
            "</b>",
            "&lt;x&gt;",
            "<h2>",
            "</h2>",
            " ",
            "é&#233;",
            "<script>&amp;</script>",
            "<a title=\"&amp;\">",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let html = format!("{a}{b}{c}");
                    let (mut ours, mut decoded_all) = (Vec::new(), Vec::new());
                    walk_html(&html, |t, h| ours.push((t.to_owned(), h)));
                    let mut rest = html.as_str();
                    while let Some(lt) = rest.find('<') {
                        if lt > 0 {
                            decoded_all.push(decode_entities(&rest[..lt]).into_owned());
                        }
                        let Some(gt) = rest[lt..].find('>') else {
                            rest = "";
                            break;
                        };
                        // A tag stands for a space.
                        decoded_all.push(" ".to_owned());
                        rest = &rest[lt + gt + 1..];
                    }
                    if !rest.is_empty() {
                        decoded_all.push(decode_entities(rest).into_owned());
                    }
                    let texts: Vec<&str> = ours.iter().map(|(t, _)| t.as_str()).collect();
                    let want: Vec<&str> = decoded_all.iter().map(String::as_str).collect();
                    if !html.contains("<script>") {
                        assert_eq!(texts, want, "{html:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn text_of_html() {
        let mut body = String::new();
        let mut headings = String::new();
        walk_html(
            "<h1 id=\"x\">Titel &amp; meer</h1><p>Een <b>licentie</b>.</p><script>var x</script><style>p{}</style>",
            |t, h| {
                body.push_str(t);
                if h {
                    headings.push_str(t);
                }
            },
        );
        assert_eq!(
            body.split_whitespace().collect::<Vec<_>>(),
            ["Titel", "&", "meer", "Een", "licentie", "."]
        );
        assert_eq!(headings.trim(), "Titel & meer");
        assert_eq!(shard_key("licentie", 2), "li");
        assert_eq!(shard_key("über", 2), "_fcb");
        assert_eq!(shard_key("licentie", 1), "l");
    }

    #[test]
    fn snippet_text_is_the_segments_words_one_space_apart() {
        // The first version, kept as the reference.
        fn reference(text: &mut String, segment: &str) {
            for word in segment.split_whitespace() {
                if text.len() >= SNIPPET_TEXT {
                    break;
                }
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
                text.push_str(word);
            }
            if segment.ends_with(char::is_whitespace) && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        let segments = [
            "",
            " ",
            "a",
            " a ",
            "Het  scherm\tLicenties\n",
            "\u{a0}über\u{2003}uns\u{3000}",
            "x\u{b}y\u{c}z\r",
            "é",
            "naïve café ",
            "\u{85}",
            "a\u{200b}b",
            "  ",
            "end.",
        ];
        // Every pair of segments, from an empty text and from one nearly full.
        for prefix in [String::new(), "w".repeat(SNIPPET_TEXT - 3)] {
            for a in segments {
                for b in segments {
                    let (mut got, mut want) = (prefix.clone(), prefix.clone());
                    for seg in [a, b, "tail words here", a] {
                        snippet_words(&mut got, seg);
                        reference(&mut want, seg);
                    }
                    assert_eq!(got, want, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn lower_runs_measured_eight_bytes_at_a_time_end_where_the_table_says() {
        // Every byte value, at every offset of a block, after runs of every length.
        let naive = |bytes: &[u8], mut i: usize| {
            while bytes
                .get(i)
                .is_some_and(|&b| BYTE_CLASS[usize::from(b)] == LOWER)
            {
                i += 1;
            }
            i
        };
        for stop in 0..=255u8 {
            for run in 0..20 {
                let mut bytes: Vec<u8> = b"az09_mxq7_bc0z9ya_"
                    .iter()
                    .copied()
                    .cycle()
                    .take(run)
                    .collect();
                bytes.push(stop);
                bytes.extend_from_slice(b"abcdefghijklmnop");
                for start in 0..=run {
                    assert_eq!(
                        lower_run_end(&bytes, start),
                        naive(&bytes, start),
                        "stop {stop:#x}, run {run}, start {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_cache_keeps_short_and_long_words_apart() {
        let mut words = Words::default();
        let long = "x".repeat(17);
        let mut put = |w: &str, id| words.insert(w, Words::packed(w), id);
        put("licentie", 1);
        put(&"y".repeat(16), 2);
        put(&long, 3);
        let get = |w: &str| words.get(w, Words::packed(w));
        assert_eq!(get("licentie"), Some(1));
        assert_eq!(get("licenti"), None);
        assert_eq!(get(&"y".repeat(16)), Some(2));
        assert_eq!(get(&long), Some(3));
        assert_eq!(get(&"x".repeat(16)), None);
        assert_eq!((words.short.len(), words.long.len()), (2, 1));
    }

    #[test]
    fn word_keys_read_in_place_equal_copied_ones() {
        // Every slice of a text, at every distance from its end (where the 16-byte load
        // cannot be made), keys as its copy does; longer than 16 bytes has no key.
        let long = "ab über_blick licenties-beheer 0123456789abcdefghij z";
        for text in [long, &long[..15], &long[..16], &long[..17], ""] {
            let text = text.as_bytes();
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    let expected = Words::packed_bytes(&text[start..end]);
                    assert_eq!(
                        Words::packed_at(text, start, end),
                        expected,
                        "{start}..{end} of {} bytes",
                        text.len()
                    );
                    assert_eq!(expected.is_some(), end - start <= 16);
                }
            }
        }
        let text = long.as_bytes();
        assert_eq!(Words::packed_at(text, 3, 2), None);
        assert_eq!(Words::packed_at(text, 3, text.len() + 1), None);
    }

    #[test]
    fn characters_taken_as_their_own_lower_case_are() {
        // The counter does not copy a word whose characters are all lower-case or
        // caseless; that must be exact for every character.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_alphanumeric() && (c.is_lowercase() || !c.is_alphabetic()) {
                assert!(c.to_lowercase().eq([c]), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn counter_lower_cases_and_bounds_words() {
        let mut seen = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        let mut counter = Counter {
            tally: Tally::default(),
            word: String::new(),
            resolve: |w: &str, key: Option<u128>| {
                let w = match key {
                    Some(key) if w.is_empty() => Words::unpacked(key),
                    _ => w.to_owned(),
                };
                assert_eq!(key, Words::packed(&w), "{w}");
                seen.push(w.clone());
                if w == "de" {
                    return STOP;
                }
                match ids.iter().position(|x| *x == w) {
                    Some(i) => i as u32,
                    None => {
                        ids.push(w.to_owned());
                        ids.len() as u32 - 1
                    }
                }
            },
        };
        let long = "x".repeat(41);
        counter.feed("Licenties LICENTIES, licenties de a Über_blick ÜBER", 3);
        counter.feed(&format!("{long} Licenties—beheer"), 0);
        let Counter { mut tally, .. } = counter;
        assert_eq!(
            seen,
            [
                "licenties",
                "licenties",
                "licenties",
                "de",
                "über_blick",
                "über",
                "licenties",
                "beheer"
            ]
        );
        assert_eq!(tally.get(0), [1, 0, 0, 3]);
        assert_eq!(tally.touched, [0, 1, 2, 3], "stop words are not counted");
        let mut scores = tally.take_scores();
        scores.sort_unstable();
        assert_eq!(scores.len(), 4);
        assert_eq!(scores[0], (0, score([1, 0, 0, 3])));
        assert!(tally.touched.is_empty() && tally.uses.iter().all(|u| *u == [0; 4]));
    }

    #[test]
    fn counter_words_are_their_characters_lower_cased() {
        // The reference: words are runs of letters, digits and `_` of 2 to 40 characters,
        // each character lower-cased on its own.
        fn reference(text: &str) -> Vec<String> {
            text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| (2..=40).contains(&w.chars().count()))
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect()
        }
        let text = "Größe GRÖSSE größe Über ÜBER über İstanbul ΣΟΦΙΑΣ Licenties-Beheer \
                    Straße_Nummer ABCDEFGHIJKLMNOP ABCDEFGHIJKLMNOPQ Überschriftenformatierung \
                    XMLHttpRequest CRM7 x9Z Ærøskøbing ÆRØ 東京Tower";
        let mut seen = Vec::new();
        let mut counter = Counter {
            tally: Tally::default(),
            word: String::new(),
            resolve: |w: &str, key: Option<u128>| {
                seen.push(match key {
                    Some(key) if w.is_empty() => Words::unpacked(key),
                    _ => w.to_owned(),
                });
                assert_eq!(key, Words::packed(seen.last().unwrap()));
                0
            },
        };
        counter.feed(text, 3);
        assert_eq!(seen, reference(text));
    }

    #[test]
    fn keys_lower_cased_in_place_equal_keys_of_lower_cased_words() {
        // Every byte value at every position of a key, among other bytes.
        for pos in 0..16 {
            for b in 0..=255u8 {
                let mut bytes: Vec<u8> = b"Ab_Z9@[`{zM\x80\xffqQ".to_vec();
                bytes.insert(pos, b);
                let key = u128::from_le_bytes(bytes.clone().try_into().unwrap());
                bytes.make_ascii_lowercase();
                let lower = u128::from_le_bytes(bytes.try_into().unwrap());
                assert_eq!(Words::ascii_lowercase(key), lower, "byte {b:#x} at {pos}");
            }
        }
        let key = Words::packed("Licenties").unwrap();
        assert_eq!(
            Words::ascii_lowercase(key),
            Words::packed("licenties").unwrap()
        );
        assert_eq!(Words::unpacked(Words::packed("größe").unwrap()), "größe");
        assert_eq!(
            Words::unpacked(Words::packed(&"x".repeat(16)).unwrap()),
            "x".repeat(16)
        );
    }

    #[test]
    fn small_use_counts_score_as_computed() {
        for uses in (0..300).chain([1000, u32::MAX / 4]) {
            assert_eq!(
                ln_1p_uses(uses).to_bits(),
                (1.0 + f64::from(uses)).ln().to_bits(),
                "{uses}"
            );
        }
    }

    #[test]
    fn every_collector_gets_every_word_a_thread_met_before() {
        // `serve` builds many times in one process: a thread's stem cache from an earlier
        // build must not keep words out of a later build's vocabulary.
        let nl = Analyzer::new("nl");
        let html = "<p>Licenties beheren</p>";
        let vocab = |c: Collector| {
            let mut langs = c.langs.into_inner().unwrap();
            let mut words: Vec<String> = langs.remove("nl").unwrap().vocab.into_keys().collect();
            words.sort();
            words
        };
        let first = Collector::default();
        first.page(&nl, "nl", 0, "Licenties", &[], html);
        let second = Collector::default();
        second.page(&nl, "nl", 0, "Licenties", &[], html);
        assert_eq!(vocab(second), ["beheren", "licenties"]);
        assert_eq!(vocab(first), ["beheren", "licenties"]);
    }

    #[test]
    fn best_postings_are_the_head_of_the_sorted_list() {
        // The definition: the whole list sorted (weight down, then document), cut.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % n) as u32
        };
        for len in [
            0,
            1,
            2,
            MAX_POSTINGS - 1,
            MAX_POSTINGS,
            MAX_POSTINGS + 1,
            1000,
            5000,
        ] {
            for spread in [1, 3, 50, 100_000] {
                let mut docs: Vec<u32> = (0..len as u32).collect();
                for i in (1..docs.len()).rev() {
                    docs.swap(i, next(i as u64 + 1) as usize);
                }
                let list: Vec<(u32, u32)> = docs.into_iter().map(|d| (d, next(spread))).collect();
                let mut want = list.clone();
                want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                want.truncate(MAX_POSTINGS);
                let mut got = list;
                best_postings(&mut got);
                assert_eq!(got, want, "{len} postings, weights below {spread}");
            }
        }
    }

    #[test]
    fn index_shards_hold_words_stems_and_postings() {
        let nl = Analyzer::new("nl");
        let collector = Collector::default();
        let agenda = collector.learn("nl", "agenda", "agenda");
        collector.add("nl", 3, vec![(agenda, 10)]);
        let text = collector.page(
            &nl,
            "nl",
            1,
            "SuperOffice en licenties",
            &["Licentie-informatie"],
            "<p>Het scherm Licenties toont de licentie van de gebruiker.</p>",
        );
        let doc = SearchDoc {
            title: "SuperOffice en licenties".into(),
            url: "nl/a.html".into(),
            crumbs: "Start".into(),
            text,
        };
        let other = SearchDoc {
            title: "Agenda".into(),
            url: "nl/b.html".into(),
            ..SearchDoc::default()
        };
        let sink = MemorySink::default();
        let n = write_index(
            &["nl".to_owned()],
            collector,
            &[(1, "nl", &doc), (3, "nl", &other)],
            &sink,
        )
        .unwrap();
        let files = sink.into_files();
        assert_eq!(n, files.len());
        let li = String::from_utf8(files["_helpgen/search/nl/t-l.js"].clone()).unwrap();
        assert!(li.starts_with("helpgenSearch.t(\"l\","), "{li}");
        let stem = nl.stem("licenties");
        assert!(li.contains(&format!("\"licenties\":\"{stem}\"")), "{li}");
        assert!(li.contains(&format!("\"{stem}\":[0,")), "{li}");
        let d = String::from_utf8(files["_helpgen/search/nl/d-0.js"].clone()).unwrap();
        assert!(d.contains("\"nl/a.html\""));
        assert!(files.contains_key("_helpgen/search/nl/meta.js"));
    }
}
