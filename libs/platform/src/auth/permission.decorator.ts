import { SetMetadata } from '@nestjs/common';
import type { CommandName, Resource } from './access-matrix';

export const PERMISSION = 'crm:permission';

/** What a route needs: every controller method declares one, or the guard refuses it. */
export type Permission = { kind: 'public' } | { kind: 'command'; command: CommandName } | { kind: 'read'; resource: Resource };

/** The route issues this command: only roles whose matrix row lists it pass. */
export const Allow = (command: CommandName) => SetMetadata(PERMISSION, { kind: 'command', command } satisfies Permission);

/** The route reads this resource: only roles whose matrix row lists it pass. */
export const Reads = (resource: Resource) => SetMetadata(PERMISSION, { kind: 'read', resource } satisfies Permission);

/** No credentials needed (health). */
export const Public = () => SetMetadata(PERMISSION, { kind: 'public' } satisfies Permission);
