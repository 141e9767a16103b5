//! Paths inside the content tree and URLs inside the site, both `/`-separated and
//! relative to their root. Pure string work: nothing here touches the file system.

/// Joins `rel` onto the folder `dir` and resolves `.` and `..`. `None` when the result
/// would climb above the root.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    // Every link of every page comes here: the path is built in place, segment by
    // segment (none is empty or holds a `/`), and `..` cuts the last one off.
    let mut out = String::with_capacity(dir.len() + rel.len() + 1);
    let push = |out: &mut String, seg: &str| {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(seg);
    };
    if !rel.starts_with('/') {
        for seg in dir.split('/').filter(|s| !s.is_empty()) {
            push(&mut out, seg);
        }
    }
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None;
                }
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            s => push(&mut out, s),
        }
    }
    Some(out)
}

/// The relative URL that leads from a page at site URL `from` to site URL `to`.
/// Both are site-relative (`nl/a/b.html`, `nl/a/` for a folder).
pub fn relative_url(from: &str, to: &str) -> String {
    // Every page asks this for each of its navigation links: segments are compared as
    // bytes in place (no vectors, no searcher per segment), and what is left of `to`
    // after the shared folders is copied in one piece.
    let from_dir = match memchr::memrchr(b'/', from.as_bytes()) {
        Some(i) => &from.as_bytes()[..i],
        None => b"",
    };
    let mut from_parts = from_dir.split(|&b| b == b'/').filter(|s| !s.is_empty());
    // The last segment of `to` is a file name (possibly empty for a folder URL); the
    // segments before it are folders.
    let (to_dirs, to_file) = match memchr::memrchr(b'/', to.as_bytes()) {
        Some(i) => (Some(&to[..i]), &to[i + 1..]),
        None => (None, to),
    };
    let mut common = 0;
    // Byte offset in `to_dirs` of the first folder not shared.
    let mut rest = 0;
    if let Some(dirs) = to_dirs {
        for seg in dirs.as_bytes().split(|&b| b == b'/') {
            if from_parts.next() != Some(seg) {
                break;
            }
            common += 1;
            rest += seg.len() + 1;
        }
    }
    let ups = from_dir
        .split(|&b| b == b'/')
        .filter(|s| !s.is_empty())
        .count()
        - common;
    let mut out = String::with_capacity(3 * ups + to.len());
    for _ in 0..ups {
        out.push_str("../");
    }
    // When every folder of `to` is shared, `rest` is one past the end of `to_dirs`.
    if let Some(left) = to_dirs.and_then(|d| d.get(rest..)) {
        out.push_str(left);
        out.push('/');
    }
    out.push_str(to_file);
    if out.is_empty() { "./".to_owned() } else { out }
}

/// The prefix (`../../`) that leads from a page at site URL `from` to the site root.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Splits `target#anchor` (and drops a `?query`) into path and anchor.
pub fn split_anchor(target: &str) -> (&str, Option<&str>) {
    let (path, anchor) = match memchr::memchr(b'#', target.as_bytes()) {
        Some(i) => (&target[..i], Some(&target[i + 1..])),
        None => (target, None),
    };
    let path = match memchr::memchr(b'?', path.as_bytes()) {
        Some(i) => &path[..i],
        None => path,
    };
    (path, anchor)
}

/// True for a link to another web site (`http:`, `https:`, `//host`): the links that get
/// `rel="noopener"`.
pub fn is_web(target: &str) -> bool {
    let t = target.trim_start();
    t.starts_with("//")
        || ["http://", "https://"]
            .iter()
            .any(|s| t.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
}

/// True for `https:`, `mailto:`, `//host` and other links that leave the site.
pub fn is_external(target: &str) -> bool {
    if target.starts_with("//") {
        return true;
    }
    match target.find(':') {
        Some(i) => {
            let scheme = &target[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.eq_ignore_ascii_case("xref")
                && i > 1 // `C:\` is a path, not a scheme
        }
        None => false,
    }
}

/// Decodes `%20` and friends in a link target; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// Escapes the characters a URL in an HTML attribute may not hold raw (spaces, quotes).
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links() {
        for t in ["https://x.y", "HTTP://x", "//cdn.example/a.js"] {
            assert!(is_web(t), "{t}");
        }
        for t in ["mailto:a@b", "a.md", "/x", "xref:a", "ftp://x", "http:/x"] {
            assert!(!is_web(t), "{t}");
        }
    }

    #[test]
    fn join_builds_what_a_list_of_segments_gives() {
        // The definition: segments of `dir`, then those of `rel`, `..` popping one.
        fn listed(dir: &str, rel: &str) -> Option<String> {
            let mut parts: Vec<&str> = if rel.starts_with('/') {
                Vec::new()
            } else {
                dir.split('/').filter(|s| !s.is_empty()).collect()
            };
            for seg in rel.split(['/', '\\']) {
                match seg {
                    "" | "." => {}
                    ".." => {
                        parts.pop()?;
                    }
                    s => parts.push(s),
                }
            }
            Some(parts.join("/"))
        }
        let dirs = [
            "", "/", "nl", "nl/a", "nl//a/", "./x", "a/../b", "a\\b/c", "é/ü",
        ];
        let segments = ["", ".", "..", "/", "\\", "b", "c.md", "é"];
        for dir in dirs {
            for a in segments {
                for b in segments {
                    for c in segments {
                        for rel in [
                            format!("{a}{b}{c}"),
                            format!("{a}/{b}/{c}"),
                            format!("{a}\\{b}/{c}"),
                        ] {
                            assert_eq!(join(dir, &rel), listed(dir, &rel), "{dir:?} + {rel:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn join_resolves_dots_and_refuses_to_climb_out() {
        assert_eq!(
            join("nl/admin/license", "activate.md").as_deref(),
            Some("nl/admin/license/activate.md")
        );
        assert_eq!(
            join("nl/admin/license", "../../learn/x.md").as_deref(),
            Some("nl/learn/x.md")
        );
        assert_eq!(join("nl/a", "./b/../c.md").as_deref(), Some("nl/a/c.md"));
        assert_eq!(join("nl", "../../etc/passwd"), None);
        assert_eq!(join("nl/a", "/media/x.png").as_deref(), Some("media/x.png"));
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("nl/a/b.html", "nl/a/c.html"), "c.html");
        assert_eq!(relative_url("nl/a/b.html", "nl/x/c.html"), "../x/c.html");
        assert_eq!(
            relative_url("nl/a/b.html", "media/i.png"),
            "../../media/i.png"
        );
        assert_eq!(relative_url("nl/a/b/", "nl/a/c/"), "../c/");
        assert_eq!(relative_url("nl/a/b.html", "nl/a/"), "./");
        assert_eq!(relative_url("index.html", "nl/index.html"), "nl/index.html");
        assert_eq!(root_prefix("nl/a/b.html"), "../../");
        assert_eq!(root_prefix("404.html"), "");
    }

    /// The first, vector-based version of `relative_url`, kept as the reference.
    fn relative_url_by_vectors(from: &str, to: &str) -> String {
        let from_dir = from.rfind('/').map_or("", |i| &from[..i]);
        let from_parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let (to_dirs, to_file) = to_parts.split_at(to_parts.len().saturating_sub(1));
        let common = from_parts
            .iter()
            .zip(to_dirs.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from_parts.len() - common);
        for d in &to_dirs[common..] {
            out.push_str(d);
            out.push('/');
        }
        out.push_str(to_file.first().copied().unwrap_or(""));
        if out.is_empty() { "./".to_owned() } else { out }
    }

    #[test]
    fn relative_urls_match_the_reference_on_odd_paths() {
        let paths = [
            "",
            "/",
            "a",
            "a/",
            "/a",
            "a/b",
            "a/b/",
            "a//b",
            "a/b.html",
            "a/b/c.html",
            "x/y/z/",
            "a/c/d.html",
            "index.html",
            "//",
            "a/./b",
            "ü/ä.html",
            "a/ü/",
            "ü//x",
            "a/b/c/d/",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(
                    relative_url(from, to),
                    relative_url_by_vectors(from, to),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn anchors_schemes_and_escapes() {
        assert_eq!(split_anchor("a.md#x"), ("a.md", Some("x")));
        assert_eq!(split_anchor("a.md?v=1#x"), ("a.md", Some("x")));
        assert_eq!(split_anchor("#tab/view"), ("", Some("tab/view")));
        assert!(is_external("https://x.y"));
        assert!(is_external("mailto:a@b"));
        assert!(!is_external("xref:uid"));
        assert!(!is_external("a.md"));
        assert!(!is_external("C:\\x"));
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
        assert_eq!(encode_url("a b.png"), "a%20b.png");
    }
}
