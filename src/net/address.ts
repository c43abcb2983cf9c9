// Which IP addresses the fetcher may connect to. A URL given to `sitrep watch` (or found in a feed,
// or in a redirect) must not reach the analyst's own machine or network: loopback, private,
// link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, unspecified, reserved and
// documentation ranges are refused, and IPv6 forms that embed an IPv4 address (mapped, NAT64,
// 6to4, IPv4-compatible) are judged by the embedded address.

import { isIPv4, isIPv6 } from 'node:net';

interface Range4 {
  base: number;
  bits: number;
  name: string;
}

const V4_RANGES: Range4[] = [
  range4('0.0.0.0', 8, 'unspecified ("this network")'),
  range4('10.0.0.0', 8, 'private'),
  range4('100.64.0.0', 10, 'carrier-grade NAT (shared)'),
  range4('127.0.0.0', 8, 'loopback'),
  range4('169.254.0.0', 16, 'link-local'),
  range4('172.16.0.0', 12, 'private'),
  range4('192.0.0.0', 24, 'IETF protocol assignments'),
  range4('192.0.2.0', 24, 'documentation'),
  range4('192.88.99.0', 24, '6to4 relay anycast'),
  range4('192.168.0.0', 16, 'private'),
  range4('198.18.0.0', 15, 'benchmarking'),
  range4('198.51.100.0', 24, 'documentation'),
  range4('203.0.113.0', 24, 'documentation'),
  range4('224.0.0.0', 4, 'multicast'),
  range4('240.0.0.0', 4, 'reserved (and broadcast)'),
];

function range4(address: string, bits: number, name: string): Range4 {
  return { base: v4ToInt(address), bits, name };
}

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inRange4(value: number, range: Range4): boolean {
  const size = 2 ** (32 - range.bits);
  return Math.floor(value / size) === Math.floor(range.base / size);
}

/** Why an IPv4 address is refused, or null when it is a public unicast address. */
function blocked4(address: string): string | null {
  const value = v4ToInt(address);
  const hit = V4_RANGES.find((r) => inRange4(value, r));
  return hit ? `${hit.name} address ${address}` : null;
}

/** The eight 16-bit groups of an IPv6 address (with an optional embedded dotted quad). */
export function parseIPv6(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '');
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!isIPv6(text)) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v = v4ToInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Why an IPv6 address is refused, or null when it is a public unicast address. */
function blocked6(address: string): string | null {
  const g = parseIPv6(address);
  if (g === null) return `unparsable IPv6 address ${address}`;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded = (what: string, v4: string) => {
    const reason = blocked4(v4);
    return reason ? `${what} ${address} of ${reason}` : null;
  };
  if (zeroTo(8)) return `unspecified address ${address}`;
  if (zeroTo(7) && g7 === 1) return `loopback address ${address}`;
  if (zeroTo(5) && g5 === 0xffff) return embedded('IPv4-mapped address', v4FromGroups(g6, g7));
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return embedded('IPv4-translated address', v4FromGroups(g6, g7));
  if (zeroTo(6)) return `IPv4-compatible (deprecated) address ${address}`;
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return embedded('NAT64 address', v4FromGroups(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return `local-use NAT64 address ${address}`;
  if (g0 === 0x2002) return embedded('6to4 address', v4FromGroups(g1, g2));
  if ((g0 & 0xffc0) === 0xfe80) return `link-local address ${address}`;
  if ((g0 & 0xffc0) === 0xfec0) return `site-local (deprecated) address ${address}`;
  if ((g0 & 0xfe00) === 0xfc00) return `unique local (private) address ${address}`;
  if ((g0 & 0xff00) === 0xff00) return `multicast address ${address}`;
  if (g0 === 0x2001 && g1 === 0xdb8) return `documentation address ${address}`;
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return `discard-only address ${address}`;
  if (g0 === 0x2001 && g1 < 0x200) return `IETF protocol assignment address ${address}`;
  if ((g0 & 0xe000) !== 0x2000) return `address ${address} outside the global unicast range 2000::/3`;
  return null;
}

/**
 * Why connecting to this IP address is refused (a phrase such as "loopback address 127.0.0.1"),
 * or null when it is a public unicast address. Anything that is not an IP address is refused.
 */
export function blockedAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return blocked4(bare);
  if (isIPv6(bare.split('%')[0] ?? '')) return blocked6(bare);
  return `not an IP address: ${address}`;
}
