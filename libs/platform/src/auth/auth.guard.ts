import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.di-tokens';
import { ProblemException } from '../http/problem';
import { LOGGER } from '../logging/logger.di-tokens';
import { mayIssue, mayRead } from './access-matrix';
import { hashApiKey } from './api-key';
import { API_KEY_STORE, type ApiKeyStore } from './api-key-store.port';
import { InvalidTokenError, type JwtVerifier } from './jwt.verifier';
import { PERMISSION, type Permission } from './permission.decorator';
import { attachPrincipal, type Principal } from './principal';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

const MINUTE_MS = 60_000;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The one gate in front of every route: the route's declared permission (a route without one is
 * refused), then the credentials (bearer JWT or API key; 401), the per-principal rate limit
 * (429), and the access matrix (403). The API key store is asked on every request, so a
 * revoked key is refused from the next request on.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_KEY_STORE) private readonly keys: ApiKeyStore,
    @Inject(JWT_VERIFIER) private readonly verifyJwt: JwtVerifier | undefined,
    @Inject(RATE_LIMIT_STORAGE) private readonly rateLimits: ThrottlerStorage,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (permission === undefined) {
      this.logger.error({ route: request.routeOptions.url }, 'route declares no permission; refused');
      throw new ProblemException(HttpStatus.FORBIDDEN, 'This route declares no permission');
    }
    if (permission.kind === 'public') return true;
    if (permission.kind === 'read' && permission.resource === 'metrics' && this.config.auth.metricsPublic) return true;

    const principal = await this.authenticate(request, reply);
    await this.limitRate(principal, reply);
    const allowed = permission.kind === 'command' ? mayIssue(principal.role, permission.command) : mayRead(principal.role, permission.resource);
    if (!allowed) {
      const what = permission.kind === 'command' ? `issue ${permission.command}` : `read ${permission.resource}`;
      throw new ProblemException(HttpStatus.FORBIDDEN, `The role ${principal.role} may not ${what}`);
    }
    attachPrincipal(request, principal);
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const refuse = (message: string): never => {
      void reply.header('WWW-Authenticate', 'Bearer, ApiKey');
      throw new ProblemException(HttpStatus.UNAUTHORIZED, message);
    };
    const authorization = header(request, 'authorization');
    const [scheme, credential] = authorization?.trim().split(/\s+/, 2) ?? [];
    const apiKey = header(request, 'x-api-key') ?? (scheme?.toLowerCase() === 'apikey' ? credential : undefined);
    if (apiKey !== undefined) {
      const record = await this.keys.findActive(hashApiKey(apiKey));
      if (!record) return refuse('Unknown or revoked API key');
      return { subject: `api-key:${record.id}`, name: record.name, role: record.role, department: record.department, credential: 'api-key' };
    }
    if (scheme?.toLowerCase() === 'bearer' && credential) {
      if (!this.verifyJwt) return refuse('Bearer tokens are not configured (AUTH_JWT_SECRET or AUTH_JWKS_FILE); use an API key');
      try {
        return await this.verifyJwt(credential);
      } catch (error) {
        if (error instanceof InvalidTokenError) return refuse(error.message);
        throw error;
      }
    }
    return refuse('Credentials required: Authorization: Bearer <JWT>, or an API key in X-Api-Key');
  }

  private async limitRate(principal: Principal, reply: FastifyReply): Promise<void> {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0) return;
    const usage = await this.rateLimits.increment(principal.subject, MINUTE_MS, limit, MINUTE_MS, 'per-principal');
    if (usage.isBlocked) {
      void reply.header('Retry-After', String(Math.max(1, Math.ceil(usage.timeToBlockExpire))));
      throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, `Rate limit of ${limit} requests per minute exceeded`);
    }
  }
}
