//! Resolved settings that rules and the runner read.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::rules::{self, Rule};

/// Which rules run, at which severity, and what fails the run.
#[derive(Debug, Clone)]
pub struct Settings {
    enabled: Vec<&'static str>,
    severities: HashMap<&'static str, Severity>,
    /// Findings at or above this severity make the run exit with 1.
    pub fail_on: Severity,
    /// Options of the `claim` family.
    pub claims: rules::claim_uncited::ClaimOptions,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: rules::REGISTRY
                .iter()
                .filter(|r| r.enabled_by_default)
                .map(|r| r.name)
                .collect(),
            severities: HashMap::new(),
            fail_on: Severity::Warning,
            claims: rules::claim_uncited::ClaimOptions::default(),
        }
    }
}

impl Settings {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled.contains(&rule.name)
    }

    /// Turns a rule on or off.
    pub fn set_enabled(&mut self, rule: &'static Rule, on: bool) {
        self.enabled.retain(|name| *name != rule.name);
        if on {
            self.enabled.push(rule.name);
        }
    }

    pub fn set_severity(&mut self, rule: &'static Rule, severity: Severity) {
        self.severities.insert(rule.name, severity);
    }

    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severities
            .get(rule.name)
            .copied()
            .unwrap_or(rule.severity)
    }
}
