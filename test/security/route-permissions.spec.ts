import 'reflect-metadata';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { CommandApiModule } from '@crm/command-api';
import { EventRelayModule } from '@crm/event-relay';
import { HealthController, PERMISSION, type Permission } from '@crm/platform';
import { ProjectorModule } from '@crm/projector';
import { QueryApiModule } from '@crm/query-api';

/** Every route of every app declares its permission: one added without it fails here, not in production. */
describe('route permissions', () => {
  const controllers = [CommandApiModule, QueryApiModule, ProjectorModule, EventRelayModule].flatMap(
    (module) => (Reflect.getMetadata('controllers', module) as Array<new (...args: never[]) => unknown>) ?? [],
  );
  const routes = [...controllers, HealthController].flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .map((name) => ({ controller, name, handler: controller.prototype[name] as object }))
      .filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== undefined && Reflect.getMetadata(PATH_METADATA, handler) !== undefined),
  );

  it('finds the routes of every app', () => {
    expect(routes.length).toBeGreaterThanOrEqual(29);
  });

  it('finds a declared permission on every route, public only for /health', () => {
    const undeclared = routes.filter(({ controller, handler }) => Reflect.getMetadata(PERMISSION, handler) === undefined && Reflect.getMetadata(PERMISSION, controller) === undefined);
    expect(undeclared.map(({ controller, name }) => `${controller.name}.${name}`)).toEqual([]);
    const open = routes.filter(({ handler }) => (Reflect.getMetadata(PERMISSION, handler) as Permission).kind === 'public');
    expect(open.map(({ name }) => name)).toEqual(['getHealth']);
  });
});
