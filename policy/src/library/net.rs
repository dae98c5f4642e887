//! Kubernetes' IP and CIDR libraries: `ip('10.0.0.1')`, `cidr('10.0.0.0/8')` and their methods.

use super::failure;
use cel::extractors::This;
use cel::objects::Opaque;
use cel::{Context, DeclarationError, ExecutionError, Value};
use std::net::IpAddr;
use std::sync::Arc;

/// An IP address as a CEL value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CelIp(IpAddr);

/// A CIDR range as a CEL value: the address as written and the prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CelCidr(IpAddr, u8);

impl Opaque for CelIp {
    fn runtime_type_name(&self) -> &str {
        "net.IP"
    }
}

impl Opaque for CelCidr {
    fn runtime_type_name(&self) -> &str {
        "net.CIDR"
    }
}

/// Kubernetes refuses IPv4-mapped IPv6 addresses and zones.
fn parse_ip(text: &str) -> Option<IpAddr> {
    let ip: IpAddr = text.parse().ok()?;
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some() => None,
        ip => Some(ip),
    }
}

fn parse_cidr(text: &str) -> Option<CelCidr> {
    let (ip, prefix) = text.split_once('/')?;
    let ip = parse_ip(ip)?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) || prefix.len() > 3 {
        return None;
    }
    let prefix: u8 = prefix.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    (prefix <= max).then_some(CelCidr(ip, prefix))
}

fn bits(ip: IpAddr) -> (u128, u8) {
    match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
        IpAddr::V6(v6) => (u128::from(v6), 128),
    }
}

impl CelCidr {
    fn mask(&self) -> u128 {
        let (_, width) = bits(self.0);
        let host_bits = u32::from(width - self.1);
        let all = if width == 32 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        all.checked_shl(host_bits).map_or(0, |m| m & all)
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let (net, width) = bits(self.0);
        let (addr, other_width) = bits(ip);
        width == other_width && net & self.mask() == addr & self.mask()
    }

    fn masked(&self) -> CelCidr {
        let (net, width) = bits(self.0);
        let masked = net & self.mask();
        let ip = if width == 32 {
            IpAddr::from(std::net::Ipv4Addr::from(
                u32::try_from(masked).unwrap_or_default(),
            ))
        } else {
            IpAddr::from(std::net::Ipv6Addr::from(masked))
        };
        CelCidr(ip, self.1)
    }
}

fn ip_of(function: &str, value: &Value) -> Result<IpAddr, ExecutionError> {
    match value {
        Value::String(text) => parse_ip(text)
            .ok_or_else(|| failure(function, format!("{text:?} is not an IP address"))),
        Value::Opaque(opaque) => opaque
            .downcast_ref::<CelIp>()
            .map(|ip| ip.0)
            .ok_or_else(|| failure(function, "expects an IP address")),
        other => Err(failure(
            function,
            format!("expects an IP address, got {other:?}"),
        )),
    }
}

fn cidr_of(function: &str, value: &Value) -> Result<CelCidr, ExecutionError> {
    match value {
        Value::String(text) => {
            parse_cidr(text).ok_or_else(|| failure(function, format!("{text:?} is not a CIDR")))
        }
        Value::Opaque(opaque) => opaque
            .downcast_ref::<CelCidr>()
            .copied()
            .ok_or_else(|| failure(function, "expects a CIDR")),
        other => Err(failure(function, format!("expects a CIDR, got {other:?}"))),
    }
}

fn ip_value(ip: IpAddr) -> Value {
    Value::Opaque(Arc::new(CelIp(ip)))
}

/// Adds `ip`, `isIP`, `ip.isCanonical`, `cidr`, `isCIDR` and their methods.
pub fn register(context: &mut Context<'static, 'static>) -> Result<(), DeclarationError> {
    // `ip('1.2.3.4')` parses; `cidr('10.0.0.0/8').ip()` is the range's address.
    context.add_function("ip", |This(v): This<Value>| match &v {
        Value::String(_) => ip_of("ip", &v).map(ip_value),
        other => cidr_of("ip", other).map(|cidr| ip_value(cidr.0)),
    })?;
    context.add_function("isIP", |text: Arc<String>| parse_ip(&text).is_some())?;
    context.add_function("ip.isCanonical", |text: Arc<String>| {
        let ip = ip_of("ip.isCanonical", &Value::String(Arc::clone(&text)))?;
        Ok::<_, ExecutionError>(ip.to_string() == *text)
    })?;
    context.add_function("family", |This(v): This<Value>| {
        ip_of("family", &v).map(|ip| if ip.is_ipv4() { 4_i64 } else { 6 })
    })?;
    context.add_function("isUnspecified", |This(v): This<Value>| {
        ip_of("isUnspecified", &v).map(|ip| ip.is_unspecified())
    })?;
    context.add_function("isLoopback", |This(v): This<Value>| {
        ip_of("isLoopback", &v).map(|ip| ip.is_loopback())
    })?;
    context.add_function("isLinkLocalMulticast", |This(v): This<Value>| {
        ip_of("isLinkLocalMulticast", &v).map(|ip| match ip {
            IpAddr::V4(v4) => v4.octets()[..3] == [224, 0, 0],
            IpAddr::V6(v6) => v6.segments()[0] & 0xff0f == 0xff02,
        })
    })?;
    context.add_function("isLinkLocalUnicast", |This(v): This<Value>| {
        ip_of("isLinkLocalUnicast", &v).map(|ip| match ip {
            IpAddr::V4(v4) => v4.is_link_local(),
            IpAddr::V6(v6) => v6.segments()[0] & 0xffc0 == 0xfe80,
        })
    })?;
    context.add_function("isGlobalUnicast", |This(v): This<Value>| {
        ip_of("isGlobalUnicast", &v).map(|ip| match ip {
            IpAddr::V4(v4) => {
                !(v4.is_unspecified()
                    || v4.is_loopback()
                    || v4.is_link_local()
                    || v4.is_multicast()
                    || v4.is_broadcast())
            }
            IpAddr::V6(v6) => {
                !(v6.is_unspecified()
                    || v6.is_loopback()
                    || v6.is_multicast()
                    || v6.segments()[0] & 0xffc0 == 0xfe80)
            }
        })
    })?;
    context.add_function("cidr", |text: Arc<String>| {
        cidr_of("cidr", &Value::String(text)).map(|cidr| Value::Opaque(Arc::new(cidr)))
    })?;
    context.add_function("isCIDR", |text: Arc<String>| parse_cidr(&text).is_some())?;
    context.add_function("containsIP", |This(c): This<Value>, ip: Value| {
        Ok::<_, ExecutionError>(cidr_of("containsIP", &c)?.contains(ip_of("containsIP", &ip)?))
    })?;
    context.add_function("containsCIDR", |This(c): This<Value>, other: Value| {
        let outer = cidr_of("containsCIDR", &c)?;
        let inner = cidr_of("containsCIDR", &other)?;
        Ok::<_, ExecutionError>(inner.1 >= outer.1 && outer.contains(inner.0))
    })?;
    context.add_function("masked", |This(c): This<Value>| {
        cidr_of("masked", &c).map(|cidr| Value::Opaque(Arc::new(cidr.masked())))
    })?;
    context.add_function("prefixLength", |This(c): This<Value>| {
        cidr_of("prefixLength", &c).map(|cidr| i64::from(cidr.1))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{eval, is_true};

    #[test]
    fn addresses_and_ranges_answer() {
        is_true("isIP('10.0.0.1') && !isIP('10.0.0.300') && !isIP('::ffff:1.2.3.4')");
        is_true("ip('10.0.0.1').family() == 4 && ip('::1').family() == 6");
        is_true("ip('127.0.0.1').isLoopback() && ip('0.0.0.0').isUnspecified()");
        is_true("ip('169.254.1.1').isLinkLocalUnicast() && ip('224.0.0.1').isLinkLocalMulticast()");
        is_true("ip('8.8.8.8').isGlobalUnicast() && !ip('127.0.0.1').isGlobalUnicast()");
        is_true("ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')");
        is_true(
            "cidr('10.0.0.0/8').containsIP(ip('10.1.2.3')) && cidr('10.0.0.0/8').containsIP('10.1.2.3')",
        );
        is_true(
            "!cidr('10.0.0.0/8').containsIP('11.0.0.1') && cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')",
        );
        is_true(
            "cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8') && cidr('10.0.0.0/8').prefixLength() == 8",
        );
        is_true(
            "cidr('10.0.0.0/8').ip() == ip('10.0.0.0') && isCIDR('::/0') && !isCIDR('10.0.0.0/33')",
        );
        assert!(eval("ip('nope')").is_err());
    }
}
