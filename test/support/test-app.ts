import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/kernel/db/database.ts';
import { seedDemo, type DemoSeedResult } from '../../src/modules/demo/seed-demo.ts';
import { createTestDatabase } from './test-db.ts';
import { ephemeralKeys, type AppKeys } from '../../src/kernel/keys.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  demo: DemoSeedResult;
  /** The installation key the app uses (access-log chain, invitation tokens). */
  keys: AppKeys;
  /** Signs in as a demo account (password "demo") and returns a client that keeps the session. */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string | null;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function makeClient(app: FastifyInstance, cookie: string | null = null, csrfToken: string | null = null, ip = '127.0.0.1'): Client {
  const client: Client = {
    csrfToken,
    async request(method, url, body, headers = {}) {
      return app.inject({
        method: method as 'GET',
        url,
        remoteAddress: ip,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(client.csrfToken && method !== 'GET' ? { 'x-csrf-token': client.csrfToken } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    },
    get: (url) => client.request('GET', url),
    post: (url, body) => client.request('POST', url, body),
    put: (url, body) => client.request('PUT', url, body),
    patch: (url, body) => client.request('PATCH', url, body),
    delete: (url) => client.request('DELETE', url),
  };
  return client;
}

export async function startTestApp(opts: { children?: number; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const demo = await seedDemo(database, { children: opts.children ?? 150 });
  // No anchor file: a test's chain is its own (the repository's ./data belongs to `npm start`).
  const config = { ...loadConfig({ ...process.env, SAMENSPEL_DEMO: '1', AUDIT_ANCHOR_FILE: '', ...opts.env }), logLevel: 'silent' };
  const keys = ephemeralKeys();
  const app = await buildApp(database, config, { logger: false, keys });
  await app.ready();
  const login = async (username: string, password = 'demo') => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0];
    return makeClient(app, cookie, res.json().csrfToken);
  };
  return {
    app,
    database,
    config,
    demo,
    keys,
    login,
    anonymous: () => makeClient(app),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
