/** The exit of a command-line tool: 2 with the usage for a wrong call. */
export const usageFailure =
  (usage: string) =>
  (message: string): never => {
    process.stderr.write(`${message}\n\n${usage}\n`);
    process.exit(2);
  };

/** Runs a command-line tool's main: its result is the exit code; an error exits 1 with its message, no stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
