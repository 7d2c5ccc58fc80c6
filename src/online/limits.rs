//! The per-host limit: at most N requests in flight to one host, so no site gets hammered.
//! (The global limit is the number of worker threads.)

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

/// Counts requests in flight per host.
#[derive(Debug)]
pub struct HostLimits {
    max_per_host: usize,
    active: Mutex<HashMap<String, usize>>,
    released: Condvar,
    /// The most requests seen in flight to one host at once.
    peak: Mutex<usize>,
}

/// One request's place in its host's limit, given back on drop.
#[derive(Debug)]
pub struct Permit<'a> {
    limits: &'a HostLimits,
    host: String,
}

impl HostLimits {
    pub fn new(max_per_host: usize) -> Self {
        HostLimits {
            max_per_host: max_per_host.max(1),
            active: Mutex::new(HashMap::new()),
            released: Condvar::new(),
            peak: Mutex::new(0),
        }
    }

    /// Waits until `host` has room, then takes a place.
    pub fn acquire(&self, host: &str) -> Permit<'_> {
        let mut active = self.active.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let count = active.entry(host.to_string()).or_insert(0);
            if *count < self.max_per_host {
                *count += 1;
                let now = *count;
                drop(active);
                let mut peak = self.peak.lock().unwrap_or_else(PoisonError::into_inner);
                *peak = (*peak).max(now);
                return Permit {
                    limits: self,
                    host: host.to_string(),
                };
            }
            active = self
                .released
                .wait(active)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The most requests that were in flight to one host at once.
    pub fn peak(&self) -> usize {
        *self.peak.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut active = self
            .limits
            .active
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = active.get_mut(&self.host) {
            *count = count.saturating_sub(1);
        }
        drop(active);
        self.limits.released.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn never_more_than_the_limit_per_host() {
        let limits = HostLimits::new(2);
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let _permit = limits.acquire("a.org");
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
            // Another host is not held up by the first.
            scope.spawn(|| drop(limits.acquire("b.org")));
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
        assert_eq!(limits.peak(), 2);
    }
}
