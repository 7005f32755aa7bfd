/** Collection names: stable, since rebuilds and the audit CLI address read models by them. */
export const CUSTOMER_VIEW = 'customer_view';
export const LOYALTY_PROGRESSION = 'loyalty_progression';
export const COMPLAINT_QUEUE = 'complaint_queue';
export const RECOVERY_QUEUE = 'recovery_queue';
export const STAGE_TRANSITIONS = 'stage_transitions';
