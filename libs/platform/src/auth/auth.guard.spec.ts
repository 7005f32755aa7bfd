import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { SignJWT } from 'jose';
import pino from 'pino';
import { loadAppConfig } from '../config/app-config';
import { issueApiKey } from './api-key';
import { AuthGuard } from './auth.guard';
import { createJwtVerifier } from './jwt.verifier';
import { Allow, Public, Reads } from './permission.decorator';
import type { Principal } from './principal';
import { createSqliteApiKeyStore } from './sqlite.api-key-store';

const SECRET = 'unit-test-secret-of-at-least-32-bytes!!';

class Routes {
  @Public() health() {}
  @Allow('RecordCreditEvent') credit() {}
  @Reads('metrics') metrics() {}
  undeclared() {}
}

const config = (env: Record<string, string> = {}) => loadAppConfig({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '3', ...env });

function guardWith(env: Record<string, string> = {}) {
  const keys = createSqliteApiKeyStore(join(mkdtempSync(join(tmpdir(), 'crm-guard-')), 'keys.sqlite'));
  const settings = config(env);
  const guard = new AuthGuard(new Reflector(), settings, keys, createJwtVerifier(settings.auth), new ThrottlerStorageService(), pino({ level: 'silent' }));
  return { guard, keys };
}

function call(route: keyof Routes, headers: Record<string, string> = {}) {
  const request: { headers: Record<string, string>; routeOptions: { url: string }; principal?: Principal } = { headers, routeOptions: { url: `/${route}` } };
  const reply = { header: jest.fn() };
  const context = {
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { context, request, reply };
}

/** Fixed times: issued 2026-01-01, valid until 2100 unless told (verification itself uses the real clock). */
const token = (claims: Record<string, unknown>, expiresAt = 4_102_444_800, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1_767_225_600).setExpirationTime(expiresAt).sign(new TextEncoder().encode(secret));

const status = (promise: Promise<unknown>) => promise.then(() => 200, (error: { getStatus(): number }) => error.getStatus());

describe('AuthGuard', () => {
  it('lets public routes through without credentials and refuses routes that declare nothing', async () => {
    const { guard } = guardWith();
    expect(await guard.canActivate(call('health').context)).toBe(true);
    expect(await status(guard.canActivate(call('undeclared').context))).toBe(403);
  });

  it('answers 401 with a challenge when credentials are missing, forged or expired', async () => {
    const { guard } = guardWith();
    const missing = call('credit');
    expect(await status(guard.canActivate(missing.context))).toBe(401);
    expect(missing.reply.header).toHaveBeenCalledWith('WWW-Authenticate', 'Bearer, ApiKey');
    const forged = await token({ sub: 'eve', role: 'admin' }, undefined, 'a-different-secret-of-32-bytes-or-more');
    expect(await status(guard.canActivate(call('credit', { authorization: `Bearer ${forged}` }).context))).toBe(401);
    const expired = await token({ sub: 'old', role: 'finance' }, 1_577_836_800);
    expect(await status(guard.canActivate(call('credit', { authorization: `Bearer ${expired}` }).context))).toBe(401);
  });

  it('puts the principal on the request when the role may, and answers 403 when it may not', async () => {
    const { guard } = guardWith();
    const finance = call('credit', { authorization: `Bearer ${await token({ sub: 'dora', role: 'finance', department: 'accounts' })}` });
    expect(await guard.canActivate(finance.context)).toBe(true);
    expect(finance.request.principal).toEqual({ subject: 'dora', name: 'dora', role: 'finance', department: 'accounts', credential: 'jwt' });
    expect(await status(guard.canActivate(call('credit', { authorization: `Bearer ${await token({ sub: 'bob', role: 'sales' })}` }).context))).toBe(403);
  });

  it('accepts an API key until it is revoked', async () => {
    const { guard, keys } = guardWith();
    const { key, record } = await issueApiKey(keys, { name: 'erp', role: 'finance' }, '2026-01-01T00:00:00.000Z', () => 'k1');
    expect(await guard.canActivate(call('credit', { 'x-api-key': key }).context)).toBe(true);
    expect(await guard.canActivate(call('credit', { authorization: `ApiKey ${key}` }).context)).toBe(true);
    await keys.revoke(record.id, '2026-01-02T00:00:00.000Z');
    expect(await status(guard.canActivate(call('credit', { 'x-api-key': key }).context))).toBe(401);
  });

  it('limits each principal to its requests per minute with 429', async () => {
    const { guard } = guardWith();
    const headers = { authorization: `Bearer ${await token({ sub: 'dora', role: 'finance' })}` };
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push(await status(guard.canActivate(call('credit', headers).context)));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await status(guard.canActivate(call('credit', { authorization: `Bearer ${await token({ sub: 'ann', role: 'finance' })}` }).context))).toBe(200);
  });

  it('serves /metrics openly only while METRICS_PUBLIC is on', async () => {
    expect(await guardWith().guard.canActivate(call('metrics').context)).toBe(true);
    expect(await status(guardWith({ METRICS_PUBLIC: 'false' }).guard.canActivate(call('metrics').context))).toBe(401);
  });
});
