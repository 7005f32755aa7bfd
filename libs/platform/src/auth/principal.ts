import type { FastifyRequest } from 'fastify';
import type { Role } from './access-matrix';

/** Who is calling, as the guard authenticated them. */
export interface Principal {
  /** JWT `sub`, or `api-key:<id>`: the actor recorded on the events. */
  subject: string;
  name: string;
  role: Role;
  department: string;
  credential: 'jwt' | 'api-key';
}

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function attachPrincipal(request: FastifyRequest, principal: Principal): void {
  (request as AuthenticatedRequest).principal = principal;
}

/** The principal the guard put on the request; a route behind the guard always has one. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = (request as AuthenticatedRequest).principal;
  if (!principal) throw new Error('No authenticated principal on the request: is the route declared public?');
  return principal;
}
