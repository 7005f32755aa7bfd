export interface Gate {
  promise: Promise<void>;
  open(): void;
  fail(error: Error): void;
}

/** A promise the test settles when it chooses. */
export function gate(): Gate {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  // A handler may have stopped awaiting it by the time the test fails it.
  promise.catch(() => undefined);
  return { promise, open, fail };
}
