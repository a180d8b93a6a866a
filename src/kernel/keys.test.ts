import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keysFromSecret, loadKeys, parseKey } from './keys.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the installation key', () => {
  it('is generated on the first start as a file only the app can read, and read back the same afterwards', () => {
    const dataDir = path.join(dir, 'first');
    const first = loadKeys({ dataDir });
    const file = path.join(dataDir, 'samenspel.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.source).toContain('generated');
    const again = loadKeys({ dataDir });
    expect(again.id).toBe(first.id);
    expect(again.mac('audit-chain', 'x').equals(first.mac('audit-chain', 'x'))).toBe(true);
  });

  it('refuses a key file that other users can read, saying how to fix it', () => {
    const file = path.join(dir, 'open.key');
    fs.writeFileSync(file, 'ab'.repeat(32), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => loadKeys({ keyFile: file, dataDir: dir })).toThrow(/chmod 600/);
    fs.chmodSync(file, 0o600);
    expect(loadKeys({ keyFile: file, dataDir: dir }).id).toBe(keysFromSecret(Buffer.from('ab'.repeat(32), 'hex')).id);
  });

  it('takes SAMENSPEL_KEY as hex or base64, and refuses a short one', () => {
    const hex = 'cd'.repeat(32);
    expect(loadKeys({ key: hex, dataDir: dir }).id).toBe(keysFromSecret(parseKey(Buffer.from(hex, 'hex').toString('base64'))).id);
    expect(() => loadKeys({ key: 'abcd', dataDir: dir })).toThrow(/at least 32 bytes/);
  });

  it('gives each purpose its own subkey', () => {
    const k = keysFromSecret(Buffer.alloc(32, 7));
    expect(k.mac('audit-chain', 'same').equals(k.mac('invitation-token', 'same'))).toBe(false);
  });
});
