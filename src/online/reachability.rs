//! Telling a dead link from a dead network.
//!
//! Offline, every URL fails to resolve or connect, and reporting each as `url-broken`
//! (and caching that) would be wrong twice over. When no URL of a run got an answer, a
//! probe asks whether any well-known host resolves and accepts a TCP connection; if
//! none does, the network is unreachable and the run's URLs stay unchecked.

use std::net::TcpStream;
use std::time::Duration;

use super::client::Lookup;
use super::{End, Failure, Outcome};

/// Hosts that answer from almost every network; one reachable is enough.
const PROBE_HOSTS: [&str; 2] = ["example.com", "www.iana.org"];

/// The longest a probe waits per host, whatever the run's timeout.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether no outcome shows the network working: every one failed before any server
/// answered (no address, no connection, no reply in time) and nothing was redirected.
/// A refused URL counts as an answer: its host resolved.
pub fn none_answered<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> bool {
    let mut seen = false;
    for outcome in outcomes {
        seen = true;
        let Outcome::Checked(checked) = outcome else {
            return false;
        };
        let silent = matches!(
            checked.end,
            End::Failed {
                failure: Failure::Dns | Failure::Connection | Failure::Timeout,
                ..
            }
        );
        if !silent || !checked.redirects.is_empty() {
            return false;
        }
    }
    seen
}

/// Whether any probe host resolves with `lookup` and accepts a connection.
pub fn network_reachable(lookup: &Lookup, timeout: Duration) -> bool {
    let timeout = timeout.min(PROBE_TIMEOUT);
    PROBE_HOSTS.iter().any(|host| {
        lookup(host, 443, timeout).is_ok_and(|addresses| {
            addresses
                .iter()
                .any(|address| TcpStream::connect_timeout(address, timeout).is_ok())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::online::Checked;

    fn failed(failure: Failure) -> Outcome {
        Outcome::Checked(Checked {
            redirects: Vec::new(),
            end: End::Failed {
                failure,
                detail: String::new(),
            },
        })
    }

    #[test]
    fn only_silent_failures_mean_no_answer() {
        assert!(none_answered(&[
            failed(Failure::Dns),
            failed(Failure::Timeout)
        ]));
        assert!(!none_answered(&[]));
        assert!(!none_answered(&[
            failed(Failure::Dns),
            failed(Failure::Tls)
        ]));
        let answered = Outcome::Checked(Checked {
            redirects: Vec::new(),
            end: End::Status {
                code: 404,
                not_found: None,
                retry_after: None,
            },
        });
        assert!(!none_answered(&[failed(Failure::Dns), answered]));
    }

    #[test]
    fn a_probe_that_resolves_nowhere_finds_no_network() {
        let nowhere: Lookup = std::sync::Arc::new(|_: &str, _: u16, _: Duration| {
            Err(std::io::Error::other("no network"))
        });
        assert!(!network_reachable(&nowhere, Duration::from_secs(1)));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let here: Lookup =
            std::sync::Arc::new(move |_: &str, _: u16, _: Duration| Ok(vec![address]));
        assert!(network_reachable(&here, Duration::from_secs(1)));
    }
}
