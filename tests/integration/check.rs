//! `helpgen check`: a fixture site with a known set of broken references must report
//! exactly that set, at the right lines; external links against a local server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::harness::SiteTest;

/// A tiny HTTP server on 127.0.0.1: `/ok` 200, `/gone` 404, `/flaky` 503, `/slow` answers
/// after 3 s, `/nohead` refuses HEAD. Records the most requests it had in flight at once.
struct Server {
    port: u16,
    max_in_flight: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

fn server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let (inf, max, reqs) = (in_flight.clone(), max_in_flight.clone(), requests.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (inf, max, reqs) = (inf.clone(), max.clone(), reqs.clone());
            std::thread::spawn(move || {
                let now = inf.fetch_add(1, Ordering::SeqCst) + 1;
                max.fetch_max(now, Ordering::SeqCst);
                reqs.fetch_add(1, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) <= 2 {
                        break;
                    }
                }
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or("");
                let path = parts.next().unwrap_or("");
                // Hold each request a little so concurrency is observable.
                std::thread::sleep(Duration::from_millis(60));
                let status = match path {
                    "/gone" => "404 Not Found",
                    "/flaky" => "503 Service Unavailable",
                    "/nohead" if method == "HEAD" => "405 Method Not Allowed",
                    "/slow" => {
                        // The client gives up after its timeout and may reuse the slot;
                        // this request no longer counts as in flight from then on.
                        inf.fetch_sub(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs(3));
                        inf.fetch_add(1, Ordering::SeqCst);
                        "200 OK"
                    }
                    _ => "200 OK",
                };
                // Leave the count before answering: once the answer is out, the client may
                // start its next request to this host.
                inf.fetch_sub(1, Ordering::SeqCst);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    Server {
        port,
        max_in_flight,
        requests,
    }
}

#[test]
fn external_links_are_checked_concurrently_with_a_per_host_limit() {
    let srv = server();
    let base = format!("http://127.0.0.1:{}", srv.port);
    let mut page = String::from("# Links\n\n");
    for i in 0..8 {
        page.push_str(&format!("[ok {i}]({base}/ok?{i})\n"));
    }
    page.push_str(&format!("\n[gone]({base}/gone)\n[gone again]({base}/gone)\n[flaky]({base}/flaky)\n[slow]({base}/slow)\n[nohead]({base}/nohead)\n"));
    let site = SiteTest::from_fixture(&format!("//- content/nl/a.md\n{page}"));
    // Without --external nothing is fetched.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(srv.requests.load(Ordering::SeqCst), 0);

    let run = site.run(&[
        "check",
        "--external",
        "--timeout",
        "1",
        "--max-per-host",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, u64, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "broken-external-link")
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["target"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = vec![
        ("error".to_owned(), 12, format!("{base}/gone")),
        ("error".to_owned(), 13, format!("{base}/gone")),
        ("warning".to_owned(), 14, format!("{base}/flaky")),
        ("warning".to_owned(), 15, format!("{base}/slow")),
    ];
    assert_eq!(found, expected, "{}", run.stdout);
    // The duplicate /gone was fetched once; never more than 2 requests at a time to the host.
    assert!(
        srv.max_in_flight.load(Ordering::SeqCst) <= 2,
        "per-host limit exceeded"
    );
    assert!(
        srv.max_in_flight.load(Ordering::SeqCst) >= 2,
        "requests did not overlap"
    );
}

/// Copies the example site, breaks a known set of references, and expects exactly that
/// set back, each at the line where it is written.
#[test]
fn exactly_the_broken_references_are_reported_at_their_lines() {
    let site = SiteTest::from_fixture("");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_dir(&src, &site.root().join("content"));
    let clean = site.run(&["check", "--format", "json"]);
    assert_eq!(clean.code, 0, "the example site is clean: {}", clean.stdout);

    // (file, text to replace, replacement, expected code, expected target)
    let breaks: [(&str, &str, &str, &str, &str); 7] = [
        (
            "nl/admin/license/index.md",
            "[activate]: activate.md",
            "[activate]: activeer.md",
            "broken-link",
            "activeer.md",
        ),
        (
            "nl/admin/license/activate.md",
            "(index.md#types)",
            "(index.md#typen)",
            "broken-anchor",
            "index.md#typen",
        ),
        (
            "en/admin/license/index.md",
            "media/license-screen.svg",
            "media/license-scren.svg",
            "missing-image",
            "../../../media/license-scren.svg",
        ),
        (
            "nl/admin/license/index.md",
            "(includes/tip-user-licenses.md)",
            "(includes/tip-user-licence.md)",
            "missing-include",
            "includes/tip-user-licence.md",
        ),
        (
            "en/admin/license/index.md",
            "xref:help-en-system-events",
            "xref:help-en-system-event",
            "unknown-xref",
            "xref:help-en-system-event",
        ),
        (
            "nl/admin/license/toc.yml",
            "href: user-plans.md",
            "href: user-plan.md",
            "toc-missing-target",
            "user-plan.md",
        ),
        (
            "en/admin/license/includes/tip-user-licenses.md",
            "(../user-plans.md)",
            "(../user-plans.md#plan)",
            "broken-anchor",
            "../user-plans.md#plan",
        ),
    ];
    let mut expected = Vec::new();
    for (file, from, to, code, target) in breaks {
        let path = site.root().join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        let text = text.replacen(from, to, 1);
        let line = text.lines().position(|l| l.contains(to)).unwrap() + 1;
        std::fs::write(&path, text).unwrap();
        expected.push((
            code.to_owned(),
            file.to_owned(),
            line as u64,
            target.to_owned(),
        ));
    }
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found: Vec<(String, String, u64, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["target"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "{}", run.stdout);
    // The near matches are suggested.
    let suggestion = |code: &str| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["suggestion"].clone())
            .unwrap()
    };
    assert_eq!(suggestion("broken-link"), "nl/admin/license/activate.md");
    assert_eq!(suggestion("missing-image"), "media/license-screen.svg");
    assert_eq!(
        suggestion("toc-missing-target"),
        "nl/admin/license/user-plans.md"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
