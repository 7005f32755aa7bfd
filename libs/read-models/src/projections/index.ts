export * from './customer-view.projection';
export * from './loyalty-progression.projection';
export * from './complaint-queue.projection';
export * from './recovery-queue.projection';
export * from './stage-transitions.projection';
