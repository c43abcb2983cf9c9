// The safe fetcher against local HTTP servers started here: private ranges refused without
// allowPrivate (and no connection made), redirects bounded and re-checked, size caps on plain
// and compressed bodies (an endless stream, a gzip bomb), connect/read/total timeouts.

import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { blockedAddressReason, parseIPv6 } from './address.js';
import { FetchError, safeFetch } from './fetch.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function server(handler: Handler): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const s = http.createServer((req, res) => {
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      }),
  };
}

async function rejectsWith(promise: Promise<unknown>, reason: string, pattern: RegExp): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected the fetch to fail');
}

describe('address policy', () => {
  test('refuses non-public IPv4 and IPv6 addresses, including IPv4 embedded in IPv6', () => {
    const refused = [
      '127.0.0.1',
      '127.255.1.2',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '::127.0.0.1',
      '2001:db8::1',
      '[::1]',
      'fe80::1%eth0',
    ];
    for (const address of refused) assert.notEqual(blockedAddressReason(address), null, address);
    const allowed = [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ];
    for (const address of allowed) assert.equal(blockedAddressReason(address), null, address);
    assert.match(blockedAddressReason('::ffff:7f00:1') ?? '', /IPv4-mapped.*loopback address 127\.0\.0\.1/);
    assert.match(blockedAddressReason('example.org') ?? '', /not an IP address/);
  });

  test('parses IPv6 forms', () => {
    assert.deepEqual(parseIPv6('::1'), [0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    assert.deepEqual(parseIPv6('2001:db8::8:800:200c:417a'), [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    assert.equal(parseIPv6('1::2::3'), null);
  });
});

describe('safeFetch', () => {
  let target: Awaited<ReturnType<typeof server>>;
  before(async () => {
    target = await server((_req, res) => res.end('secret'));
  });
  after(() => target.close());

  test('without allowPrivate, refuses loopback, private, link-local and mapped addresses before connecting', async () => {
    const port = new URL(target.url).port;
    const cases: Array<[string, RegExp]> = [
      [`http://127.0.0.1:${port}/`, /loopback address 127\.0\.0\.1/],
      [`http://[::1]:${port}/`, /loopback address ::1/],
      [`http://10.0.0.1:${port}/`, /private address 10\.0\.0\.1/],
      [`http://169.254.169.254/latest/meta-data/`, /link-local address 169\.254\.169\.254/],
      [`http://[::ffff:127.0.0.1]:${port}/`, /IPv4-mapped address .* of loopback address 127\.0\.0\.1/],
      [`http://localhost:${port}/`, /localhost resolves to loopback address/],
    ];
    for (const [url, pattern] of cases) {
      const error = await rejectsWith(safeFetch(url), 'blocked', pattern);
      assert.ok(error.message.startsWith(url), `the message names the URL: ${error.message}`);
      assert.match(error.message, /--allow-private/);
    }
    assert.equal(target.requests(), 0, 'no request reached the server');
  });

  test('a name resolving to a public and a private address is refused; the checked address is the one used', async () => {
    await rejectsWith(
      safeFetch('http://rebind.example/', {
        resolve: async () => [
          { address: '93.184.216.34', family: 4 },
          { address: '127.0.0.1', family: 4 },
        ],
      }),
      'blocked',
      /rebind\.example resolves to loopback address 127\.0\.0\.1/,
    );
    // With allowPrivate, a made-up name is connected to the address the resolver gave, once.
    let calls = 0;
    const port = new URL(target.url).port;
    const result = await safeFetch(`http://feeds.example:${port}/x`, {
      allowPrivate: true,
      resolve: async () => {
        calls++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    assert.equal(result.body.toString(), 'secret');
    assert.equal(result.address, '127.0.0.1');
    assert.equal(calls, 1);
  });

  test('refuses other schemes and credentials in URLs', async () => {
    await rejectsWith(safeFetch('file:///etc/passwd'), 'url', /scheme file: is refused/);
    await rejectsWith(safeFetch('ftp://example.org/'), 'url', /only http and https/);
    await rejectsWith(safeFetch('not a url'), 'url', /not a valid URL/);
    await rejectsWith(safeFetch('http://user:pw@example.org/'), 'url', /user name or password/);
  });

  test('follows redirects up to the limit, and re-checks each hop', async () => {
    const hops = await server((req, res) => {
      const n = Number(req.url?.slice(1) || 0);
      if (req.url === '/private') {
        res.writeHead(302, { location: 'http://10.1.2.3/' }).end();
        return;
      }
      if (n < 10) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.end(`arrived after ${n}`);
    });
    try {
      const ok = await safeFetch(`${hops.url}/7`, { allowPrivate: true });
      assert.equal(ok.body.toString(), 'arrived after 10');
      assert.equal(ok.redirects.length, 3);
      assert.equal(ok.finalUrl, `${hops.url}/10`);
      await rejectsWith(safeFetch(`${hops.url}/0`, { allowPrivate: true }), 'redirects', /more than 5 redirects/);
      await rejectsWith(
        safeFetch(`${hops.url}/0`, { allowPrivate: true, maxRedirects: 2 }),
        'redirects',
        /more than 2/,
      );
    } finally {
      await hops.close();
    }
  });

  test('a redirect to a private address is refused at that hop', async () => {
    const port = new URL(target.url).port;
    const redirector = await server((req, res) => {
      const to = req.url === '/mapped' ? 'http://[::ffff:a9fe:a9fe]/' : `http://localhost:${port}/`;
      res.writeHead(301, { location: to }).end();
    });
    const reached = target.requests();
    try {
      // Only the first hop's host is exempt (allowHosts): each later hop is checked again.
      const options = { allowHosts: ['127.0.0.1'] };
      await rejectsWith(safeFetch(`${redirector.url}/`, options), 'blocked', /localhost resolves to loopback address/);
      await rejectsWith(
        safeFetch(`${redirector.url}/mapped`, options),
        'blocked',
        /IPv4-mapped .* link-local address 169\.254\.169\.254/,
      );
      assert.equal(redirector.requests(), 2);
      assert.equal(target.requests(), reached, 'the refused hop made no request');
    } finally {
      await redirector.close();
    }
  });

  test('caps an endless body and a declared too-large body', async () => {
    const endless = await server((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        res.write('x');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (res.write(chunk)) {}
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    try {
      const started = Date.now();
      await rejectsWith(
        safeFetch(`${endless.url}/`, { allowPrivate: true, maxBytes: 1024 * 1024 }),
        'too-large',
        /more than the limit of 1048576 bytes/,
      );
      assert.ok(Date.now() - started < 5000);
      await rejectsWith(
        safeFetch(`${endless.url}/declared`, { allowPrivate: true, maxBytes: 1024 * 1024 }),
        'too-large',
        /the response is 52428800 bytes/,
      );
    } finally {
      await endless.close();
    }
  });

  test('decodes gzip, deflate and br, and stops a gzip bomb at the decoded limit', async () => {
    const text = '<rss><channel><title>T</title></channel></rss>';
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }); // 64 MiB of zeros, ~64 KiB
    const s = await server((req, res) => {
      if (req.url === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
      else if (req.url === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(text));
      else if (req.url === '/deflate')
        res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(text));
      else if (req.url === '/br') res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(text));
      else if (req.url === '/broken') res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all');
      else res.writeHead(200, { 'content-encoding': 'zstd-x' }).end('?');
    });
    try {
      for (const path of ['/gzip', '/deflate', '/br']) {
        const result = await safeFetch(`${s.url}${path}`, { allowPrivate: true });
        assert.equal(result.body.toString(), text, path);
      }
      assert.ok(bomb.length < 1024 * 1024, 'the bomb itself is under the limit');
      const before = process.memoryUsage().rss;
      await rejectsWith(
        safeFetch(`${s.url}/bomb`, { allowPrivate: true, maxBytes: 1024 * 1024 }),
        'too-large',
        /gzip body decodes to more than the limit of 1048576 bytes/,
      );
      assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024, 'the bomb was not decoded whole');
      await rejectsWith(safeFetch(`${s.url}/broken`, { allowPrivate: true }), 'decode', /cannot decode the gzip body/);
      await rejectsWith(safeFetch(`${s.url}/other`, { allowPrivate: true }), 'decode', /unsupported content-encoding/);
    } finally {
      await s.close();
    }
  });

  test('read, total and connect timeouts', async () => {
    const silent = await server(() => {}); // never answers
    const trickle = await server((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      let started = Date.now();
      await rejectsWith(
        safeFetch(`${silent.url}/`, { allowPrivate: true, readTimeoutMs: 300 }),
        'timeout',
        /no data for 300 ms/,
      );
      assert.ok(Date.now() - started < 2000);
      // Bytes keep coming, so only the total timeout stops it.
      started = Date.now();
      await rejectsWith(
        safeFetch(`${trickle.url}/`, { allowPrivate: true, readTimeoutMs: 300, totalTimeoutMs: 700 }),
        'timeout',
        /within 700 ms \(total timeout\)/,
      );
      assert.ok(Date.now() - started < 2500);
      // A connection that never completes its TLS handshake: the connect timeout covers TCP and TLS.
      const mute = net.createServer(() => {});
      await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
      started = Date.now();
      try {
        const { port } = mute.address() as AddressInfo;
        await rejectsWith(
          safeFetch(`https://127.0.0.1:${port}/`, { allowPrivate: true, connectTimeoutMs: 300 }),
          'timeout',
          /could not connect within 300 ms/,
        );
      } finally {
        mute.close();
      }
      assert.ok(Date.now() - started < 2500);
    } finally {
      await silent.close();
      await trickle.close();
    }
  });

  test('an abort signal cancels the fetch', async () => {
    const silent = await server(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await rejectsWith(
        safeFetch(`${silent.url}/`, { allowPrivate: true, signal: controller.signal }),
        'aborted',
        /cancelled/,
      );
    } finally {
      await silent.close();
    }
  });
});
