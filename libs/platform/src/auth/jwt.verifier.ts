import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole } from './access-matrix';
import type { Principal } from './principal';

export interface JwtSettings {
  jwtSecret: string | undefined;
  jwksFile: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

/** Verifies a bearer token and reads the principal from it; rejects (throws) anything else. */
export type JwtVerifier = (token: string) => Promise<Principal>;

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/**
 * HS256 with a shared secret, or RS256 with the identity provider's public keys from a JWKS
 * file; only the algorithm configured is accepted, so a token cannot choose a weaker one.
 * Claims: `sub`, `role` (one of the matrix's roles), optional `name` and `department`.
 */
export function createJwtVerifier(settings: JwtSettings): JwtVerifier | undefined {
  const options = { issuer: settings.issuer, audience: settings.audience };
  let verify: (token: string) => Promise<JWTPayload>;
  if (settings.jwksFile !== undefined) {
    const keys: JWTVerifyGetKey = createLocalJWKSet(JSON.parse(readFileSync(settings.jwksFile, 'utf8')));
    verify = async (token) => (await jwtVerify(token, keys, { ...options, algorithms: ['RS256'] })).payload;
  } else if (settings.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(settings.jwtSecret);
    verify = async (token) => (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
  } else {
    return undefined;
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'unverifiable');
    }
    const { sub, role, name, department } = payload as JWTPayload & Record<string, unknown>;
    if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('no subject');
    if (!isRole(role)) throw new InvalidTokenError('no known role');
    return {
      subject: sub,
      name: typeof name === 'string' ? name : sub,
      role,
      department: typeof department === 'string' ? department : role,
      credential: 'jwt',
    };
  };
}
