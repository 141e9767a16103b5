//! Output URLs of pages: `nl/a/b.md` → `nl/a/b.html`, or `nl/a/b/` with pretty URLs.

/// The site URL of the page whose source is `rel`.
pub fn page_url(rel: &str, pretty: bool) -> String {
    let stem = match rel.rfind('.') {
        Some(i) if i > rel.rfind('/').map_or(0, |s| s + 1) => &rel[..i],
        _ => rel,
    };
    if !pretty {
        return format!("{stem}.html");
    }
    match stem.strip_suffix("index") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir.to_owned(),
        _ => format!("{stem}/"),
    }
}

/// The file a URL is written to: folder URLs get `index.html`.
pub fn out_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_owned()
    }
}

/// The stub file for an old URL from `redirect_from` (`/nl/old/page` → `nl/old/page.html`),
/// relative to the site root; `None` when it names no file.
pub fn redirect_file(from: &str, base_path: &str) -> Option<String> {
    let from = from.trim();
    let from = from
        .strip_prefix(base_path)
        .or_else(|| from.strip_prefix('/'))
        .unwrap_or(from);
    let from = from.split(['#', '?']).next().unwrap_or("");
    if from.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    if from.is_empty() || from.ends_with('/') {
        return Some(format!("{from}index.html"));
    }
    if from.ends_with(".html") || from.ends_with(".htm") {
        return Some(from.to_owned());
    }
    Some(format!("{from}.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_pretty_urls() {
        assert_eq!(page_url("nl/a/b.md", false), "nl/a/b.html");
        assert_eq!(page_url("nl/a/index.md", false), "nl/a/index.html");
        assert_eq!(page_url("nl/a/index.yml", false), "nl/a/index.html");
        assert_eq!(page_url("nl/a/b.md", true), "nl/a/b/");
        assert_eq!(page_url("nl/a/index.md", true), "nl/a/");
        assert_eq!(page_url("nl/a/reindex.md", true), "nl/a/reindex/");
        assert_eq!(page_url("nl/v1.2/a", false), "nl/v1.2/a.html");
        assert_eq!(out_file("nl/a/"), "nl/a/index.html");
        assert_eq!(out_file("nl/a.html"), "nl/a.html");
    }

    #[test]
    fn redirect_files() {
        assert_eq!(
            redirect_file("/nl/admin/old/index", "/").as_deref(),
            Some("nl/admin/old/index.html")
        );
        assert_eq!(
            redirect_file("/help/nl/x", "/help/").as_deref(),
            Some("nl/x.html")
        );
        assert_eq!(
            redirect_file("/nl/x/", "/").as_deref(),
            Some("nl/x/index.html")
        );
        assert_eq!(
            redirect_file("/nl/x.html", "/").as_deref(),
            Some("nl/x.html")
        );
        assert_eq!(redirect_file("/../../etc/passwd", "/"), None);
    }
}
