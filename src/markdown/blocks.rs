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

/// Parses the Markdown of `file[range]`.
pub(crate) fn parse<'a>(
    _st: &mut State<'_>,
    file: &'a SourceFile,
    range: Range<usize>,
) -> Vec<Spanned<'a>> {
    super::parse_range(&file.text, range)
}

/// `:::image`, `:::video` and `:::no-loc` inside text.
pub(crate) fn inline<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !src.contains(":::") {
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
                    return Some((end, escape(&text)));
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
    if !known {
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
