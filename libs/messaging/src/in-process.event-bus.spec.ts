import { createInProcessEventBus } from './in-process.event-bus';
import { describeEventBusContract } from './testing';

describeEventBusContract('in-process', async () => createInProcessEventBus());
