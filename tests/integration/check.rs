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
