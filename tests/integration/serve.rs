//! `helpgen serve` with the real binary on a fixture site: what a writer's editor does to
//! the files (plain saves, atomic saves through a temp file, swap and backup files, a file
//! saved half-written, renames, deletes, include, toc and template edits) must each end in
//! the right pages being served, errors shown and cleared, and the server still running.

use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::SiteTest;

/// A running `helpgen serve`, killed on drop.
struct Server {
    child: Mutex<Child>,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_helpgen"))
            .args(["serve", "--port", "0"])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream)
                    .lines()
                    .map_while(Result::ok)
                {
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let mut server = Server {
            child: Mutex::new(child),
            addr: String::new(),
            log,
        };
        let addr = server.wait_for("the server to start", || {
            let log = server.log();
            let at = log.find("at http://")?;
            let rest = &log[at + "at http://".len()..];
            Some(rest[..rest.find('/')?].to_owned())
        });
        server.addr = addr;
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Polls `f` until it gives a value; fails after 15 s with the server's log.
    fn wait_for<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            if let Ok(Some(status)) = self.child.lock().unwrap().try_wait() {
                panic!(
                    "serve exited ({status}) waiting for {what}:\n{}",
                    self.log()
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "timed out waiting for {what}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET path`: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_owned());
        (status, body)
    }

    /// Waits until `path` is served with `status` and a body containing `text`.
    fn wait_page(&self, path: &str, status: u16, text: &str) {
        let what = format!("{path} to be {status} with {text:?}");
        self.wait_for(&what, || {
            let (s, body) = self.get(path);
            (s == status && body.contains(text)).then_some(())
        });
    }

    /// Waits until the errors of the last rebuild mention `text`.
    fn wait_error(&self, text: &str) {
        self.wait_for(&format!("an error with {text:?}"), || {
            self.errors().contains(text).then_some(())
        });
    }

    /// The browser's view of the last rebuild: `/__helpgen/poll?v=0` answers at once.
    fn errors(&self) -> String {
        let (_, body) = self.get("/__helpgen/poll?v=0");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        json["errors"].to_string()
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const PAGE: &str = "---\ntitle: Pagina\n---\n\nTekst een.\n\n[!include[deel](includes/part.md)]\n";

#[test]
fn serve_survives_what_editors_do_to_files() {
    let site = SiteTest::from_fixture(
        "//- content/nl/index.md\n# Start\n\n[Pagina](page.md) en [Ander](other.md).\n\
         //- content/nl/other.md\n# Ander\n\n[!include[deel](includes/part.md)]\n\
         //- content/nl/includes/part.md\nDeel een.\n\
         //- content/nl/toc.yml\n- name: Start\n  href: index.md\n- name: Pagina\n  href: page.md\n- name: Ander\n  href: other.md\n\
         //- templates/404.html\n<!doctype html><html><head><title>Weg</title></head><body><p>Weg een</p></body></html>\n",
    );
    let root = site.root();
    write(root, "content/nl/page.md", PAGE);
    let server = Server::start(root);
    server.wait_page("/nl/page.html", 200, "Tekst een.");
    assert!(server.get("/nl/page.html").1.contains("Deel een."));
    assert!(
        server
            .get("/nl/page.html")
            .1
            .contains("/__helpgen/livereload.js")
    );

    // A plain save re-renders that one page.
    write(
        root,
        "content/nl/page.md",
        &PAGE.replace("een.\n\n[!", "twee.\n\n[!"),
    );
    server.wait_page("/nl/page.html", 200, "Tekst twee.");
    assert!(
        server.log().contains("rebuilt nl/page.md (1 page)"),
        "{}",
        server.log()
    );

    // Swap, backup and lock files come and go without a rebuild.
    let before = server.log().matches("rebuilt").count();
    for scratch in ["nl/.page.md.swp", "nl/page.md~", "nl/4913", "nl/#page.md#"] {
        write(root, &format!("content/{scratch}"), "x");
        std::fs::remove_file(root.join("content").join(scratch)).unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.log().matches("rebuilt").count(),
        before,
        "{}",
        server.log()
    );

    // An atomic save: written to a temp file, renamed over the page.
    write(
        root,
        "content/nl/.page.md.tmp42",
        &PAGE.replace("een.\n\n[!", "drie.\n\n[!"),
    );
    std::fs::rename(
        root.join("content/nl/.page.md.tmp42"),
        root.join("content/nl/page.md"),
    )
    .unwrap();
    server.wait_page("/nl/page.html", 200, "Tekst drie.");

    // A file caught half-written, cut inside a character: an error in the browser's
    // overlay, the rest of the site still served.
    let mut cut = PAGE.replace("een.", "é.").into_bytes();
    cut.truncate(PAGE.find("een.").unwrap() + 1);
    std::fs::write(root.join("content/nl/page.md"), cut).unwrap();
    server.wait_error("unreadable-file");
    assert_eq!(server.get("/nl/index.html").0, 200);
    // Saved with broken front matter: another error; the complete save clears them.
    write(
        root,
        "content/nl/page.md",
        "---\ntitle: [Pagi\n---\n\nTekst.\n",
    );
    server.wait_error("front-matter");
    assert_eq!(server.get("/nl/index.html").0, 200);
    write(
        root,
        "content/nl/page.md",
        &PAGE.replace("een.\n\n[!", "vier.\n\n[!"),
    );
    server.wait_page("/nl/page.html", 200, "Tekst vier.");
    server.wait_for("the error to clear", || {
        (server.errors() == "[]").then_some(())
    });

    // An include re-renders every page that includes it.
    write(root, "content/nl/includes/part.md", "Deel twee.\n");
    server.wait_page("/nl/page.html", 200, "Deel twee.");
    server.wait_page("/nl/other.html", 200, "Deel twee.");
    assert!(server.log().contains("(2 pages)"), "{}", server.log());

    // A rename is a new page and a gone one; the link to the old name is now broken.
    std::fs::rename(
        root.join("content/nl/other.md"),
        root.join("content/nl/renamed.md"),
    )
    .unwrap();
    server.wait_page("/nl/renamed.html", 200, "Ander");
    server.wait_page("/nl/other.html", 404, "");
    server.wait_error("other.md");

    // A deleted page is gone from the output.
    std::fs::remove_file(root.join("content/nl/renamed.md")).unwrap();
    server.wait_page("/nl/renamed.html", 404, "");

    // A toc edit changes the sidebar of the pages it lists.
    write(
        root,
        "content/nl/toc.yml",
        "- name: Start\n  href: index.md\n- name: Pagina hernoemd\n  href: page.md\n",
    );
    server.wait_page("/nl/index.html", 200, "Pagina hernoemd");

    // A template edit rebuilds everything.
    write(
        root,
        "templates/404.html",
        "<!doctype html><html><head><title>Weg</title></head><body><p>Weg twee</p></body></html>\n",
    );
    server.wait_page("/404.html", 200, "Weg twee");
    assert!(
        server
            .log()
            .contains("rebuilt everything (templates or locales changed)"),
        "{}",
        server.log()
    );

    // Through all of it the server kept running.
    assert!(server.child.lock().unwrap().try_wait().unwrap().is_none());
    assert!(!server.log().contains("panicked"), "{}", server.log());
}
