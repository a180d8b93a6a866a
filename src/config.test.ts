import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig, serveConfigProblem } from './config.ts';

describe('configuration: safe defaults for listening (issue 10)', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).demo).toBe(true); // `npm start` is still the demo
  });

  it('loopback is 127.0.0.0/8, ::1 and localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.10', '128.0.0.1', 'samenspel.regio.nl', '::2']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('demo mode on a non-loopback address is refused unless SAMENSPEL_DEMO_PUBLIC=1, and says why', () => {
    const problem = serveConfigProblem(loadConfig({ HOST: '0.0.0.0' }));
    expect(problem).toMatch(/demo/i);
    expect(problem).toMatch(/password "demo" and no second factor/);
    expect(problem).toMatch(/SAMENSPEL_DEMO=0/);
    expect(problem).toMatch(/SAMENSPEL_DEMO_PUBLIC=1/);
    expect(serveConfigProblem(loadConfig({ HOST: '10.0.0.5' }))).toBeDefined();
    expect(serveConfigProblem(loadConfig({}))).toBeUndefined();
    expect(serveConfigProblem(loadConfig({ HOST: 'localhost' }))).toBeUndefined();
    expect(serveConfigProblem(loadConfig({ HOST: '::1' }))).toBeUndefined();
    expect(serveConfigProblem(loadConfig({ HOST: '0.0.0.0', SAMENSPEL_DEMO: '0' }))).toBeUndefined();
    expect(serveConfigProblem(loadConfig({ HOST: '0.0.0.0', SAMENSPEL_DEMO_PUBLIC: '1' }))).toBeUndefined();
  });
});

describe('configuration: TRUST_PROXY lists the reverse proxies (issue 10)', () => {
  it('is a comma-separated list of addresses and CIDR ranges; unset or 0 trusts no one', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,fd00::/8' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', 'fd00::/8']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
  });

  it('refuses 1/true (trust everyone) with a message to list the proxies, and what is not an address', () => {
    for (const v of ['1', 'true', 'TRUE']) expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(/List the addresses of your reverse proxies/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.regio.nl' })).toThrow(/not understood: proxy\.regio\.nl/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not understood: 10\.0\.0\.0\/33/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5,::1/129' })).toThrow(/not understood: ::1\/129/);
  });
});
