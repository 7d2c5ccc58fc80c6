//! Which addresses copydesk may connect to.
//!
//! An article is untrusted input: run in CI, its URLs must not make copydesk probe the
//! machine or the network it runs in. Every address a host name resolves to is classified,
//! after DNS resolution and again for every redirect hop, and only public addresses are
//! connected to unless the run allows private hosts (all of them, or named ones).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use serde::{Deserialize, Serialize};

/// What kind of address an IP is, for the purpose of refusing internal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressKind {
    /// Routable on the internet.
    Public,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// `10/8`, `172.16/12`, `192.168/16`.
    Private,
    /// `169.254.169.254` (and `fd00:ec2::254`): where clouds serve instance credentials.
    CloudMetadata,
    /// `169.254/16`, `fe80::/10`.
    LinkLocal,
    /// `fc00::/7` (and the deprecated site-local `fec0::/10`).
    UniqueLocal,
    /// `100.64/10`, carrier-grade NAT; some clouds serve metadata there too.
    SharedAddressSpace,
    /// `0.0.0.0/8`, `::`: on Linux, connecting to it reaches the local machine.
    Unspecified,
    /// `224/4`, `ff00::/8`.
    Multicast,
    /// `240/4`, `255.255.255.255`, `192.0.0.0/24`, `198.18/15`: never a web server.
    Reserved,
}

impl AddressKind {
    pub fn is_public(self) -> bool {
        self == AddressKind::Public
    }

    /// An article, a noun phrase: "a loopback address".
    pub fn describe(self) -> &'static str {
        match self {
            AddressKind::Public => "a public address",
            AddressKind::Loopback => "a loopback address",
            AddressKind::Private => "a private address",
            AddressKind::CloudMetadata => "a cloud metadata address",
            AddressKind::LinkLocal => "a link-local address",
            AddressKind::UniqueLocal => "a unique local (private) address",
            AddressKind::SharedAddressSpace => "a shared (carrier-grade NAT) address",
            AddressKind::Unspecified => "an unspecified address",
            AddressKind::Multicast => "a multicast address",
            AddressKind::Reserved => "a reserved address",
        }
    }
}

/// Classifies an address. IPv6 addresses that embed an IPv4 one (IPv4-mapped, the
/// deprecated IPv4-compatible form, NAT64 `64:ff9b::/96` and 6to4 `2002::/16`) are judged
/// by the IPv4 address they lead to.
pub fn classify(ip: IpAddr) -> AddressKind {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddressKind {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, _, _) => AddressKind::Unspecified,
        (127, _, _) => AddressKind::Loopback,
        (10, _, _) => AddressKind::Private,
        (172, 16..=31, _) => AddressKind::Private,
        (192, 168, _) => AddressKind::Private,
        (169, 254, 169) if ip.octets()[3] == 254 => AddressKind::CloudMetadata,
        (169, 254, _) => AddressKind::LinkLocal,
        (100, 64..=127, _) => AddressKind::SharedAddressSpace,
        (192, 0, 0) => AddressKind::Reserved,
        (198, 18..=19, _) => AddressKind::Reserved,
        (224..=239, _, _) => AddressKind::Multicast,
        (240..=255, _, _) => AddressKind::Reserved,
        _ => AddressKind::Public,
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddressKind {
    if ip.is_unspecified() {
        return AddressKind::Unspecified;
    }
    if ip.is_loopback() {
        return AddressKind::Loopback;
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let segments = ip.segments();
    let embedded_tail = || {
        let [.., a, b, c, d] = ip.octets();
        Ipv4Addr::new(a, b, c, d)
    };
    // IPv4-compatible `::a.b.c.d` (deprecated) and NAT64 `64:ff9b::a.b.c.d`.
    if segments[..6] == [0, 0, 0, 0, 0, 0] || segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return classify_v4(embedded_tail());
    }
    // 6to4: `2002:AABB:CCDD::/48` carries the IPv4 address AA.BB.CC.DD.
    if segments[0] == 0x2002 {
        let [_, _, a, b, c, d, ..] = ip.octets();
        return classify_v4(Ipv4Addr::new(a, b, c, d));
    }
    if segments == [0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254] {
        return AddressKind::CloudMetadata;
    }
    match segments[0] {
        s if s & 0xfe00 == 0xfc00 => AddressKind::UniqueLocal,
        s if s & 0xffc0 == 0xfe80 => AddressKind::LinkLocal,
        s if s & 0xffc0 == 0xfec0 => AddressKind::UniqueLocal,
        s if s & 0xff00 == 0xff00 => AddressKind::Multicast,
        _ => AddressKind::Public,
    }
}

/// A host named by `--allow-host` or `allow-hosts`: `HOST` or `HOST:PORT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHost {
    /// Lower-cased, without brackets around an IPv6 address.
    pub host: String,
    pub port: Option<u16>,
}

impl AllowedHost {
    /// Parses `example.org`, `example.org:8080`, `127.0.0.1:3000`, `[::1]:8080` or `::1`.
    pub fn parse(text: &str) -> Result<AllowedHost, String> {
        let text = text.trim();
        let invalid = || format!("`{text}` is not HOST or HOST:PORT");
        if text.is_empty() || text.contains(['/', '@', ' ']) {
            return Err(invalid());
        }
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (host, after) = rest.split_once(']').ok_or_else(invalid)?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':').ok_or_else(invalid)?)),
            }
        } else if text.parse::<Ipv6Addr>().is_ok() {
            (text, None)
        } else {
            match text.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            }
        };
        if host.is_empty() {
            return Err(invalid());
        }
        let port = match port {
            Some(port) => Some(port.parse::<u16>().map_err(|_| invalid())?),
            None => None,
        };
        Ok(AllowedHost {
            host: host.trim_end_matches('.').to_ascii_lowercase(),
            port,
        })
    }

    fn matches(&self, host: &str, port: u16) -> bool {
        self.host == host && self.port.is_none_or(|p| p == port)
    }
}

impl fmt::Display for AllowedHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(port) => write!(f, "{host}:{port}"),
            None => write!(f, "{host}"),
        }
    }
}

/// Why a connection was not made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The host as written in the URL (brackets removed).
    pub host: String,
    pub port: u16,
    /// The first address refused, and its kind.
    pub address: IpAddr,
    pub kind: AddressKind,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let shown = match self.port {
            80 | 443 => host,
            port => format!("{host}:{port}"),
        };
        if self.host.parse::<IpAddr>().is_ok() {
            write!(
                f,
                "`{}` is {}; `--allow-host {shown}` or `--allow-private-hosts` lets copydesk check it",
                self.host,
                self.kind.describe()
            )
        } else {
            write!(
                f,
                "`{}` resolves to {} (`{}`); `--allow-host {shown}` or `--allow-private-hosts` lets copydesk check it",
                self.host,
                self.kind.describe(),
                self.address
            )
        }
    }
}

impl std::error::Error for Refusal {}

/// The run's rule for which addresses may be connected to.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Every address is allowed (`--allow-private-hosts`).
    pub allow_private: bool,
    /// Hosts whose private addresses are allowed.
    pub allow_hosts: Vec<AllowedHost>,
}

impl Policy {
    /// The addresses of `host:port` that may be connected to, in their order; a refusal
    /// when none may. A host with public and internal addresses is reached only through
    /// its public ones (an attacker's DNS may mix them).
    pub fn vet(
        &self,
        host: &str,
        port: u16,
        addresses: &[SocketAddr],
    ) -> Result<Vec<SocketAddr>, Refusal> {
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if self.allow_private || self.allow_hosts.iter().any(|a| a.matches(&host, port)) {
            return Ok(addresses.to_vec());
        }
        let allowed: Vec<SocketAddr> = addresses
            .iter()
            .copied()
            .filter(|a| classify(a.ip()).is_public())
            .collect();
        if !allowed.is_empty() {
            return Ok(allowed);
        }
        let Some(first) = addresses.first() else {
            return Ok(Vec::new());
        };
        Err(Refusal {
            host,
            port,
            address: first.ip(),
            kind: classify(first.ip()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> AddressKind {
        classify(text.parse().unwrap())
    }

    #[test]
    fn ipv4_ranges() {
        assert_eq!(kind("127.0.0.1"), AddressKind::Loopback);
        assert_eq!(kind("127.255.255.254"), AddressKind::Loopback);
        assert_eq!(kind("10.1.2.3"), AddressKind::Private);
        assert_eq!(kind("172.16.0.1"), AddressKind::Private);
        assert_eq!(kind("172.31.255.255"), AddressKind::Private);
        assert_eq!(kind("172.32.0.1"), AddressKind::Public);
        assert_eq!(kind("172.15.255.255"), AddressKind::Public);
        assert_eq!(kind("192.168.1.1"), AddressKind::Private);
        assert_eq!(kind("169.254.169.254"), AddressKind::CloudMetadata);
        assert_eq!(kind("169.254.1.1"), AddressKind::LinkLocal);
        assert_eq!(kind("0.0.0.0"), AddressKind::Unspecified);
        assert_eq!(kind("0.1.2.3"), AddressKind::Unspecified);
        assert_eq!(kind("100.64.0.1"), AddressKind::SharedAddressSpace);
        assert_eq!(kind("100.100.100.200"), AddressKind::SharedAddressSpace);
        assert_eq!(kind("100.128.0.1"), AddressKind::Public);
        assert_eq!(kind("224.0.0.1"), AddressKind::Multicast);
        assert_eq!(kind("255.255.255.255"), AddressKind::Reserved);
        assert_eq!(kind("93.184.216.34"), AddressKind::Public);
        assert_eq!(kind("8.8.8.8"), AddressKind::Public);
    }

    #[test]
    fn ipv6_ranges() {
        assert_eq!(kind("::1"), AddressKind::Loopback);
        assert_eq!(kind("::"), AddressKind::Unspecified);
        assert_eq!(kind("fc00::1"), AddressKind::UniqueLocal);
        assert_eq!(kind("fd00::1"), AddressKind::UniqueLocal);
        assert_eq!(kind("fdff:ffff::1"), AddressKind::UniqueLocal);
        assert_eq!(kind("fd00:ec2::254"), AddressKind::CloudMetadata);
        assert_eq!(kind("fe80::1"), AddressKind::LinkLocal);
        assert_eq!(kind("fec0::1"), AddressKind::UniqueLocal);
        assert_eq!(kind("ff02::1"), AddressKind::Multicast);
        assert_eq!(kind("2606:4700::6810:84e5"), AddressKind::Public);
        assert_eq!(kind("fbff::1"), AddressKind::Public);
    }

    #[test]
    fn ipv6_embedding_ipv4_is_judged_by_the_ipv4() {
        assert_eq!(kind("::ffff:127.0.0.1"), AddressKind::Loopback);
        assert_eq!(kind("::ffff:10.0.0.1"), AddressKind::Private);
        assert_eq!(kind("::ffff:169.254.169.254"), AddressKind::CloudMetadata);
        assert_eq!(kind("::ffff:8.8.8.8"), AddressKind::Public);
        assert_eq!(kind("::127.0.0.1"), AddressKind::Loopback);
        assert_eq!(kind("64:ff9b::192.168.0.1"), AddressKind::Private);
        assert_eq!(kind("64:ff9b::8.8.8.8"), AddressKind::Public);
        assert_eq!(kind("2002:7f00:1::1"), AddressKind::Loopback);
        assert_eq!(kind("2002:0808:0808::1"), AddressKind::Public);
    }

    #[test]
    fn allowed_host_parsing() {
        let parse = |t: &str| AllowedHost::parse(t).unwrap();
        assert_eq!(
            parse("Example.org"),
            AllowedHost {
                host: "example.org".into(),
                port: None
            }
        );
        assert_eq!(parse("127.0.0.1:8080").port, Some(8080));
        assert_eq!(parse("[::1]:8080").host, "::1");
        assert_eq!(parse("[::1]:8080").port, Some(8080));
        assert_eq!(parse("::1").host, "::1");
        assert_eq!(parse("::1").port, None);
        assert_eq!(parse("[::1]:8080").to_string(), "[::1]:8080");
        for bad in ["", "a:b", "http://a", "a:99999", "[::1", ":80"] {
            assert!(AllowedHost::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn policy_refuses_internal_addresses_unless_allowed() {
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let public: SocketAddr = "93.184.216.34:80".parse().unwrap();
        let strict = Policy::default();
        let refusal = strict.vet("127.0.0.1", 8080, &[local]).unwrap_err();
        assert_eq!(refusal.kind, AddressKind::Loopback);
        assert!(refusal.to_string().contains("--allow-host 127.0.0.1:8080"));
        assert_eq!(
            strict.vet("mixed.test", 80, &[local, public]),
            Ok(vec![public])
        );
        let open = Policy {
            allow_private: true,
            allow_hosts: Vec::new(),
        };
        assert_eq!(open.vet("127.0.0.1", 8080, &[local]), Ok(vec![local]));
        let named = Policy {
            allow_private: false,
            allow_hosts: vec![AllowedHost::parse("127.0.0.1:8080").unwrap()],
        };
        assert_eq!(named.vet("127.0.0.1", 8080, &[local]), Ok(vec![local]));
        assert!(named.vet("127.0.0.1", 8081, &[local]).is_err());
        let any_port = Policy {
            allow_private: false,
            allow_hosts: vec![AllowedHost::parse("intranet.test").unwrap()],
        };
        assert!(any_port.vet("INTRANET.test.", 9, &[local]).is_ok());
        assert!(any_port.vet("other.test", 9, &[local]).is_err());
    }
}
