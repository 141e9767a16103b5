//! External links (`check --external`): every distinct http(s) URL is fetched once,
//! concurrently, with a timeout and a limit on requests in flight per host, so a site
//! with 500 links to one host does not hammer it. Everything else is left to `check`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How external links are fetched.
#[derive(Debug, Clone)]
pub struct Options {
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Requests in flight at once, over all hosts.
    pub workers: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            timeout: Duration::from_secs(10),
            workers: 16,
            per_host: 2,
        }
    }
}

/// What fetching one URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx or 3xx answer (redirects are followed).
    Ok(u16),
    /// A 4xx or 5xx answer.
    Status(u16),
    /// No answer: timeout, refused connection, bad TLS, unknown host.
    Failed(String),
}

/// The host part of an http(s) URL, lower-cased (`https://A.b:8080/x` → `a.b:8080`).
pub fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit('@').next().unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

struct Queue {
    pending: BTreeMap<String, VecDeque<String>>,
    in_flight: HashMap<String, usize>,
    results: BTreeMap<String, Outcome>,
    remaining: usize,
}

/// Fetches every URL (duplicates once) and returns the outcome per URL.
pub fn check(urls: impl IntoIterator<Item = String>, opts: &Options) -> BTreeMap<String, Outcome> {
    let mut pending: BTreeMap<String, VecDeque<String>> = BTreeMap::new();
    let mut results = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for url in urls {
        if !seen.insert(url.clone()) {
            continue;
        }
        match host(&url) {
            Some(h) => pending.entry(h).or_default().push_back(url),
            None => {
                results.insert(url, Outcome::Failed("not an http(s) URL".to_owned()));
            }
        }
    }
    let remaining = pending.values().map(VecDeque::len).sum();
    let queue = Mutex::new(Queue {
        pending,
        in_flight: HashMap::new(),
        results,
        remaining,
    });
    let wake = Condvar::new();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("helpgen-linkcheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let workers = opts.workers.clamp(1, 64).min(remaining.max(1));
    let per_host = opts.per_host.max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((host, url)) = next(&queue, &wake, per_host) {
                    let outcome = fetch(&agent, &url);
                    let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(n) = q.in_flight.get_mut(&host) {
                        *n -= 1;
                    }
                    q.results.insert(url, outcome);
                    q.remaining -= 1;
                    drop(q);
                    wake.notify_all();
                }
            });
        }
    });
    queue
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .results
}

/// Takes the next URL whose host has a free slot; waits while every host with pending
/// URLs is at its limit; `None` when all work is done.
fn next(queue: &Mutex<Queue>, wake: &Condvar, per_host: usize) -> Option<(String, String)> {
    let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        if q.pending.is_empty() {
            return None;
        }
        let free = q
            .pending
            .keys()
            .find(|h| q.in_flight.get(*h).copied().unwrap_or(0) < per_host)
            .cloned();
        if let Some(host) = free {
            let url = q.pending.get_mut(&host).and_then(VecDeque::pop_front);
            if q.pending.get(&host).is_some_and(VecDeque::is_empty) {
                q.pending.remove(&host);
            }
            if let Some(url) = url {
                *q.in_flight.entry(host.clone()).or_default() += 1;
                return Some((host, url));
            }
            continue;
        }
        q = wake.wait(q).unwrap_or_else(|p| p.into_inner());
    }
}

fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    let target = url.split('#').next().unwrap_or(url);
    match agent.head(target).call() {
        // Some servers refuse HEAD; ask again with GET before calling the link broken.
        Ok(r) if matches!(r.status().as_u16(), 405 | 403 | 501 | 400) => get(agent, target),
        Ok(r) => classify(r.status().as_u16()),
        // A timeout would only time out again.
        Err(e @ ureq::Error::Timeout(_)) => Outcome::Failed(e.to_string()),
        Err(_) => get(agent, target),
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Outcome {
    match agent.get(url).call() {
        Ok(r) => classify(r.status().as_u16()),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

fn classify(status: u16) -> Outcome {
    if status < 400 {
        Outcome::Ok(status)
    } else {
        Outcome::Status(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://Docs.Example.com/a?b").as_deref(),
            Some("docs.example.com")
        );
        assert_eq!(
            host("http://127.0.0.1:8080").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host("http://user@h.x/").as_deref(), Some("h.x"));
        assert_eq!(host("mailto:a@b"), None);
    }

    #[test]
    fn non_http_urls_fail_without_a_request() {
        let r = check(["ftp://x/y".to_owned()], &Options::default());
        assert!(matches!(r["ftp://x/y"], Outcome::Failed(_)));
    }
}
