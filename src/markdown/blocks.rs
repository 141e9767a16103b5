//! Triple-colon extensions: `:::image …:::` (inline and the `type="complex"` block),
//! `:::video …:::`, `:::no-loc text="…":::`, and the containers `:::zone`, `:::moniker`,
//! `:::row:::`/`:::column:::` whose content is Markdown.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::html::escape;
use super::runs::{self, Spanned};
use super::{LinkStyle, State};
use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// `name="value"` attributes after a triple-colon name, DocFX's way: names are
/// identifiers, values in double quotes, no duplicates. `Err` holds the complaint.
pub fn attributes(s: &str, self_closing: bool) -> Result<(Vec<(String, String)>, usize), String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out: Vec<(String, String)> = Vec::new();
    loop {
        while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
            i += 1;
        }
        if i >= b.len() {
            return Ok((out, i));
        }
        if self_closing && s[i..].starts_with(":::") {
            return Ok((out, i + 3));
        }
        let start = i;
        if !b[i].is_ascii_alphabetic() {
            return Err("invalid attribute".into());
        }
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        if out.iter().any(|(n, _)| *n == name) {
            return Err(format!("attribute `{name}` is written twice"));
        }
        while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
                i += 1;
            }
            if b.get(i) != Some(&b'"') {
                return Err(format!("the value of `{name}` must be in double quotes"));
            }
            let close = s[i + 1..]
                .find('"')
                .ok_or_else(|| format!("the value of `{name}` has no closing quote"))?;
            value = s[i + 1..i + 1 + close].to_owned();
            i += close + 2;
        }
        out.push((name, value));
    }
}

/// A triple-colon container opened on a line.
enum Opener {
    Zone(String),
    Moniker {
        colons: usize,
        range: String,
    },
    Row {
        colons: usize,
    },
    Column {
        colons: usize,
        span: String,
    },
    /// A self-contained block (a form), already rendered.
    Done(String),
    /// `:::image type="complex" …:::` up to `:::image-end:::`.
    Image(Vec<(String, String)>),
}

/// Parses the Markdown of `file[range]`, with triple-colon containers (`:::zone`,
/// `:::moniker`, `:::row:::`, `:::column:::`) and block forms (`::: form`, complex
/// `:::image`) cut out and their content parsed on its own.
pub(crate) fn parse<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    range: Range<usize>,
) -> Vec<Spanned<'a>> {
    containers(st, file, range, 0, true)
}

fn containers<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    range: Range<usize>,
    depth: usize,
    top: bool,
) -> Vec<Spanned<'a>> {
    containers_in(st, file, range, depth, top, false)
}

fn containers_in<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    range: Range<usize>,
    depth: usize,
    top: bool,
    in_zone: bool,
) -> Vec<Spanned<'a>> {
    let text: &'a str = &file.text;
    let Some(body) = text.get(range.clone()) else {
        return Vec::new();
    };
    if !super::runs::contains(body, ":::") || depth > 16 {
        return super::parse_range(text, range);
    }
    let mut out = Vec::new();
    let mut seg = range.start;
    let mut pos = range.start;
    let mut fence: Option<(char, usize)> = None;
    while pos < range.end {
        let line_end = text[pos..range.end]
            .find('\n')
            .map_or(range.end, |i| pos + i + 1);
        let line = &text[pos..line_end];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        // Fenced code hides triple colons.
        if let Some(f) = fence_marker(trimmed) {
            match fence {
                None if indent <= 3 => fence = Some(f),
                Some((c, n))
                    if f.0 == c && f.1 >= n && trimmed.trim_end().chars().all(|x| x == c) =>
                {
                    fence = None
                }
                _ => {}
            }
        }
        let opener = if fence.is_none() {
            open(st, file, pos, line, indent)
        } else {
            None
        };
        let opener = match opener {
            Some(Opener::Zone(_)) if in_zone => {
                st.diagnostics.push(Diagnostic::warning(
                    "invalid-zone",
                    &file.rel,
                    file.line_col(pos),
                    "zones cannot be nested",
                ));
                None
            }
            o => o,
        };
        let Some(opener) = opener else {
            pos = line_end;
            continue;
        };
        out.extend(super::parse_range(text, seg..pos));
        let at = pos;
        if let Opener::Done(html) = opener {
            out.extend(super::block_html(html, at));
            pos = line_end;
            seg = pos;
            continue;
        }
        if let Opener::Image(attrs) = &opener {
            let (content_end, after, _) = find_end(text, line_end, range.end, &opener);
            let body = text[line_end..content_end].trim_end_matches('\n');
            let html = complex_image(st, file, at, attrs, body);
            out.extend(super::block_html(html, at));
            pos = after;
            seg = pos;
            continue;
        }
        let (content_end, after, closed) = find_end(text, line_end, range.end, &opener);
        let info = super::source_attrs(st, file, at);
        let (open_html, close_html, dedent) = match &opener {
            Opener::Zone(attrs) => (format!("<div{attrs}{info}>\n"), "</div>\n", false),
            Opener::Moniker { range, .. } => (
                format!("<div range=\"{}\"{info}>\n", escape(range)),
                "</div>\n",
                false,
            ),
            Opener::Row { .. } => (
                format!("<section class=\"row\"{info}>\n"),
                "</section>\n",
                true,
            ),
            Opener::Column { span, .. } => {
                let class = if span == "1" {
                    "column".to_owned()
                } else {
                    format!("column span{span}")
                };
                (
                    format!("<div class=\"{}\"{info}>\n", escape(&class)),
                    "</div>\n",
                    true,
                )
            }
            Opener::Done(_) | Opener::Image(_) => (String::new(), "", false),
        };
        if !closed && top {
            let (code, what) = match opener {
                Opener::Zone(_) => ("invalid-zone", "zone"),
                Opener::Moniker { .. } => ("invalid-moniker-range", "moniker"),
                Opener::Row { .. } => ("invalid-row", "row"),
                _ => ("invalid-nested-column", "column"),
            };
            st.diagnostics.push(Diagnostic::warning(
                code,
                &file.rel,
                file.line_col(at),
                format!("no `::: {what}-end` closes this {what}; it runs to the end of the page"),
            ));
        }
        out.extend(super::block_html(open_html, at));
        if dedent {
            out.extend(dedented(st, file, line_end..content_end, depth + 1));
        } else {
            let zone = in_zone || matches!(opener, Opener::Zone(_));
            out.extend(containers_in(
                st,
                file,
                line_end..content_end,
                depth + 1,
                false,
                zone,
            ));
        }
        out.extend(super::block_html(close_html.to_owned(), content_end));
        pos = after;
        seg = pos;
    }
    out.extend(super::parse_range(text, seg..range.end));
    out
}

/// `(char, length)` of a code fence opening or closing the line, if it is one.
fn fence_marker(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// The content end, the offset after the closing line, and whether one was found.
fn find_end(text: &str, from: usize, to: usize, opener: &Opener) -> (usize, usize, bool) {
    let mut pos = from;
    while pos < to {
        let line_end = text[pos..to].find('\n').map_or(to, |i| pos + i + 1);
        let t = text[pos..line_end].trim();
        let closes = match opener {
            Opener::Zone(_) => end_marker(t, 3, "zone-end"),
            Opener::Moniker { colons, .. } => end_marker(t, *colons, "moniker-end"),
            Opener::Row { colons } => end_marker(t, *colons, "row-end:::"),
            Opener::Column { colons, .. } => end_marker(t, *colons, "column-end:::"),
            Opener::Image(_) => end_marker(t, 3, "image-end:::"),
            Opener::Done(_) => false,
        };
        if closes {
            return (pos, line_end, true);
        }
        pos = line_end;
    }
    (to, to, false)
}

/// Whether a trimmed line is at least `colons` colons, spaces and `word`.
fn end_marker(t: &str, colons: usize, word: &str) -> bool {
    let n = t.chars().take_while(|c| *c == ':').count();
    if n < colons {
        return false;
    }
    let rest = t[n..].trim_start();
    runs::starts_with_ci(rest, word)
        && (word.ends_with(":::")
            || rest[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric()))
}

/// Reads a triple-colon opening line.
fn open(
    st: &mut State<'_>,
    file: &SourceFile,
    at: usize,
    line: &str,
    indent: usize,
) -> Option<Opener> {
    let t = line.trim();
    if !t.starts_with(":::") {
        return None;
    }
    let colons = t.chars().take_while(|c| *c == ':').count();
    let rest = t[colons..].trim_start();
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    let attrs_text = &rest[name_len..];
    let pos = file.line_col(at);
    let warn = |st: &mut State<'_>, code: &'static str, m: String| {
        st.diagnostics
            .push(Diagnostic::warning(code, &file.rel, pos, m));
    };
    if name == "column" && attrs_text.trim_end().ends_with(":::") {
        let inner = attrs_text.trim().trim_end_matches(':').trim();
        let span = match inner.strip_prefix("span=\"") {
            Some(v) => v.strip_suffix('"')?.to_owned(),
            None if inner.is_empty() => "1".to_owned(),
            None => return None,
        };
        return Some(Opener::Column { colons, span });
    }
    if indent > 3 {
        return None;
    }
    match name.as_str() {
        "row" if colons >= 3 && attrs_text.trim() == ":::" => Some(Opener::Row { colons }),
        "image" if colons == 3 => {
            let (a, used) = attributes(attrs_text, true).ok()?;
            let complex = a.iter().any(|(n, v)| n == "type" && v == "complex");
            (complex && attrs_text[..used].ends_with(":::") && attrs_text[used..].trim().is_empty())
                .then_some(Opener::Image(a))
        }
        "moniker" => {
            let r = attrs_text.trim_start();
            let v = r
                .strip_prefix("range=\"")
                .or_else(|| runs::starts_with_ci(r, "range=\"").then(|| &r[7..]))?;
            let Some(close) = v.find('"') else {
                warn(
                    st,
                    "invalid-moniker-range",
                    "the moniker range has no closing quote".into(),
                );
                return None;
            };
            if !v[close + 1..].trim().is_empty() {
                warn(
                    st,
                    "invalid-moniker-range",
                    "text after the moniker range".into(),
                );
            }
            Some(Opener::Moniker {
                colons,
                range: v[..close].to_owned(),
            })
        }
        "zone" if colons == 3 => match attributes(attrs_text, false).and_then(|(a, _)| zone(&a)) {
            Ok(attrs) => Some(Opener::Zone(attrs)),
            Err(e) => {
                warn(st, "invalid-zone", e);
                None
            }
        },
        "form" if colons == 3 => match attributes(attrs_text, true) {
            Ok((a, used)) if attrs_text[used..].trim().is_empty() => match form(&a) {
                Ok(html) => Some(Opener::Done(html)),
                Err(e) => {
                    warn(st, "invalid-form", e);
                    None
                }
            },
            Ok(_) => None,
            Err(e) => {
                warn(st, "invalid-form", e);
                None
            }
        },
        _ => None,
    }
}

/// A complex image: the image with its long description (written as is) in a visually
/// hidden block, as DocFX renders it.
fn complex_image(
    st: &mut State<'_>,
    file: &SourceFile,
    at: usize,
    attrs: &[(String, String)],
    body: &str,
) -> String {
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let id = format!("{}-0", file.line_col(at).0.saturating_sub(1));
    let border = !get("border").is_some_and(|b| b.eq_ignore_ascii_case("false"));
    let mut h = String::from(if border {
        "<p class=\"mx-imgBorder\">\n"
    } else {
        "<p>\n"
    });
    let lightbox = get("lightbox").filter(|l| !l.is_empty());
    if let Some(l) = lightbox {
        let href = link(st, file, at, l);
        h.push_str(&format!(
            "<a href=\"{}#lightbox\" data-linktype=\"relative-path\">\n",
            escape(&href)
        ));
    }
    let src = link(st, file, at, get("source").unwrap_or(""));
    h.push_str(&format!(
        "<img src=\"{}\" alt=\"{}\" aria-describedby=\"{id}\">\n<div id=\"{id}\" class=\"visually-hidden\"><p>\n{body}</p></div>\n",
        escape(&src),
        escape(get("alt-text").unwrap_or("")),
    ));
    if lightbox.is_some() {
        h.push_str("</a>\n");
    }
    h.push_str("</p>\n");
    h
}

/// The attributes of a zone's `<div>`, or why the zone is invalid.
fn zone(attrs: &[(String, String)]) -> Result<String, String> {
    let (mut target, mut pivot) = (String::new(), String::new());
    for (n, v) in attrs {
        match n.as_str() {
            "target" if ["docs", "chromeless", "pdf"].contains(&v.as_str()) => target = v.clone(),
            "target" => return Err(format!("zone target `{v}` is not docs, chromeless or pdf")),
            "pivot" => {
                let ok = !v.trim().is_empty()
                    && v.split(',').all(|p| {
                        let p = p.trim();
                        !p.is_empty()
                            && p.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    });
                if !ok {
                    return Err(format!(
                        "zone pivot `{v}` is not a comma-separated list of lower-case names"
                    ));
                }
                pivot = v.clone();
            }
            other => return Err(format!("unexpected attribute `{other}` on a zone")),
        }
    }
    if target.is_empty() && pivot.is_empty() {
        return Err("a zone needs a target or a pivot".into());
    }
    if target == "pdf" && !pivot.is_empty() {
        return Err("a pdf zone takes no pivot".into());
    }
    let mut class = String::from("zone");
    let mut data = String::new();
    if !target.is_empty() {
        class.push_str(" has-target");
        data.push_str(&format!(" data-target=\"{}\"", escape(&target)));
    }
    if !pivot.is_empty() {
        class.push_str(" has-pivot");
        let p: Vec<&str> = pivot.split(',').map(str::trim).collect();
        data.push_str(&format!(" data-pivot=\"{}\"", escape(&p.join(" "))));
    }
    Ok(format!(" class=\"{class}\"{data}"))
}

/// DocFX's chromeless form.
fn form(attrs: &[(String, String)]) -> Result<String, String> {
    let (mut model, mut action, mut submit) = (String::new(), String::new(), String::new());
    for (n, v) in attrs {
        match n.as_str() {
            "model" => model = v.clone(),
            "action" => action = v.clone(),
            "submittext" => submit = v.clone(),
            other => return Err(format!("unexpected attribute `{other}` on a form")),
        }
    }
    if action.is_empty() {
        return Err("a form needs an action".into());
    }
    if submit.is_empty() {
        return Err("a form needs a submitText".into());
    }
    let mut h = String::from("<form class=\"chromeless-form\"");
    if !model.is_empty() {
        h.push_str(&format!(" data-model=\"{}\"", escape(&model)));
    }
    h.push_str(&format!(
        " data-action=\"{}\">\n<div></div>\n<button class=\"button is-primary\" disabled=\"disabled\" type=\"submit\">{}</button>\n</form>\n",
        escape(&action),
        escape(&submit)
    ));
    Ok(h)
}

/// Parses `file[range]` with the common indentation of its lines removed (a row's and a
/// column's content are not code blocks however far they are indented); event offsets
/// still point into the file.
fn dedented<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    range: Range<usize>,
    depth: usize,
) -> Vec<Spanned<'a>> {
    let text: &str = &file.text;
    let Some(body) = text.get(range.clone()) else {
        return Vec::new();
    };
    let common = body
        .split_inclusive('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return containers(st, file, range, depth, false);
    }
    // Lines of the dedented copy: (start in copy, start in file, bytes removed).
    // The copy keeps the text before the range, so lines and offsets before it match.
    let mut map = vec![(0, 0, 0)];
    let mut copy = String::with_capacity(range.end);
    copy.push_str(&text[..range.start]);
    let mut pos = range.start;
    for line in body.split_inclusive('\n') {
        let cut = (line.len() - line.trim_start_matches([' ', '\t']).len()).min(common);
        map.push((copy.len(), pos, cut));
        copy.push_str(&line[cut..]);
        pos += line.len();
    }
    let to_file = |x: usize| {
        let i = map.partition_point(|(s, _, _)| *s <= x).saturating_sub(1);
        map.get(i)
            .map_or(range.start, |(s, f, cut)| f + cut + (x - s))
    };
    let owned = SourceFile::new(file.rel.clone(), copy.as_str());
    let events = containers(st, &owned, range.start..copy.len(), depth, false);
    events
        .into_iter()
        .map(|(e, r)| (e.into_static(), to_file(r.start)..to_file(r.end)))
        .collect()
}

/// `:::image`, `:::video` and `:::no-loc` inside text.
pub(crate) fn inline<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !runs::contains(src, ":::") {
        return events;
    }
    runs::map_runs(events, |_, start, inner, end, out| {
        let mut cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)> = Vec::new();
        let mut after = 0;
        for (e, r) in &inner {
            let Event::Text(t) = e else { continue };
            if !runs::verbatim(src, t, r) {
                continue;
            }
            for (j, _) in t.match_indices(":::") {
                let at = r.start + j;
                if at < after || runs::escaped(src, at) {
                    continue;
                }
                if let Some((end, html)) = colon_inline(st, file, at) {
                    after = end;
                    cuts.push((
                        at..end,
                        vec![(Event::InlineHtml(CowStr::from(html)), at..end)],
                    ));
                }
            }
        }
        let inner = runs::splice(inner, src, cuts);
        out.extend(start);
        out.extend(inner);
        out.extend(end);
    })
}

/// One inline triple-colon element at `at`: its end and HTML.
fn colon_inline(st: &mut State<'_>, file: &SourceFile, at: usize) -> Option<(usize, String)> {
    let src: &str = &file.text;
    let rest = src.get(at + 3..)?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let name_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(line.len());
    let name = &line[..name_len];
    let warn = |st: &mut State<'_>, code: &'static str, message: String| {
        st.diagnostics.push(Diagnostic::warning(
            code,
            &file.rel,
            file.line_col(at),
            message,
        ));
    };
    match name {
        "no-loc" => {
            let body = line[name_len..].strip_prefix(" text=\"")?;
            let mut text = String::new();
            let mut escaped = false;
            for (i, c) in body.char_indices() {
                if c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == '"' && !escaped {
                    let tail = &body[i + 1..];
                    if !tail.starts_with(":::") {
                        return None;
                    }
                    let end = at + 3 + name_len + 7 + i + 1 + 3;
                    let text = text
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    return Some((end, text));
                }
                text.push(c);
                escaped = false;
            }
            None
        }
        "image" | "video" => {
            let (attrs, used) = match attributes(&line[name_len..], true) {
                Ok(a) => a,
                Err(e) => {
                    warn(
                        st,
                        if name == "image" {
                            "invalid-image"
                        } else {
                            "invalid-video"
                        },
                        e,
                    );
                    return None;
                }
            };
            if !line[name_len..name_len + used].ends_with(":::") {
                return None;
            }
            let end = at + 3 + name_len + used;
            let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            if name == "image" {
                if get("type") == Some("complex") {
                    return None;
                }
                image(st, file, at, &attrs, &get).map(|h| (end, h))
            } else {
                video(st, file, at, &attrs, &get).map(|h| (end, h))
            }
        }
        _ => None,
    }
}

/// `:::image` as DocFX renders it inline.
fn image<'g>(
    st: &mut State<'_>,
    file: &SourceFile,
    at: usize,
    attrs: &[(String, String)],
    get: &dyn Fn(&str) -> Option<&'g str>,
) -> Option<String> {
    let pos = file.line_col(at);
    let bad = |st: &mut State<'_>, m: String| {
        st.diagnostics
            .push(Diagnostic::warning("invalid-image", &file.rel, pos, m));
    };
    for (n, _) in attrs {
        if ![
            "alt-text",
            "type",
            "loc-scope",
            "source",
            "border",
            "lightbox",
            "link",
        ]
        .contains(&n.as_str())
        {
            bad(st, format!("unexpected attribute `{n}` on :::image"));
            return None;
        }
    }
    let kind = get("type").filter(|t| !t.is_empty()).unwrap_or("content");
    let src = get("source").unwrap_or("");
    let alt = get("alt-text").unwrap_or("");
    let mut ok = true;
    if src.is_empty() {
        bad(st, ":::image needs a source attribute".into());
        ok = false;
    }
    if alt.is_empty() && kind != "icon" {
        bad(st, ":::image needs an alt-text attribute".into());
        ok = false;
    }
    if !ok {
        // DocFX checks the attributes twice and warns each time.
        if src.is_empty() {
            bad(st, ":::image needs a source attribute".into());
        } else {
            bad(st, ":::image needs an alt-text attribute".into());
        }
        return None;
    }
    let url = |st: &mut State<'_>, u: &str| link(st, file, at, u);
    let border = match get("border") {
        Some(b) if b.eq_ignore_ascii_case("true") => true,
        Some(b) if b.eq_ignore_ascii_case("false") => false,
        _ => kind != "icon",
    };
    let mut h = String::new();
    if border {
        h.push_str("<span class=\"mx-imgBorder\">\n");
    }
    let link_to = get("link").filter(|l| !l.is_empty());
    let lightbox = get("lightbox").filter(|l| !l.is_empty());
    if let Some(l) = link_to {
        h.push_str(&format!("<a href=\"{}\">\n", escape(&url(st, l))));
    } else if let Some(l) = lightbox {
        h.push_str(&format!(
            "<a href=\"{}#lightbox\" data-linktype=\"relative-path\">\n",
            escape(&url(st, l))
        ));
    }
    h.push_str(&format!("<img src=\"{}\"", escape(&url(st, src))));
    if kind == "icon" {
        h.push_str(" role=\"presentation\"");
    } else {
        h.push_str(&format!(" alt=\"{}\"", escape(alt)));
    }
    h.push_str(">\n");
    if link_to.is_some() || lightbox.is_some() {
        h.push_str("</a>\n");
    }
    if border {
        h.push_str("</span>\n");
    }
    Some(h)
}

/// A URL written in a triple-colon attribute: rewritten and recorded like an image.
fn link(st: &mut State<'_>, file: &SourceFile, at: usize, url: &str) -> String {
    match st.opts.links {
        LinkStyle::Site => {
            let (target, href) = super::links::resolve(st.ctx, file.dir(), url);
            let pos = file.line_col(at);
            st.links.push(super::Link {
                file: file.rel.clone(),
                line: pos.0,
                column: pos.1,
                raw: url.to_owned(),
                kind: super::LinkKind::Image,
                target,
            });
            href.unwrap_or_else(|| url.to_owned())
        }
        LinkStyle::RebaseIncludes if st.in_include() => {
            super::links::rebased(file.dir(), url).unwrap_or_else(|| url.to_owned())
        }
        _ => url.to_owned(),
    }
}

/// `:::video` as DocFX renders it.
fn video<'g>(
    st: &mut State<'_>,
    file: &SourceFile,
    at: usize,
    attrs: &[(String, String)],
    get: &dyn Fn(&str) -> Option<&'g str>,
) -> Option<String> {
    let pos = file.line_col(at);
    let bad = |st: &mut State<'_>, m: String| {
        st.diagnostics
            .push(Diagnostic::warning("invalid-video", &file.rel, pos, m));
    };
    for (n, _) in attrs {
        if ![
            "source",
            "title",
            "max-width",
            "thumbnail",
            "upload-date",
            "duration",
        ]
        .contains(&n.as_str())
        {
            bad(st, format!("unexpected attribute `{n}` on :::video"));
            bad(st, format!("unexpected attribute `{n}` on :::video"));
            return None;
        }
    }
    let source = get("source").unwrap_or("");
    if source.is_empty() {
        bad(st, ":::video needs a source attribute".into());
        bad(st, ":::video needs a source attribute".into());
        return None;
    }
    let max_width = get("max-width").filter(|w| !w.is_empty());
    if let Some(w) = max_width
        && w.parse::<u32>().is_err()
    {
        bad(st, format!("max-width `{w}` is not a number of pixels"));
        bad(st, format!("max-width `{w}` is not a number of pixels"));
        return None;
    }
    let (url, known) = video_url(source);
    let lower = source.to_ascii_lowercase();
    if lower.contains("channel9.msdn.com") && !lower.contains("/player") {
        bad(
            st,
            format!("Channel 9 video `{source}` does not end in /player"),
        );
        bad(
            st,
            format!("Channel 9 video `{source}` does not end in /player"),
        );
    } else if !known {
        bad(
            st,
            format!("video host of `{source}` is not YouTube, Channel 9 or Microsoft"),
        );
        bad(
            st,
            format!("video host of `{source}` is not YouTube, Channel 9 or Microsoft"),
        );
    }
    let mut h = format!(
        "<div class=\"embeddedvideo\">\n<iframe src=\"{}\" allowFullScreen=\"true\" frameBorder=\"0\"",
        escape(&url)
    );
    for key in ["title"] {
        if let Some(v) = get(key) {
            h.push_str(&format!(" {key}=\"{}\"", escape(v)));
        }
    }
    if let Some(w) = max_width {
        h.push_str(&format!(" style=\"max-width:{w}px;\""));
    }
    for key in ["thumbnail", "upload-date"] {
        if let Some(v) = get(key) {
            h.push_str(&format!(" {key}=\"{}\"", escape(v)));
        }
    }
    h.push_str("></iframe>\n</div>");
    Some(h)
}

/// DocFX's `:::video` URL rules: YouTube moves to its no-cookie host with `rel=0` unless
/// set, Channel 9 gets `nocookie=true`; the second value tells whether the host is one
/// DocFX accepts.
fn video_url(source: &str) -> (String, bool) {
    let lower = source.to_ascii_lowercase();
    if lower.contains("youtube.com") {
        let mut u = source.replacen("www.youtube.com", "www.youtube-nocookie.com", 1);
        if !u.contains("rel=") {
            u.push_str(if u.contains('?') { "&rel=0" } else { "?rel=0" });
        }
        return (u, true);
    }
    if lower.contains("channel9.msdn.com") {
        let u = if source.contains('?') {
            format!("{source}&nocookie=true")
        } else {
            format!("{source}?nocookie=true")
        };
        return (u, true);
    }
    (
        source.to_owned(),
        lower.contains("microsoft.com/") && lower.contains("videoplayer"),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn attribute_grammar() {
        let (a, n) = attributes(" a=\"1\" b-c = \"x y\":::rest", true).unwrap();
        assert_eq!(a, [("a".into(), "1".into()), ("b-c".into(), "x y".into())]);
        assert_eq!(n, 21);
        assert!(attributes(" a=1", false).is_err());
        assert!(attributes(" a=\"1\" a=\"2\"", false).is_err());
    }

    #[test]
    fn inline_image_and_noloc() {
        let r = render_page(
            &Files::default(),
            "Klik :::image type=\"icon\" source=\"../media/x.png\"::: en :::no-loc text=\"Find\":::.\n",
        );
        assert!(
            r.html
                .contains("Klik <img src=\"../media/x.png\" role=\"presentation\">\n en Find."),
            "{}",
            r.html
        );
    }
}
