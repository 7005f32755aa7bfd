export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
